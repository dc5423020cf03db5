import { describe, expect, it } from 'vitest';
import type { Keyword, RoundConfig } from '../../config/schema.js';
import { declaredShortName, sameOrganisation } from '../../pipeline/aliases.js';
import { clauseBounds } from '../../pipeline/clauses.js';
import { mentionRole } from '../../pipeline/context.js';
import { assess } from '../../pipeline/score.js';
import { matchUnits } from '../../pipeline/units.js';
import { namedRound as round } from './fixtures.js';

const LEXICON: Keyword[] = [
  { term: '诈骗', category: '涉众金融', weight: 9 },
  { term: '人去楼空', category: '涉众金融', weight: 9 },
  { term: '亏损', category: '涉众金融', weight: 4, exclude: ['同比', '净利润'] },
  { term: '噪音扰民', category: '民生投诉', weight: 8 },
];

/** The units an item alerts (level orange or red). */
function alerted(r: RoundConfig, title: string, body: string): string[] {
  const a = assess({ round: r, lexicon: LEXICON, title, body, units: matchUnits(r, title, body) });
  return a.units.filter((u) => u.level === 'orange' || u.level === 'red').map((u) => u.unitName);
}

/** The role of the first occurrence of `name` in `text`. */
function roleOf(text: string, name: string) {
  const start = text.indexOf(name);
  const bounds = clauseBounds(text);
  const clauseStart = Math.max(...bounds.starts.filter((s) => s <= start));
  return mentionRole(text, start, start + name.length, clauseStart);
}

describe('short names a text declares', () => {
  it('reads the bracketed short name after a full name', () => {
    const text = '北京资易贷金融信息服务有限公司（简称小资钱包）';
    expect(declaredShortName(text, text.indexOf('（'))).toBe('小资钱包');
    const quoted = '深圳市美信资产管理公司(以下简称"美信资产")作出回应';
    expect(declaredShortName(quoted, quoted.indexOf('('))).toBe('美信资产');
    expect(declaredShortName('钱爸爸电子商务有限公司(钱爸爸平台)', 11)).toBe('钱爸爸');
  });

  it('ignores brackets holding a stock code, a place or a generic noun', () => {
    expect(declaredShortName('中国支付通(08325.HK)公布', 5)).toBeUndefined();
    expect(declaredShortName('某某信息服务有限公司（北京）', 10)).toBeUndefined();
    expect(declaredShortName('某某公司（以下简称公司）', 4)).toBeUndefined();
  });

  it('counts the declared short name as a mention of the unit', () => {
    const r = round('北京资易贷金融信息服务有限公司');
    const [m] = matchUnits(r, '', '北京资易贷金融信息服务有限公司（简称小资钱包）成立。小资钱包涉嫌诈骗。');
    expect(m?.mentions.map((x) => x.text)).toEqual([
      '北京资易贷金融信息服务有限公司',
      '小资钱包',
      '小资钱包',
    ]);
    expect(alerted(r, '', '北京资易贷金融信息服务有限公司（简称小资钱包）成立。小资钱包涉嫌诈骗。')).toEqual([
      '北京资易贷金融信息服务有限公司',
    ]);
  });
});

describe('a shorter watched name of the same organisation', () => {
  it('tells a full name from a subordinate unit', () => {
    expect(sameOrganisation('钱宝', '钱宝网')).toBe(true);
    expect(sameOrganisation('资易贷', '北京资易贷金融信息服务有限公司')).toBe(true);
    expect(sameOrganisation('中弘', '中弘股份')).toBe(true);
    expect(sameOrganisation('A5区教育局', 'A5区教育局基础教育科')).toBe(false);
    expect(sameOrganisation('中建五局', '中建五局第三建设有限公司')).toBe(false);
  });

  it('lends its standalone mentions to the full name once that is named', () => {
    const r = round('钱宝网', '钱宝');
    const [full] = matchUnits(r, '', '钱宝网上线多年。钱宝涉嫌诈骗。');
    expect(full?.mentions.map((m) => m.text)).toEqual(['钱宝网', '钱宝']);
    expect(matchUnits(round('钱宝网', '钱宝'), '', '钱宝涉嫌诈骗。').map((m) => m.unitName)).toEqual([
      '钱宝',
    ]);
  });
});

describe('names listed together', () => {
  it('share the predicate after the last name of the list', () => {
    const body = '网友反映，甲理财、乙金融，丙网这几家平台已经人去楼空。';
    expect(alerted(round('甲理财', '乙金融', '丙网'), '', body)).toEqual(['甲理财', '乙金融', '丙网']);
  });
});

describe('mention roles', () => {
  it('reads an authority acting on a case as a source, the one acted on as the subject', () => {
    expect(roleOf('上海松江公安分局通报称某公司涉嫌诈骗', '上海松江公安分局')).toBe('source');
    expect(roleOf('此楼盘曾多次被住建委点名及查处', '住建委')).toBe('source');
    expect(roleOf('福田分局以涉嫌诈骗对甲公司立案侦查', '甲公司')).toBe('subject');
    expect(roleOf('钱宝网张小雷集资诈骗案延长审理期限', '钱宝网')).toBe('subject');
  });

  it('reads a letter salutation and a complaint channel as addressees', () => {
    expect(roleOf('A市政府：小区旁的设备噪音扰民', 'A市政府')).toBe('addressee');
    expect(roleOf('邻居也曾多次像城管执法部门投诉', '城管执法部门')).toBe('addressee');
    expect(roleOf('1月底投诉到工商12315，工商回复', '工商12315')).toBe('addressee');
    expect(roleOf('我去北辰物业租房想咨询开店', '北辰物业')).toBe('subject');
  });

  it('reads a landmark as a location, and a headline signature as the publisher', () => {
    expect(roleOf('广圣大酒店4楼瑞生堂足道涉黄', '广圣大酒店')).toBe('location');
    expect(roleOf('学院西门超市旁边违章搭建', '超市')).toBe('location');
    expect(roleOf('石头理财案新进展-天眼原创-网贷天眼', '网贷天眼')).toBe('source');
  });

  it('does not alert a landmark for what happens next to it', () => {
    const body = '开元路广圣大酒店4楼瑞生堂足道噪音扰民，望有关领导一查到底。';
    expect(alerted(round('广圣大酒店', '瑞生堂足道'), '', body)).toEqual(['瑞生堂足道']);
  });
});

describe('lexicon exclusions', () => {
  it('does not count a loss in an earnings report as an allegation', () => {
    const r = round('甲公司');
    expect(alerted(r, '', '甲公司公布年报，净利润亏损3亿元，同比扩大。')).toEqual([]);
    expect(alerted(r, '', '甲公司让投资者亏损惨重，人去楼空。')).toEqual(['甲公司']);
  });
});

describe('allegation context rules', () => {
  const LEX: Keyword[] = [
    { term: '骗子', category: '涉众金融', weight: 8 },
    { term: '诈骗', category: '涉众金融', weight: 9 },
    { term: '欺诈', category: '涉众金融', weight: 8 },
    { term: '血本无归', category: '涉众金融', weight: 8 },
    { term: '跑路', category: '涉众金融', weight: 9 },
    { term: '资金链断裂', category: '涉众金融', weight: 9 },
  ];
  const alertedBy = (r: RoundConfig, title: string, body: string) =>
    assess({ round: r, lexicon: LEX, title, body, units: matchUnits(r, title, body) })
      .units.filter((u) => u.level === 'orange' || u.level === 'red')
      .map((u) => u.unitName);

  it('reads 打击/揭秘 with a watched unit named in the clause as a charge against it, else as a campaign', () => {
    expect(alertedBy(round('海象理财'), '', '全民打击骗子平台海象理财')).toEqual(['海象理财']);
    expect(alertedBy(round('海象理财'), '', '全民打击骗子平台，海象理财今天举办讲座')).toEqual([]);
  });

  it('gives every unit of a list the predicate that follows the list', () => {
    const r = round('摩尔龙', '宜贷网', '易捷金融');
    const body = '网友们议论了很久。摩尔龙宜贷网易捷金融诈骗一条龙';
    expect(alertedBy(r, '', body).sort()).toEqual(['宜贷网', '摩尔龙', '易捷金融']);
    const a = assess({ round: r, lexicon: LEX, title: '', body, units: matchUnits(r, '', body) });
    for (const u of a.units) expect(u.parts?.some((p) => p.label.includes('并列点名'))).toBe(true);
  });

  it('does not read a name inside a term as a mention (资金链 in 资金链断裂)', () => {
    const r = round('资金链', '网利宝');
    expect(alertedBy(r, '', '网利宝因资金链断裂，坑害了数万投资人')).toEqual(['网利宝']);
  });

  it('keeps the stories of a digest headline apart', () => {
    const r = round('甲平台', '乙公司');
    expect(alertedBy(r, '早报：甲平台诈骗逾7亿元；乙公司推出新产品', '乙公司的新产品上线。')).toEqual([
      '甲平台',
    ]);
  });

  it('does not count anti-fraud work, hypotheticals or denials as allegations', () => {
    expect(alertedBy(round('某金融'), '', '某金融深耕反欺诈技术多年')).toEqual([]);
    expect(alertedBy(round('黄金钱包'), '', '黄金钱包表示，如果公司倒闭可能血本无归')).toEqual([]);
    expect(alertedBy(round('以太坊'), '', '以太坊创始人说他并不是要跑路')).toEqual([]);
  });

  it('reads a dated news byline as a source and 请问X是否 as a question to X', () => {
    expect(roleOf('财联社8月2日讯，警方破获诈骗案', '财联社')).toBe('source');
    expect(roleOf('请问市政府是否有计划整改', '市政府')).toBe('addressee');
    expect(roleOf('请问市公安局领导为什么他的店可正常营业', '市公安局')).toBe('subject');
  });

  it('reads the one defrauded or impersonated as a victim, not the accused', () => {
    expect(roleOf('懒财网至少被诈骗去十几亿', '懒财网')).toBe('victim');
    expect(roleOf('骗子冒充某银行客服打电话', '某银行')).toBe('victim');
    expect(roleOf('某银行被罚款50万元', '某银行')).toBe('subject');
  });
});
