import { describe, expect, it } from 'vitest';
import { clauseBounds, indexAt } from '../../pipeline/clauses.js';
import { mentionRole } from '../../pipeline/context.js';
import { shippedUnit, termCategories } from './fixtures.js';

const alerted = (u: Awaited<ReturnType<typeof shippedUnit>>) => u?.level === 'orange' || u?.level === 'red';

describe('a pattern whose gap holds a unit name', () => {
  it('keeps the name a mention of the unit', async () => {
    const u = await shippedUnit('某某驰骋', '#等待某某驰骋回款的日子#没什么好说的，大家都在等。');
    expect(u?.mentions.length).toBeGreaterThan(0);
    const part = u?.parts?.find((p) => p.label.includes('回款'));
    expect(part?.label).not.toContain('仅被@');
    expect(part?.points).toBeGreaterThan(0);
  });

  it('still drops a name that only overlaps a literal term', async () => {
    // 资金链 inside 资金链断裂 is not the unit 资金链 being named.
    const u = await shippedUnit('资金链', '某平台资金链断裂，投资人维权。');
    expect(u).toBeUndefined();
  });
});

describe('posts that tag the ones they accuse', () => {
  const text = '转发抵制平安@甲保险 @乙普惠 //@网友:我查了明细，国家规定的红线它居然打擦边球';

  it('make the tagged units subjects, not addressees', () => {
    const at = text.indexOf('甲保险');
    expect(mentionRole(text, at, at + 3, 0)).toBe('subject');
  });

  it('still treat a list of tagged media as addressees', () => {
    const plain = '我的钱取不出来 @甲保险 @某日报 @某电视台';
    const at = plain.indexOf('甲保险');
    expect(mentionRole(plain, at, at + 3, 0)).toBe('addressee');
  });

  it('count a boycott against the tagged unit', async () => {
    const u = await shippedUnit('甲保险', text);
    expect(termCategories(u)).toContain('信访举报');
    expect(alerted(u)).toBe(true);
  });
});

describe('a publicity word leading straight into an allegation', () => {
  it('does not lower the risk', async () => {
    const u = await shippedUnit('某某钱包', '某某钱包高管精心构建利益链，勾结他人诈骗投资人。');
    expect(u?.parts?.some((p) => p.label.includes('正面宣传'))).toBe(false);
    expect(termCategories(u)).toContain('腐败');
  });

  it('still lowers it where it praises', async () => {
    const u = await shippedUnit('某某钱包', '某某钱包着力构建合规体系，诈骗防范宣传取得成效。');
    expect(u?.parts?.some((p) => p.label.includes('正面宣传'))).toBe(true);
  });
});

describe('包括X在内，…', () => {
  it('keeps X in the clause of what the group did', () => {
    const text = '目前包括某某筹在内，众多平台并没有纳入首批名单。';
    const b = clauseBounds(text);
    expect(indexAt(b, text.indexOf('某某筹'))).toBe(indexAt(b, text.indexOf('纳入')));
  });

  it('leaves other commas parting clauses', () => {
    const text = '某某筹发布公告，众多平台并没有纳入首批名单。';
    const b = clauseBounds(text);
    expect(indexAt(b, text.indexOf('某某筹'))).not.toBe(indexAt(b, text.indexOf('纳入')));
  });
});

describe('the shipped lexicon', () => {
  it('alerts on a platform going offline or repayments stalling', async () => {
    const u = await shippedUnit('某e通', '某e通有余额的赶紧取出来。某e通app要下线了，没钱维持了。');
    expect(alerted(u)).toBe(true);
  });

  it('counts a unit left off a regulator’s approved list', async () => {
    const u = await shippedUnit(
      '某某筹',
      '但不容忽视的是，目前包括某某筹在内，众多网络互助平台并没有纳入民政部公布的首批募捐信息平台名单',
    );
    expect(termCategories(u)).toContain('涉众金融');
    expect(alerted(u)).toBe(true);
  });

  it('knows the words borrowers, investors and home buyers use', async () => {
    const debt = await shippedUnit('某某贷', '某某贷的催收人员爆通讯录，给我家人打骚扰电话。');
    expect(alerted(debt)).toBe(true);
    const home = await shippedUnit('某某置业', '某某置业一房多卖，还捂盘惜售。');
    expect(termCategories(home)).toContain('民生投诉');
    expect(alerted(home)).toBe(true);
  });

  it('does not count being kept off a blacklist', async () => {
    const u = await shippedUnit('某某筹', '经查，某某筹没有被列入经营异常名单和失信被执行人黑名单。');
    expect(termCategories(u)).not.toContain('涉众金融');
    expect(alerted(u)).toBe(false);
  });
});
