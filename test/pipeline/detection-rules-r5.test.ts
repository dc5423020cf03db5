import { describe, expect, it } from 'vitest';
import { datelineLength } from '../../pipeline/dateline.js';
import { compileTerm, findTermHits } from '../../pipeline/terms.js';
import { bodyField, shippedUnit, termCategories } from './fixtures.js';

const hitsOf = (term: string, text: string) => {
  const f = bodyField(text);
  return findTermHits([compileTerm({ term, category: '涉众金融', weight: 6 })], 'body', text, f.sentences);
};

describe('a `+` rule with alternatives', () => {
  it('is met by any one of them in the sentence', () => {
    const rule = '约谈 +保监会|证监会';
    expect(hitsOf(rule, '证监会约谈了某平台负责人。')).toHaveLength(1);
    expect(hitsOf(rule, '保监会对某平台进行约谈。')).toHaveLength(1);
  });

  it('is not met by none of them, nor by one in another sentence', () => {
    const rule = '约谈 +保监会|证监会';
    expect(hitsOf(rule, '公司内部约谈了员工。')).toHaveLength(0);
    expect(hitsOf(rule, '保监会发布通知。公司约谈了员工。')).toHaveLength(0);
  });

  it('still needs every plain `+` word beside the alternatives', () => {
    const rule = '约谈 +保监会|证监会 +负责人';
    expect(hitsOf(rule, '证监会约谈了某平台负责人。')).toHaveLength(1);
    expect(hitsOf(rule, '证监会约谈了某平台。')).toHaveLength(0);
  });
});

describe('a news dateline', () => {
  it('is measured at the start of the body', () => {
    expect(datelineLength('中新网11月3日电据保监会网站消息')).toBe('中新网11月3日电'.length);
    expect(datelineLength('新华社北京3月5日电 记者王某报道')).toBe('新华社北京3月5日电 '.length);
    expect(datelineLength('本报讯（记者 张三）某公司')).toBe('本报讯（记者 张三）'.length);
    expect(datelineLength('【财经网】某公司')).toBe('【财经网】'.length);
  });

  it('is not found in an ordinary opening', () => {
    expect(datelineLength('某公司11月3日宣布清盘')).toBe(0);
    expect(datelineLength('我在某平台投了十万元')).toBe(0);
  });

  it('does not use up the reach in which a unit heads an untitled story', async () => {
    const preamble = '据监管部门网站消息，有关部门负责人就网络互助平台的有关问题表示，';
    const plain = await shippedUnit('某某互助', `${preamble}对某某互助等平台进行了检查。`);
    const dated = await shippedUnit('某某互助', `中新网11月3日电${preamble}对某某互助等平台进行了检查。`);
    const headline = (u: typeof plain) => u?.parts?.some((p) => p.label.includes('首句点名')) ?? false;
    expect(headline(plain)).toBe(true);
    expect(headline(dated)).toBe(true);
    const late = await shippedUnit(
      '某某互助',
      `一位网友在论坛里写道，${preamble}对某某互助等平台进行了检查。`,
    );
    expect(headline(late)).toBe(false);
  });
});

describe('the shipped lexicon', () => {
  it('counts interest or promised returns far above the legal line against the platform', async () => {
    const usury = await shippedUnit('某某贷', '当初在某某贷借了7500还了9000多，利息好像都超了40%了。');
    expect(termCategories(usury)).toContain('涉众金融');
    const lure = await shippedUnit('某某宝', '某某宝以年化收益率高达50%为吸引点拉人头。');
    expect(termCategories(lure)).toContain('涉众金融');
  });

  it('does not count an ordinary daily rate report', async () => {
    const daily = await shippedUnit(
      '某某贷',
      '2018-06-01，某某贷的网贷利率为13.00%，较上一个工作日的12.90%有所变化。',
    );
    expect(termCategories(daily)).toEqual([]);
    const low = await shippedUnit('某某贷', '某某贷的借款利息超过8%。');
    expect(termCategories(low)).toEqual([]);
  });

  it('alerts on a regulator summoning the platform, not on a company talking to its staff', async () => {
    const summoned = await shippedUnit(
      '某某互助',
      '保监会对某某互助等网络互助平台负责人进行重点约谈并通报监管意见。',
    );
    expect(summoned?.level).toMatch(/orange|red/);
    const internal = await shippedUnit('某某互助', '某某互助的经理约谈了几名迟到的员工。');
    expect(termCategories(internal)).toEqual([]);
  });

  it('knows consumer-rights and governance misconduct, and still reads its negation', async () => {
    for (const body of ['某某银行的信用卡被盗刷两万元，客服拒绝理赔。', '某某股份连续三年虚增收入。']) {
      expect(termCategories(await shippedUnit(body.slice(0, 4), body)).length).toBeGreaterThan(0);
    }
    expect(termCategories(await shippedUnit('某某银行', '经核查，某某银行未发现盗刷。'))).toEqual([]);
  });
});
