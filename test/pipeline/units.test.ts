import { describe, expect, it } from 'vitest';
import { type RoundConfig, roundSchema } from '../../config/schema.js';
import { matchUnits } from '../../pipeline/units.js';
import { DEMO_ROUND } from './fixtures.js';

const ids = (title: string, body: string, round: RoundConfig = DEMO_ROUND) =>
  matchUnits(round, title, body).map((m) => m.unitId);

describe('matchUnits', () => {
  it('matches the full name and records each mention with where and offset', () => {
    const [m, ...rest] = matchUnits(
      DEMO_ROUND,
      '明州市住房和城乡建设局发布通知',
      '据悉，明州市住房和城乡建设局表示……',
    );
    expect(rest).toEqual([]);
    expect(m).toEqual({
      roundId: '2026-r4',
      unitId: 'zjj',
      unitName: '明州市住房和城乡建设局',
      team: '第一巡察组',
      mentions: [
        { text: '明州市住房和城乡建设局', where: 'title', offset: 0, rule: 'name' },
        { text: '明州市住房和城乡建设局', where: 'body', offset: 3, rule: 'name' },
      ],
    });
  });

  it('matches an alias, in title or body only', () => {
    expect(ids('市住建局回应', '')).toEqual(['zjj']);
    expect(ids('', '网友称明州住建局不作为')).toEqual(['zjj']);
    const [m] = matchUnits(DEMO_ROUND, '青石镇政府：已处理', '');
    expect(m?.mentions).toEqual([{ text: '青石镇政府', where: 'title', offset: 0, rule: 'alias' }]);
  });

  it('ignores names inside an exclude phrase (明湖区住建局 is another bureau)', () => {
    expect(ids('明湖区住建局被指违规收费', '居民反映明湖区住建局乱收费。')).toEqual([]);
    // The same text with the real unit also named still matches, only on the real mention.
    const [m] = matchUnits(DEMO_ROUND, '', '明湖区住建局与市住建局均未回应');
    expect(m?.mentions).toEqual([{ text: '市住建局', where: 'body', offset: 7, rule: 'alias' }]);
  });

  it('masks the exclude phrase for every name of the unit, not only the alias inside it', () => {
    const round: RoundConfig = {
      ...DEMO_ROUND,
      units: [{ id: 'j', name: '住建局', aliases: ['市住建局'], exclude: ['明湖区住建局'], people: [] }],
    };
    expect(ids('明湖区住建局通报', '', round)).toEqual([]);
    expect(ids('住建局通报', '', round)).toEqual(['j']);
  });

  it('lets a longer name win over a shorter alias inside it (no double counting)', () => {
    const round: RoundConfig = {
      ...DEMO_ROUND,
      units: [
        { id: 'a', name: '明州市住房和城乡建设局', aliases: ['城乡建设局'], exclude: [], people: [] },
        { id: 'b', name: '市场监督管理局', aliases: [], exclude: [], people: [] },
        { id: 'c', name: '明州市市场监督管理局', aliases: [], exclude: [], people: [] },
      ],
    };
    const matches = matchUnits(round, '', '明州市住房和城乡建设局、明州市市场监督管理局');
    expect(matches.map((m) => [m.unitId, m.mentions.map((x) => x.text)])).toEqual([
      ['a', ['明州市住房和城乡建设局']],
      ['c', ['明州市市场监督管理局']],
    ]);
  });

  it('counts a person only near a name of the same unit or its place, and records the person as a mention', () => {
    expect(ids('王建华出席会议', '王建华表示……')).toEqual([]);
    const [m] = matchUnits(DEMO_ROUND, '王建华被举报', '市住建局科长王建华');
    expect(m?.unitId).toBe('zjj');
    // The title names no unit or place near the person, so only the body mention of the person counts.
    expect(m?.mentions).toEqual([
      { text: '市住建局', where: 'body', offset: 0, rule: 'alias' },
      { text: '王建华', where: 'body', offset: 6, rule: 'person', detail: '王建华' },
    ]);
    // Near the unit's place (明州) the person alone is a mention of the unit.
    expect(ids('', '明州市民反映，王建华多次收受红包')).toEqual(['zjj']);
    // Far from any unit or place context, the person does not count.
    expect(ids('', `市住建局召开会议。${'无关的内容'.repeat(20)}王建华`)).toEqual(['zjj']);
    const [far] = matchUnits(DEMO_ROUND, '', `市住建局召开会议。${'无关的内容'.repeat(20)}王建华`);
    expect(far?.mentions.map((x) => x.rule)).toEqual(['alias']);
    // Another unit's name does not make the person count.
    expect(ids('王建华被举报', '青石镇政府回应')).toEqual(['qsz']);
  });

  it('reports units in the round order', () => {
    expect(ids('青石镇政府与市市场监管局', '市住建局')).toEqual(['zjj', 'scjg', 'qsz']);
  });

  it('derives abbreviations from the full name: 市住建局, 明州住建局, and a bare 住建局 only where 明州 is named', () => {
    const round: RoundConfig = {
      ...DEMO_ROUND,
      units: [{ id: 'j', name: '明州市住房和城乡建设局', aliases: [], exclude: [], people: [] }],
    };
    const [m] = matchUnits(round, '', '网友称明州住建局乱收费，市住建局未回应');
    expect(m?.mentions.map((x) => [x.text, x.rule])).toEqual([
      ['明州住建局', 'derived'],
      ['市住建局', 'derived'],
    ]);
    expect(ids('', '明州市民反映：住建局窗口乱收费', round)).toEqual(['j']);
    expect(ids('', '有人反映住建局窗口乱收费', round)).toEqual([]);
    const plain: RoundConfig = {
      ...round,
      units: [
        { id: 'j', name: '明州市住房和城乡建设局', aliases: [], exclude: [], people: [], derive: false },
      ],
    };
    expect(ids('', '网友称市住建局乱收费', plain)).toEqual([]);
  });

  it('does not take a same-name bureau of another place for the unit (明湖区住建局 is not 明州市住建局)', () => {
    const round: RoundConfig = {
      ...DEMO_ROUND,
      units: [{ id: 'j', name: '明州市住房和城乡建设局', aliases: ['住建局'], exclude: [], people: [] }],
    };
    expect(ids('', '明州市明湖区住建局被指乱收费', round)).toEqual([]);
    expect(ids('', '明州市住建局被指乱收费', round)).toEqual(['j']);
  });

  it('rolls subordinate units up to their parent, recording the child', () => {
    const round: RoundConfig = {
      ...DEMO_ROUND,
      units: [
        {
          id: 'j',
          name: '明州市住房和城乡建设局',
          aliases: [],
          exclude: [],
          people: [],
          children: [{ name: '明州市住房公积金管理中心', aliases: ['市公积金中心'] }],
        },
      ],
    };
    const [m] = matchUnits(round, '市公积金中心办事难', '');
    expect(m?.unitId).toBe('j');
    expect(m?.mentions).toEqual([
      { text: '市公积金中心', where: 'title', offset: 0, rule: 'child', detail: '明州市住房公积金管理中心' },
    ]);
  });

  it('matches a configured name however the article writes its brackets and full-width letters', () => {
    const round: RoundConfig = {
      ...DEMO_ROUND,
      units: [
        {
          id: 'z',
          name: '资易贷（北京）金融信息服务有限公司',
          aliases: ['ＸＹ平台'],
          exclude: [],
          people: [],
        },
      ],
    };
    const [narrow] = matchUnits(round, '', '资易贷(北京)金融信息服务有限公司涉嫌诈骗');
    expect(narrow?.mentions[0]).toMatchObject({ text: '资易贷(北京)金融信息服务有限公司', rule: 'name' });
    // The body is normalized before matching (full-width letters become ASCII), so the alias must be too.
    const [alias] = matchUnits(round, '', 'XY平台逾期');
    expect(alias?.mentions[0]).toMatchObject({ text: 'XY平台', rule: 'alias' });
  });

  it('counts a text configured for two units for both, and lets a longer name mask a shorter one', () => {
    const round = roundSchema.parse({
      id: 'r',
      name: 'r',
      units: [
        { id: 'a', name: '甲公司', aliases: ['甲乙'] },
        { id: 'b', name: '乙公司', aliases: ['甲乙'] },
        { id: 'c', name: '甲乙丙集团' },
      ],
    });
    const mentions = (body: string) =>
      Object.fromEntries(matchUnits(round, '', body).map((m) => [m.unitId, m.mentions.map((x) => x.text)]));
    expect(mentions('甲乙又被投诉，甲乙丙集团未回应。甲乙')).toEqual({
      a: ['甲乙', '甲乙'],
      b: ['甲乙', '甲乙'],
      c: ['甲乙丙集团'],
    });
  });
});
