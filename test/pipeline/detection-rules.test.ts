import { describe, expect, it } from 'vitest';
import type { Keyword, RoundConfig } from '../../config/schema.js';
import { namedAsOwner } from '../../pipeline/aliases.js';
import { clauseBounds } from '../../pipeline/clauses.js';
import { mentionRole } from '../../pipeline/context.js';
import { isGenericName, markedAsName } from '../../pipeline/generic-names.js';
import { assess } from '../../pipeline/score.js';
import { matchUnits } from '../../pipeline/units.js';
import { namedRound as round } from './fixtures.js';

const LEXICON: Keyword[] = [
  { term: '高利贷', category: '涉众金融', weight: 7 },
  { term: '诈骗', category: '涉众金融', weight: 9 },
  { term: '跑路', category: '涉众金融', weight: 9 },
  { term: '受害人', category: '涉众金融', weight: 6 },
  { term: '油烟', category: '民生投诉', weight: 8 },
  { term: '噪音扰民', category: '民生投诉', weight: 8 },
  { term: '塌方', category: '民生投诉', weight: 7 },
  { term: '私自收取', category: '民生投诉', weight: 8 },
];

/** The level each unit of `r` gets for an item, by unit name. */
const levels = (r: RoundConfig, title: string, body: string) => {
  const a = assess({ round: r, lexicon: LEXICON, title, body, units: matchUnits(r, title, body) });
  return (name: string) => a.units.find((u) => u.unitName === name)?.level;
};

function roleOf(text: string, name: string) {
  const start = text.indexOf(name);
  const clauseStart = Math.max(...clauseBounds(text).starts.filter((s) => s <= start));
  return mentionRole(text, start, start + name.length, clauseStart);
}

describe('watched names that are ordinary words', () => {
  it('counts a generic name only where the text marks it as a name', () => {
    expect(isGenericName('返利')).toBe(true);
    expect(isGenericName('唐小僧')).toBe(false);
    const r = round('返利', '唐小僧');
    const plain = matchUnits(r, '', '唐小僧是高返利平台跑路的第一家');
    expect(plain.map((m) => m.unitName)).toEqual(['唐小僧']);
    const tagged = matchUnits(r, '', '@返利 客服说会处理');
    expect(tagged.map((m) => m.unitName)).toEqual(['返利']);
  });

  it('reads quotes, tags and company words around the name as marks', () => {
    expect(markedAsName('投诉“现金贷”平台', 3, 6)).toBe(true);
    expect(markedAsName('现金贷公司跑路', 0, 3)).toBe(true);
    expect(markedAsName('现金贷服务商失联', 0, 3)).toBe(false);
  });
});

describe('allegation floor', () => {
  it('alerts both units of a clause that accuses them together', () => {
    const body = '上市公司泛华金融与国企中外贸信托合作放高利贷，专谋百姓房子！';
    const got = levels(round('泛华金融', '中外贸信托'), '', body);
    expect(got('泛华金融')).toBe('orange');
    expect(got('中外贸信托')).toBe('orange');
  });

  it('leaves a weaker term in the same clause to the sum of its parts', () => {
    const body = '今天见到了很多受害人，他们说宜信普惠和小资钱包的门店都开着。';
    const got = levels(round('宜信普惠', '小资钱包'), '', body);
    expect(got('宜信普惠')).not.toBe('orange');
    expect(got('小资钱包')).not.toBe('orange');
  });

  it('does not lift a unit against refutation context', () => {
    const body = '网传泰和金服与众利网合作诈骗，纯属谣言，警方已辟谣。';
    const got = levels(round('泰和金服', '众利网'), '', body);
    expect(got('泰和金服')).not.toBe('orange');
  });
});

describe('a headline thanking a unit', () => {
  it('keeps the thanked unit below orange', () => {
    const title = '感谢泉塘街道泉星社区拆除废弃油烟排放管道';
    const body = '泉星社区迅速行动，拆除了物流园的油烟管道，消除了隐患。';
    expect(levels(round('泉塘街道泉星社区'), title, body)('泉塘街道泉星社区')).toBe('yellow');
  });
});

describe('mention roles', () => {
  it('reads an authority whose approval was skipped as not accused', () => {
    expect(roleOf('物业在没有物价局的审批下私自收取停车费', '物价局')).toBe('source');
    expect(roleOf('未经规划局批准擅自加建', '规划局')).toBe('source');
  });

  it('reads a unit acted on in the passive as the one accused, not the authority', () => {
    expect(roleOf('福田分局依法查处某公司', '福田分局')).toBe('source');
    expect(roleOf('某公司被依法查处', '某公司')).toBe('subject');
    expect(roleOf('某公司遭约谈', '某公司')).toBe('subject');
    expect(roleOf('某公司因违规被通报批评', '某公司')).toBe('subject');
  });

  it('reads an authority whose letter or directive is cited as not accused', () => {
    expect(roleOf('开发商不在售楼部公示市质监站发来的函，继续违规交房', '市质监站')).toBe('source');
    expect(roleOf('无视住建委的发文，扰乱市场', '住建委')).toBe('source');
    // A unit's own notice about its own failure still makes it the subject.
    expect(roleOf('某平台的公告称兑付延期', '某平台')).toBe('subject');
  });

  it('reads a facility being built as the site of the works', () => {
    expect(roleOf('建工集团新建畔湖湾小学，施工不当导致塌方', '畔湖湾小学')).toBe('location');
    expect(roleOf('郝家坪小学何时扩建？', '郝家坪小学')).toBe('location');
    expect(roleOf('仍然没有看到郝家坪小学的改扩建任何动向', '郝家坪小学')).toBe('location');
    // What a builder's own construction did is still the builder's.
    expect(roleOf('建工集团的建设导致路面塌陷', '建工集团')).toBe('subject');
  });

  it('reads a neighbour suffering the nuisance as affected', () => {
    expect(roleOf('旁边就是望月湖第二小学，影响到学生上课', '望月湖第二小学')).toBe('victim');
  });

  it('reads a Weibo topic naming the unit as what the post is about', () => {
    expect(roleOf('#海象理财# 老板跑路了', '海象理财')).toBe('subject');
    const got = levels(round('海象理财'), '', '#海象理财# 平台诈骗，老板跑路了');
    expect(got('海象理财')).toMatch(/orange|red/);
  });
});

describe('a group named as the owner of a platform', () => {
  it('shares what is said about the platform', () => {
    expect(namedAsOwner('资易贷公司旗下“小资钱包”平台', '资易贷公司', '小资钱包')).toBe(true);
    expect(namedAsOwner('资易贷公司和小资钱包', '资易贷公司', '小资钱包')).toBe(false);
    const body = '我们是资易贷公司旗下“小资钱包”平台的出借人，小资钱包诈骗我们的血汗钱。';
    const got = levels(round('资易贷公司', '小资钱包'), '', body);
    expect(got('资易贷公司')).toMatch(/orange|red/);
  });

  it('makes the platform share what is said about the group that runs it', () => {
    const body = '斐讯旗下的联璧金融吸引用户投资。斐讯涉嫌诈骗，卷走用户数亿元。';
    const got = levels(round('斐讯', '联璧金融'), '', body);
    expect(got('联璧金融')).toMatch(/orange|red/);
    const apart = levels(
      round('斐讯', '联璧金融'),
      '',
      '联璧金融吸引用户投资。斐讯涉嫌诈骗，卷走用户数亿元。',
    );
    expect(apart('联璧金融')).not.toMatch(/orange|red/);
  });
});
