import { describe, expect, it } from 'vitest';
import type { Keyword, RoundConfig } from '../../config/schema.js';
import { clauseBounds } from '../../pipeline/clauses.js';
import { mentionRole } from '../../pipeline/context.js';
import { assess } from '../../pipeline/score.js';
import { termHits } from '../../pipeline/score-inputs.js';
import { compileTerm } from '../../pipeline/terms.js';
import { matchUnits } from '../../pipeline/units.js';
import { bodyField, namedRound as round } from './fixtures.js';

const LEXICON: Keyword[] = [
  { term: '挤兑', category: '涉众金融', weight: 6 },
  { term: '被骗', category: '涉众金融', weight: 8 },
  { term: '拖欠', category: '民生投诉', weight: 7 },
  { term: '不兑付', category: '涉众金融', weight: 8 },
  { term: '逾期', category: '涉众金融', weight: 7 },
  { term: '冻结', category: '涉众金融', weight: 5 },
];

const assessed = (r: RoundConfig, body: string) =>
  assess({ round: r, lexicon: LEXICON, title: '', body, units: matchUnits(r, '', body) });

const partOf = (a: ReturnType<typeof assess>, name: string, term: string) =>
  a.units.find((u) => u.unitName === name)?.parts?.find((p) => p.term === term);

const counted = (text: string) =>
  termHits([bodyField(text)], LEXICON.map(compileTerm)).counted.map((h) => h.rule.display);

describe('不 and 无 that do not negate', () => {
  it('counts a term after a complement of ability, a quantity or a cause denied', () => {
    expect(counted('这家银行扛不住挤兑。')).toEqual(['挤兑']);
    expect(counted('不少被骗的人来了。')).toEqual(['被骗']);
    expect(counted('公司无故拖欠工资。')).toEqual(['拖欠']);
  });

  it('still cancels a term that 不 or 无 negates', () => {
    expect(counted('平台不挤兑。')).toEqual([]);
    expect(counted('公司从不拖欠工资。')).toEqual([]);
  });
});

describe('a supposition', () => {
  it('asserts nothing even about the unit it names', () => {
    const r = round('工商银行', '某平台');
    const a = assessed(r, '连某平台都出事了，就算工商银行也扛不住挤兑啊。');
    expect(partOf(a, '工商银行', '挤兑')).toBeUndefined();
    expect(counted('如果大家都去取钱就会挤兑。')).toEqual([]);
  });
});

describe('a subject carried over from the sentence before', () => {
  it('reads an unnamed sentence right after one naming only the unit as about it', () => {
    const a = assessed(round('海象理财'), '我们找海象理财公司管管吧。不兑付，天天拖着。');
    expect(partOf(a, '海象理财', '不兑付')?.label).toContain('承接上句');
  });

  it('does not carry over past a sentence naming another unit, nor two sentences on', () => {
    const other = assessed(round('海象理财', '某银行'), '海象理财与某银行签约。不兑付，天天拖着。');
    expect(partOf(other, '海象理财', '不兑付')?.label ?? '').not.toContain('承接上句');
    const far = assessed(round('海象理财'), '海象理财公司成立多年。办公地点在北京。不兑付，天天拖着。');
    expect(partOf(far, '海象理财', '不兑付')?.label ?? '').not.toContain('承接上句');
  });
});

describe('a victims’ handle among tagged accounts', () => {
  it('makes the unit the subject of @X逾期受害人 but an addressee of a bare @X in a list', () => {
    const text = '//@小资钱包逾期受害人: @海淀公安分局 @法制网 @新京报 @小资钱包 @人民网';
    const own = text.indexOf('小资钱包');
    expect(mentionRole(text, own, own + 4, 0)).toBe('subject');
    const tagged = text.lastIndexOf('小资钱包');
    expect(mentionRole(text, tagged, tagged + 4, 0)).toBe('addressee');
  });

  it('keeps a handle that only starts with the name (@大大宝子1) from being the one accused', () => {
    const text = '@法制网 @大大宝子1 @新京报 @人民网 逾期';
    const at = text.indexOf('大大宝');
    expect(mentionRole(text, at, at + 3, 0)).toBe('addressee');
  });
});

describe('a bank in payment details', () => {
  it('is where the money went, not the one accused', () => {
    const text = '传销收款账号：62220000，农业银行，户名：吴某。';
    const at = text.indexOf('农业银行');
    expect(mentionRole(text, at, at + 4, text.indexOf('农业银行'))).toBe('location');
    const opened = '开户行：农业银行，骗了我们的钱。';
    const o = opened.indexOf('农业银行');
    expect(mentionRole(opened, o, o + 4, 0)).toBe('location');
    const accused = '农业银行乱收费，被骗了。';
    expect(mentionRole(accused, 0, 4, 0)).toBe('subject');
  });
});

describe('an intensifier before a term', () => {
  it('weighs 恶意拖欠 more than 拖欠 and says why', () => {
    const plain = assessed(round('某公司'), '某公司拖欠工资。');
    const stressed = assessed(round('某公司'), '某公司恶意拖欠工资。');
    const a = partOf(plain, '某公司', '拖欠');
    const b = partOf(stressed, '某公司', '拖欠');
    expect(b?.points ?? 0).toBeGreaterThan(a?.points ?? 0);
    expect(b?.label).toContain('加重语气「恶意」');
    const u = stressed.units[0];
    expect(u?.parts?.reduce((s, p) => s + p.points, 0)).toBe(u?.score);
  });
});

describe('how-to and promotional writing', () => {
  it('lowers the risk of an advice post (教你…, 小编)', () => {
    const body = '富金利教你如何安全理财，小编提醒很多人因高收益而遭遇欺骗。';
    const a = assess({
      round: round('富金利'),
      lexicon: [{ term: '欺骗', category: '民生投诉', weight: 6 }],
      title: '',
      body,
      units: matchUnits(round('富金利'), '', body),
    });
    expect(a.units[0]?.parts?.find((p) => p.label.startsWith('正面宣传语境'))?.points).toBeLessThan(0);
  });
});

describe('a yes-no question (有没有)', () => {
  it('is a demand when it names a watched unit, a general question otherwise', () => {
    const r = round('某信用管理公司');
    const a = assessed(r, '请问警方：有没有冻结某信用管理公司涉案资产？');
    expect(partOf(a, '某信用管理公司', '冻结')).toBeDefined();
    expect(counted('请问有没有冻结的风险？')).toEqual([]);
  });
});

describe('Weibo hashtags and repost chains', () => {
  it('reads each #topic# as its own clause, so a charge in one topic is not said of the unit in the next', () => {
    const body = '#某平台大面积逾期[超话]##某银行与某平台[超话]#';
    expect(clauseBounds(body).starts.length).toBeGreaterThanOrEqual(3);
    const a = assessed(round('某平台', '某银行'), body);
    const onBank = partOf(a, '某银行', '逾期');
    const onPlatform = partOf(a, '某平台', '逾期');
    expect(onPlatform?.label).toContain('与单位同一分句');
    expect(onBank?.label ?? '').not.toContain('同一分句');
  });

  it('reads the author of a repost (//@X:) as who speaks, unless the handle accuses the unit', () => {
    const text = '逾期遗臭万年//@大大宝子1:老赖';
    const at = text.indexOf('大大宝');
    expect(mentionRole(text, at, at + 3, 0)).toBe('source');
    const accusing = '回复@链金所全部假标:受害者有微信群吗';
    const b = accusing.indexOf('链金所');
    expect(mentionRole(accusing, b, b + 3, 0)).toBe('subject');
  });
});
