import { describe, expect, it } from 'vitest';
import type { Keyword, RoundConfig } from '../../config/schema.js';
import { deriveNames } from '../../pipeline/aliases.js';
import { LISTED_CASE_NEGATOR, listedCase } from '../../pipeline/case-list.js';
import { assess } from '../../pipeline/score.js';
import { intensifierBefore } from '../../pipeline/score-inputs.js';
import { matchUnits } from '../../pipeline/units.js';
import { namedRound as round, shippedUnit, termCategories } from './fixtures.js';

const LEXICON: Keyword[] = [
  { term: '逾期', category: '涉众金融', weight: 7 },
  { term: '诈骗', category: '涉众金融', weight: 9 },
  { term: '侵权', category: '涉众金融', weight: 5 },
  { term: '投诉', category: '信访举报', weight: 5 },
];

const assessed = (r: RoundConfig, body: string, title = '') =>
  assess({ round: r, lexicon: LEXICON, title, body, units: matchUnits(r, title, body) });

const unit = (a: ReturnType<typeof assess>, name: string) => a.units.find((u) => u.unitName === name);

describe('an intensifier with a bracketed aside before the term', () => {
  it('still stresses the term', () => {
    const text = '平台爆发大面积（几乎全部）逾期';
    expect(intensifierBefore(text, text.indexOf('逾期'))).toBe('大面积');
    expect(intensifierBefore('平台大面积逾期', 5)).toBe('大面积');
  });

  it('does not look through a long bracket or across a clause', () => {
    const long = '平台大面积（这里是一段很长的、超过十二个字的补充说明）逾期';
    expect(intensifierBefore(long, long.indexOf('逾期'))).toBeUndefined();
    const apart = '损失大面积，后来逾期';
    expect(intensifierBefore(apart, apart.indexOf('逾期'))).toBeUndefined();
  });
});

describe('derived short forms of public transport and city investment companies', () => {
  it('names 轨道交通 as 轨道 with its place, never bare', () => {
    const names = deriveNames('A市轨道交通');
    expect(names).toEqual(expect.arrayContaining([{ text: 'A市轨道', needsPlace: false }]));
    expect(names.map((n) => n.text)).not.toContain('轨道');
    expect(deriveNames('明州市公共交通').map((n) => n.text)).toContain('明州公交');
  });

  it('lets a headline name the unit by that short form', () => {
    const r = round('A市轨道交通');
    const a = assessed(r, '我公司研读招标公告后认为资格要求不合理。', '投诉A市轨道3号线保洁服务项目招标');
    const u = unit(a, 'A市轨道交通');
    expect(u?.parts?.some((p) => p.kind === 'unit' && p.label.includes('标题点名'))).toBe(true);
    expect(u?.parts?.find((p) => p.term === '投诉')?.label).toContain('与单位同在标题');
  });
});

describe('a list of other cases', () => {
  const body =
    '该律所代理过较有影响的要案，如中国第一税案、横店集团名誉侵权案、架金桥诈骗案，也承接了华融资产公司等投资项目法律事务。';

  it('finds the case a term names only when it stands in a list of cases', () => {
    const at = body.indexOf('诈骗');
    expect(listedCase(body, at, at + 2)).toEqual({ start: body.indexOf('架金桥'), end: at + 3 });
    const lone = '华融资产公司涉嫌诈骗案开庭。';
    expect(listedCase(lone, lone.indexOf('诈骗'), lone.indexOf('诈骗') + 2)).toBeUndefined();
  });

  it('does not count those terms against a unit named elsewhere in the sentence, and says so', () => {
    const a = assessed(round('华融资产公司'), body);
    const u = unit(a, '华融资产公司');
    expect(u?.parts?.some((p) => p.term === '诈骗' || p.term === '侵权')).toBe(false);
    expect(u?.parts?.some((p) => p.label.includes(LISTED_CASE_NEGATOR))).toBe(true);
    expect(u?.parts?.reduce((s, p) => s + p.points, 0)).toBe(u?.score);
  });

  it('still counts a listed case that names the unit', () => {
    const named = '近年的典型案件有华融资产公司诈骗案、某某集团侵权案。';
    const u = unit(assessed(round('华融资产公司'), named), '华融资产公司');
    expect(u?.parts?.some((p) => p.term === '诈骗')).toBe(true);
  });
});

describe('the shipped lexicon', () => {
  it('reads 连某平台都完了 as the platform failing, not 做完了', async () => {
    const failed = await shippedUnit('红岭创投', '连红岭创投都完了，唉，这轮完全是格杀勿论啊。');
    expect(termCategories(failed)).toContain('涉众金融');
    expect(failed?.level).toMatch(/orange|red/);
    expect(termCategories(await shippedUnit('红岭创投', '红岭创投的年报做完了，下周发布。'))).toEqual([]);
  });

  it('counts 未能完成业绩承诺 against the company, not a commitment met', async () => {
    const missed = await shippedUnit('全通继教', '全通继教对赌第一年就未能完成业绩承诺。');
    expect(termCategories(missed)).toContain('涉众金融');
    expect(termCategories(await shippedUnit('全通继教', '全通继教顺利完成业绩承诺。'))).toEqual([]);
  });
});
