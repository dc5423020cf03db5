import { describe, expect, it } from 'vitest';
import { loadLexicon } from '../../config/lexicon.js';
import type { Keyword, RoundConfig } from '../../config/schema.js';
import { caseNamePart } from '../../pipeline/case-name.js';
import { sentenceBounds } from '../../pipeline/clauses.js';
import { ignoredRecipient, mentionRole, stillNotSanctioned } from '../../pipeline/context.js';
import { assess } from '../../pipeline/score.js';
import { locateMentions, termHits } from '../../pipeline/score-inputs.js';
import { createJiebaSegmenter } from '../../pipeline/segmenter.js';
import { sentimentOf } from '../../pipeline/sentiment.js';
import { compileTerm } from '../../pipeline/terms.js';
import { matchUnits } from '../../pipeline/units.js';
import { splitsWord } from '../../pipeline/word-bounds.js';
import { bodyField, namedRound as round } from './fixtures.js';

const LEXICON: Keyword[] = [
  { term: '诈骗', category: '涉众金融', weight: 9 },
  { term: '冻结', category: '涉众金融', weight: 5 },
  { term: '被立案', category: '涉众金融', weight: 9 },
  { term: '石沉大海', category: '信访举报', weight: 7 },
];

const assessed = (r: RoundConfig, title: string, body: string, lexicon: readonly Keyword[] = LEXICON) =>
  assess({ round: r, lexicon, title, body, units: matchUnits(r, title, body) });

const unit = (a: ReturnType<typeof assess>, name: string) => a.units.find((u) => u.unitName === name);

describe('sentence bounds', () => {
  it('lets a run of punctuation (emoji left as ????) join the next sentence', () => {
    const text = '????【某平台兑付款被法院冻结】6月19日公告。';
    expect(sentenceBounds(text).starts).toEqual([0, text.length]);
    expect(sentenceBounds('好！！！再来。').starts).toEqual([0, 2, 7]);
    // So the post's headline is its first sentence and names the unit as the headline subject.
    const a = assessed(round('某平台'), '', text);
    expect(unit(a, '某平台')?.parts?.some((p) => p.kind === 'unit' && p.label.startsWith('首句'))).toBe(true);
  });
});

describe('names the text declares to be one organisation', () => {
  it('links a watched unit named in the bracket after another one (X公司(Y平台))', () => {
    const r = round('小资钱包', '资易贷');
    const body = '举报：小资钱包公司(资易贷平台)涉嫌诈骗，出借人血本无归。';
    const names = matchUnits(r, '', body).map((m) => [m.unitName, m.mentions.length]);
    expect(names).toEqual([
      ['小资钱包', 2],
      ['资易贷', 2],
    ]);
  });

  it('links a declared short name that starts with another watched name (简称…P2P平台)', () => {
    const r = round('资易贷（北京）金融信息服务有限公司', '小资钱包');
    const body = '资易贷（北京）金融信息服务有限公司（简称小资钱包P2P平台）成立于2014年。#小资钱包涉嫌诈骗#';
    const a = assessed(r, '', body);
    expect(unit(a, '资易贷（北京）金融信息服务有限公司')?.level).toMatch(/orange|red/);
  });

  it('does not count a name both units answer to as another unit in the clause', () => {
    const r = round('红岭创投电子商务股份有限公司', '红岭创投');
    const a = assessed(r, '', '红岭创投兑付款被法院冻结。');
    const parts = unit(a, '红岭创投')?.parts ?? [];
    expect(parts.find((p) => p.term === '冻结')?.label).toContain('与单位同一分句');
  });
});

describe('demands to investigate a unit', () => {
  it('scores 彻查/追查 aimed at the unit from the default lexicon', async () => {
    const lexicon = await loadLexicon('config');
    expect(lexicon.filter((k) => ['彻查', '追查', '严查'].includes(k.term)).length).toBe(3);
    const a = assessed(
      round('某某投资公司'),
      '',
      '强烈要求警方彻查某某投资公司，追回我们的血汗钱！',
      lexicon,
    );
    expect(unit(a, '某某投资公司')?.parts?.some((p) => p.term === '彻查')).toBe(true);
  });
});

describe('complaint vocabulary in the sentiment signal', () => {
  it('reads exasperation and stonewalling words as negative', () => {
    expect(sentimentOf('看这个频道真的很闹心很烦躁').negative).toBeGreaterThan(4);
    expect(sentimentOf('街道置若罔闻，一手遮天').words).toEqual(['置若罔闻', '一手遮天']);
  });
});

describe('a sanction the writer says is still overdue', () => {
  it('keeps 还未被立案 as an accusation but 未被立案 as a denial', () => {
    const still = '时至今日，斐讯还未被立案。';
    const plain = '经调查，斐讯未被立案。';
    expect(stillNotSanctioned(still, still.indexOf('被立案'), 0)).toBe(true);
    expect(stillNotSanctioned(plain, plain.indexOf('被立案'), 0)).toBe(false);
    const rules = LEXICON.map(compileTerm);
    expect(termHits([bodyField(still)], rules).counted.map((h) => h.rule.display)).toEqual(['被立案']);
    expect(termHits([bodyField(plain)], rules).counted).toEqual([]);
  });
});

describe('a case named after a unit', () => {
  it('adds a part for 联璧金融案 but not for 案例 or 案底', () => {
    const r = round('联璧金融');
    for (const [body, named] of [
      ['互金早报：联璧金融案最新进展', true],
      ['联璧金融一案开庭', true],
      ['联璧金融案例分享', false],
      ['联璧金融案底清白', false],
    ] as const) {
      const f = bodyField(body);
      const own = locateMentions([f], matchUnits(r, '', body));
      expect(caseNamePart([f], own, '联璧金融') !== undefined, body).toBe(named);
    }
    const a = assessed(r, '', '互金早报：联璧金融案最新进展');
    const total = unit(a, '联璧金融')?.parts?.reduce((s, p) => s + p.points, 0);
    expect(total).toBe(unit(a, '联璧金融')?.score);
    expect(unit(a, '联璧金融')?.level).toBe('orange');
  });
});

describe('names that run across two words', () => {
  const segmenter = createJiebaSegmenter(['友利', '钱宝']);
  it('finds a name that begins inside a word of the text, not one whose tail is glued to a suffix', () => {
    const text = '维护网友利益，保障网民权益';
    expect(splitsWord(segmenter.cut, text, text.indexOf('友利'), text.indexOf('友利') + 2)).toBe(true);
    // jieba cuts 钱/宝网 here (钱宝网 is not in its dictionary): the name still starts a word.
    expect(splitsWord(segmenter.cut, '钱宝网涉嫌诈骗', 0, 2)).toBe(false);
    expect(splitsWord(segmenter.cut, '投资钱宝涉嫌诈骗', 2, 4)).toBe(false);
  });

  it('drops such a mention when the matcher is given the segmenter', () => {
    const r = round('友利');
    const body = '百度将最大程度地维护网友利益。友利公司涉嫌诈骗。';
    expect(matchUnits(r, '', body)[0]?.mentions.length).toBe(2);
    expect(matchUnits(r, '', body, undefined, segmenter.cut)[0]?.mentions.length).toBe(1);
  });
});

describe('an office a complaint went to and that ignored it', () => {
  const role = (text: string, name: string) => {
    const start = text.indexOf(name);
    const end = start + name.length;
    const sentenceEnd = text.indexOf('。', end) === -1 ? text.length : text.indexOf('。', end);
    return ignoredRecipient(text, end, sentenceEnd, mentionRole(text, start, end, 0));
  };

  it('is accused when the sentence says the complaint was ignored', () => {
    expect(role('我们也曾向A3区国土资源局递交举报信，而递交的资料均石沉大海。', 'A3区国土资源局')).toBe(
      'subject',
    );
  });

  it('stays an addressee when the complaint merely had no result or nothing is said of it', () => {
    expect(role('多次拨打12345市民热线无果。', '12345市民热线')).toBe('addressee');
    expect(role('我们向A3区国土资源局递交举报信。资料石沉大海。', 'A3区国土资源局')).toBe('addressee');
  });

  it('scores the ignoring office as a subject', () => {
    const r = round('A3区国土资源局');
    const a = assessed(r, '', '我们曾向A3区国土资源局递交举报信，而递交的资料均石沉大海。');
    expect(unit(a, 'A3区国土资源局')?.parts?.find((p) => p.term === '石沉大海')?.label).not.toContain(
      '仅被@',
    );
  });
});
