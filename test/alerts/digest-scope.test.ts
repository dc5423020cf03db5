import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { digestKey, digestNotice, makeReport, sendDigest } from '../../alerts/digest/digest.js';
import { type DigestTarget, digestTargets } from '../../alerts/digest/targets.js';
import { type RoundConfig, roundSchema } from '../../config/schema.js';
import { silentLogger } from '../../core/log.js';
import type { Notice } from '../../core/types.js';
import type { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { openTempStore, type TempStore } from '../helpers/temp-store.js';
import { makeArticle, makeAssessment, makeTip } from '../store/fixtures.js';

const ZONE = 'Asia/Shanghai';
const PERIOD = { from: '2025-05-13T00:00:00+08:00', to: '2025-05-13T23:59:59+08:00' };
const NEXT = { from: '2025-05-14T00:00:00+08:00', to: '2025-05-14T23:59:59+08:00' };
const NOW = () => new Date('2025-05-14T00:00:01+08:00');

const EDU = { unitId: 'u1', unitName: '某某县教育局' };
const HOSPITAL = { unitId: 'u2', unitName: '某某县人民医院' };
const FINANCE = { unitId: 'u3', unitName: '某某县财政局' };
const WATER = { unitId: 'u4', unitName: '某某县水务局' };

const TITLES = {
  edu: '某某县教育局违规收费',
  hospital: '某某县人民医院收红包',
  finance: '某某县财政局报销不规范',
  shared: '两单位食堂问题',
  water: '某某县水务局工程质量差',
};

const TEAMS = { 第一巡察组: ['team1-bot'], 第二巡察组: ['team2-mail'] };

function round(alerts: unknown[]): RoundConfig {
  return roundSchema.parse({
    id: 'r1',
    name: '某某县委2025年第二轮巡察',
    phases: { entry: { start: '2025-05-01', end: '2025-06-30' } },
    units: [
      { id: 'u1', name: '某某县教育局', team: '第一巡察组' },
      { id: 'u2', name: '某某县人民医院', team: '第二巡察组' },
      { id: 'u3', name: '某某县财政局', team: '第二巡察组' },
      // A team without channels in the teams map: nobody gets a team digest for it.
      { id: 'u4', name: '某某县水务局', team: '第三巡察组' },
    ],
    alerts,
  });
}

/**
 * u1 red (entry), u2 orange (entry), u3 yellow (feedback), u4 red (entry), each with a tip; one yellow story
 * names u1 and u2 and has no tip.
 */
async function seed(store: SqliteStore): Promise<void> {
  const items = [
    { key: 'edu', unit: EDU, level: 'red', score: 80, phase: 'entry' },
    { key: 'hospital', unit: HOSPITAL, level: 'orange', score: 40, phase: 'entry' },
    { key: 'finance', unit: FINANCE, level: 'yellow', score: 20, phase: 'feedback' },
    { key: 'water', unit: WATER, level: 'red', score: 80, phase: 'entry' },
  ] as const;
  for (const [i, item] of items.entries()) {
    const article = makeArticle({
      key: item.key,
      title: TITLES[item.key],
      assessments: [makeAssessment({ units: [item.unit], score: item.score, level: item.level })],
    });
    const tip = makeTip(article, {
      id: `tip-${item.key}`,
      ...item.unit,
      phase: item.phase,
      createdAt: `2025-05-13T1${i}:00:00+08:00`,
    });
    await store.ingest({ article, tips: [tip] });
  }
  const shared = makeArticle({
    key: 'shared',
    title: TITLES.shared,
    assessments: [makeAssessment({ units: [EDU, HOSPITAL], score: 20, level: 'yellow' })],
  });
  await store.ingest({ article: shared, tips: [] });
}

describe('digest scope', () => {
  let temp: TempStore | undefined;
  let store: SqliteStore;
  const deps = () => ({ store, timeZone: ZONE, logger: silentLogger(), now: NOW });

  /** The digest notices queued on a channel, oldest first. */
  async function noticesOn(channel: string): Promise<Notice[]> {
    const rows = (await store.listAlerts()).filter((a) => a.channel === channel && a.noticeId !== undefined);
    const notices = await Promise.all(rows.reverse().map((a) => store.getNotice(a.noticeId ?? '')));
    return notices.filter((n): n is Notice => n !== undefined);
  }

  async function onlyNoticeOn(channel: string): Promise<Notice> {
    const notices = await noticesOn(channel);
    expect(notices).toHaveLength(1);
    return notices[0] as Notice;
  }

  function target(r: RoundConfig, teams: Record<string, string[]> = TEAMS): DigestTarget {
    const [t] = digestTargets([r], teams);
    if (!t) throw new Error('no digest target');
    return t;
  }

  beforeEach(async () => {
    temp = await openTempStore('yq-digest-scope-');
    store = temp.store;
    await seed(store);
  });

  afterEach(async () => {
    await temp?.dispose();
  });

  it('gives each team with channels a digest of only its units; the route channels get everything', async () => {
    const r = round([{ minLevel: 'green', channels: ['office-mail'], to: 'team', digest: '0 8 * * *' }]);
    const t = target(r);
    expect(t.recipients).toEqual([
      { channels: ['office-mail'] },
      { team: '第一巡察组', channels: ['team1-bot'], unitIds: ['u1'] },
      { team: '第二巡察组', channels: ['team2-mail'], unitIds: ['u2', 'u3'] },
    ]);
    expect(await sendDigest(deps(), r, t, PERIOD)).toHaveLength(3);

    const team1 = await onlyNoticeOn('team1-bot');
    expect(team1.title).toBe(
      '舆情简报｜某某县委2025年第二轮巡察｜第一巡察组｜2025-05-13 00:00 至 2025-05-13 23:59',
    );
    expect(team1.lines).toContain('范围：第一巡察组：某某县教育局');
    expect(team1.html).toContain(TITLES.edu);
    expect(team1.html).toContain(TITLES.shared);
    for (const other of [TITLES.hospital, TITLES.finance, TITLES.water, '某某县人民医院', '某某县水务局'])
      expect(team1.html).not.toContain(other);
    expect(team1.lines).toContain('合计：红1 橙0 黄1 绿0（共2篇）');
    expect(team1.lines).toContain('新增线索 1 条');
    // The backlog counts only the team's units' tips, not the round's four.
    expect(team1.lines).toContain('线索办理：待研判1 已分办0 处置中0 已办结0 已排除0');
    expect(team1.html).toContain('四、线索办理情况（范围内全部线索）');
    expect(team1.attachments?.[0]?.filename).toBe('舆情简报-r1-第一巡察组-2025-05-13.docx');

    const team2 = await onlyNoticeOn('team2-mail');
    expect(team2.lines).toContain('范围：第二巡察组：某某县人民医院、某某县财政局');
    expect(team2.html).toContain(TITLES.hospital);
    expect(team2.html).toContain(TITLES.finance);
    for (const other of [TITLES.edu, TITLES.water, '某某县教育局', '某某县水务局'])
      expect(team2.html).not.toContain(other);
    // The shared story is listed, naming only the team's own unit.
    expect(team2.html).toMatch(new RegExp(`${TITLES.shared}</a>(?:(?!</tr>).)*>某某县人民医院</td></tr>`));
    expect(team2.lines).toContain('合计：红0 橙1 黄2 绿0（共3篇）');
    expect(team2.lines).toContain('线索办理：待研判2 已分办0 处置中0 已办结0 已排除0');

    const office = await onlyNoticeOn('office-mail');
    expect(office.title).toBe('舆情简报｜某某县委2025年第二轮巡察｜2025-05-13 00:00 至 2025-05-13 23:59');
    expect(office.lines.some((l) => l.startsWith('范围：'))).toBe(false);
    for (const title of Object.values(TITLES)) expect(office.html).toContain(title);
    expect(office.lines).toContain('新增线索 4 条');
    expect(office.html).toContain('四、线索办理情况（本轮全部线索）');
  });

  it('limits a route with teams: or units: to those units, and team digests within that', async () => {
    const byTeam = round([
      {
        minLevel: 'green',
        channels: ['office-mail'],
        teams: ['第二巡察组'],
        to: 'team',
        digest: '0 8 * * *',
      },
    ]);
    const t = target(byTeam);
    expect(t.recipients).toEqual([
      { channels: ['office-mail'], unitIds: ['u2', 'u3'] },
      { team: '第二巡察组', channels: ['team2-mail'], unitIds: ['u2', 'u3'] },
    ]);
    await sendDigest(deps(), byTeam, t, PERIOD);
    expect(await noticesOn('team1-bot')).toEqual([]);
    const office = await onlyNoticeOn('office-mail');
    expect(office.lines).toContain('范围：某某县人民医院、某某县财政局');
    expect(office.html).not.toContain(TITLES.edu);
    expect(office.html).not.toContain(TITLES.water);
    expect(office.html).toContain(TITLES.finance);

    const byUnit = round([
      { minLevel: 'green', channels: ['office-bot'], units: ['u1', 'u3'], to: 'team', digest: '0 8 * * *' },
    ]);
    const u = target(byUnit, { ...TEAMS, 第二巡察组: ['team2-bot'] });
    expect(u.recipients.map((r) => [r.team, r.unitIds])).toEqual([
      [undefined, ['u1', 'u3']],
      ['第一巡察组', ['u1']],
      ['第二巡察组', ['u3']],
    ]);
    await sendDigest(deps(), byUnit, u, PERIOD);
    const team2 = await onlyNoticeOn('team2-bot');
    expect(team2.html).toContain(TITLES.finance);
    expect(team2.html).not.toContain(TITLES.hospital);
    const whole = await onlyNoticeOn('office-bot');
    expect(whole.lines).toContain('范围：某某县教育局、某某县财政局');
    expect(whole.lines).toContain('新增线索 2 条');
  });

  it('gives nothing to a team without units in scope or without channels', () => {
    const r = round([
      { minLevel: 'green', channels: [], units: ['u4'], to: 'team', digest: '0 8 * * *' },
      { minLevel: 'green', channels: [], teams: ['第一巡察组'], to: 'team', digest: '0 9 * * *' },
    ]);
    const targets = digestTargets([r], TEAMS);
    // u4's team has no channels and the route none of its own: the first route reaches nobody.
    expect(targets.map((t) => [t.index, t.recipients.map((x) => x.team)])).toEqual([[1, ['第一巡察组']]]);
  });

  it('lists only items at the route minLevel and in its phases, and says so', async () => {
    const r = round([{ minLevel: 'orange', channels: ['office-mail'], digest: '0 8 * * *' }]);
    await sendDigest(deps(), r, target(r), PERIOD);
    const notice = await onlyNoticeOn('office-mail');
    expect(notice.lines).toContain('筛选：仅列出橙色及以上的线索和信息（等级统计含全部信息）');
    expect(notice.lines).toContain('新增线索 3 条（另有1条不符合筛选条件）');
    expect(notice.html).toContain('另有 1 条线索不符合筛选条件，未列出。');
    expect(notice.html).not.toContain(TITLES.finance);
    expect(notice.html).not.toContain(TITLES.shared);
    expect(notice.html).toContain(TITLES.hospital);
    // The level counts stay complete: the yellow items are still counted.
    expect(notice.lines).toContain('合计：红2 橙1 黄2 绿0（共5篇）');

    const phased = round([
      { minLevel: 'green', channels: ['phase-mail'], phases: ['feedback'], digest: '0 8 * * *' },
    ]);
    await sendDigest(deps(), phased, target(phased), PERIOD);
    const feedback = await onlyNoticeOn('phase-mail');
    expect(feedback.lines).toContain('筛选：新增线索限反馈阶段（等级统计含全部信息）');
    expect(feedback.lines).toContain('新增线索 1 条（另有3条不符合筛选条件）');
    expect(feedback.html).toMatch(new RegExp(`二、新增线索（1条）.*${TITLES.finance}`, 's'));
  });

  it('keys each recipient apart: a repeated tick queues nothing, two teams on one channel both arrive', async () => {
    const r = round([{ minLevel: 'green', channels: [], to: 'team', digest: '0 8 * * *' }]);
    const t = target(r, { 第一巡察组: ['shared-bot'], 第二巡察组: ['shared-bot', 'team2-mail'] });
    const [first, second] = t.recipients;
    expect(first && digestKey('r1', 0, first, PERIOD.to)).toBe(`digest:r1:0:team:第一巡察组:${PERIOD.to}`);
    expect(second && digestKey('r1', 0, second, PERIOD.to)).toBe(`digest:r1:0:team:第二巡察组:${PERIOD.to}`);
    expect(await sendDigest(deps(), r, t, PERIOD)).toHaveLength(3);
    expect(await sendDigest(deps(), r, t, PERIOD)).toEqual([]);
    const shared = await noticesOn('shared-bot');
    expect(shared.map((n) => n.title.split('｜')[2]).sort()).toEqual(['第一巡察组', '第二巡察组']);
    // The next period is a new key: it is queued again.
    expect(await sendDigest(deps(), r, t, NEXT)).toHaveLength(3);
  });

  it('leaves the plain route unchanged: the whole round to its channels under the old key', async () => {
    const r = round([{ minLevel: 'green', channels: ['office-mail'], digest: '0 8 * * *' }]);
    const t = target(r);
    expect(t.recipients).toEqual([{ channels: ['office-mail'] }]);
    const [recipient] = t.recipients;
    expect(recipient && digestKey('r1', 0, recipient, PERIOD.to)).toBe(`digest:r1:0:${PERIOD.to}`);
    // The route as callers passed it before (channels and index only) gives the same digest.
    expect(await sendDigest(deps(), r, { channels: ['old-mail'], index: 0 }, PERIOD)).toHaveLength(1);
    expect(await sendDigest(deps(), r, t, PERIOD)).toHaveLength(1);
    expect(await sendDigest(deps(), r, t, PERIOD)).toEqual([]);
    const { report, docx } = await makeReport({ store, timeZone: ZONE, now: NOW }, r, PERIOD);
    const expected = digestNotice(report, docx);
    for (const channel of ['office-mail', 'old-mail']) {
      const notice = await onlyNoticeOn(channel);
      expect([notice.title, notice.lines, notice.html]).toEqual([
        expected.title,
        expected.lines,
        expected.html,
      ]);
    }
    expect(report.units.map((u) => u.unitId)).toEqual(['u1', 'u2', 'u3', 'u4']);
    expect(report.scopeText).toBeUndefined();
    expect(report.filterText).toBeUndefined();
  });

  it("lists a team's own stories even when ten bigger stories of other units fill the round's top 10", async () => {
    // Eleven two-item stories of u4, each bigger than any story of u1 or u2.
    for (let i = 0; i < 11; i++) {
      const assessments = [makeAssessment({ units: [WATER], score: 40, level: 'orange' })];
      const big = makeArticle({ key: `big${i}`, title: `水务工程第${i}标段`, assessments });
      await store.ingest({ article: big, tips: [] });
      const copy = makeArticle({ key: `big${i}b`, title: big.title, sourceName: '乙网', assessments });
      await store.ingest({ article: copy, joinClusterId: big.id, tips: [] });
    }
    const r = round([{ minLevel: 'green', channels: ['office-mail'], to: 'team', digest: '0 8 * * *' }]);
    expect(await sendDigest(deps(), r, target(r), PERIOD)).toHaveLength(3);

    // The shared story has no tip: it shows only among the top stories.
    const office = await onlyNoticeOn('office-mail');
    expect(office.html).not.toContain(TITLES.shared);
    const team1 = await onlyNoticeOn('team1-bot');
    expect(team1.html).toContain(TITLES.shared);
    expect(team1.html).not.toContain('水务工程');
    const team2 = await onlyNoticeOn('team2-mail');
    expect(team2.html).toContain(TITLES.shared);
    expect(team2.html).toContain(TITLES.hospital);

    const d = { store, timeZone: ZONE, now: NOW };
    const whole = await makeReport(d, r, PERIOD);
    expect(whole.report.topStories).toHaveLength(10);
    expect(whole.report.topStories.every((s) => s.unitNames === '某某县水务局')).toBe(true);
    const scoped = await makeReport(d, r, PERIOD, { unitIds: ['u1'] });
    expect(scoped.report.topStories.map((s) => [s.title, s.unitNames])).toEqual([
      [TITLES.edu, '某某县教育局'],
      [TITLES.shared, '某某县教育局'],
    ]);
  });

  it('makes a scoped report on demand without changing the whole-round one', async () => {
    const d = { store, timeZone: ZONE, now: NOW };
    const whole = await makeReport(d, round([]), PERIOD);
    const scoped = await makeReport(d, round([]), PERIOD, { unitIds: ['u2'], minLevel: 'red' });
    // The shared story names two units but is one article: counted once.
    expect(whole.report.totals.total).toBe(5);
    expect(scoped.report.units.map((u) => u.unitName)).toEqual(['某某县人民医院']);
    expect(scoped.report.totals).toEqual({ red: 0, orange: 1, yellow: 1, green: 0, total: 2 });
    expect(scoped.report.newTips).toEqual([]);
    expect(scoped.report.hiddenTips).toBe(1);
    expect(scoped.report.tipStatus[0]).toEqual(['待研判', 1]);
    // Without a way to count the units' backlog, the report says so instead of showing the round's.
    const bare = await makeReport(
      { store: { reportData: store.reportData.bind(store) }, timeZone: ZONE },
      round([]),
      PERIOD,
      { unitIds: ['u2'] },
    );
    expect(bare.report.tipStatus).toEqual([]);
  });
});
