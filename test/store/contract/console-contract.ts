// Console accounts, sessions, audit, saved searches, tip notes, hand-made tips, the tip board, the dashboard and
// the search syntax fields (issue #6).
import { describe, expect, it } from 'vitest';
import type { Store, UserAccount } from '../../../store/store.js';
import { makeArticle, makeAssessment, makeTip } from '../fixtures.js';
import type { ContractContext } from './context.js';

const EDU = { unitId: 'u1', unitName: '某某县教育局' };
const HOSPITAL = { unitId: 'u2', unitName: '某某县人民医院' };

function user(name: string, extra: Partial<UserAccount> = {}): UserAccount {
  return {
    name,
    role: 'team',
    rounds: ['r1'],
    units: ['u1'],
    team: '第一巡察组',
    passwordHash: 'scrypt$32768$8$1$c2FsdA==$aGFzaA==',
    disabled: false,
    mustChangePassword: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}

async function seed(store: Store): Promise<void> {
  const a1 = makeArticle({
    key: 'c1',
    title: '教育局 违规 收费 问题',
    body: '群众 反映 教育局 违规 收费',
    publishedAt: '2026-03-02T09:00:00+08:00',
    assessments: [makeAssessment({ units: [EDU], score: 70, level: 'red', phase: 'entry' })],
  });
  const a2 = makeArticle({
    key: 'c2',
    title: '转载 教育局 违规 收费',
    body: '转载 内容 违规 收费',
    publishedAt: '2026-03-03T09:00:00+08:00',
    assessments: [makeAssessment({ units: [EDU], score: 40, level: 'orange' })],
  });
  const a3 = makeArticle({
    key: 'c3',
    title: '医院 开展 义诊',
    body: '人民医院 义诊 活动',
    sourceType: 'rss',
    publishedAt: '2026-03-03T10:00:00+08:00',
    assessments: [makeAssessment({ units: [HOSPITAL], score: 5, level: 'green' })],
  });
  await store.ingest({ article: a1, tips: [makeTip(a1, { id: 't1', channels: [] })] });
  await store.ingest({ article: a2, joinClusterId: a1.id, tips: [] });
  await store.ingest({ article: a3, tips: [] });
}

/** The console section of the Store contract. */
export function consoleContract(ctx: ContractContext): void {
  describe('console accounts, sessions, audit (issue #6)', () => {
    it('creates, lists and updates accounts; a duplicate name is a conflict; survives a reopen', async () => {
      await ctx.store().createUser(user('alice'));
      await expect(ctx.store().createUser(user('alice'))).rejects.toMatchObject({ code: 'E_STORE_CONFLICT' });
      await ctx.store().createUser(user('bob', { role: 'admin', rounds: [], units: [], team: undefined }));
      const updated = await ctx
        .store()
        .updateUser('alice', { disabled: true, team: null, units: ['u1', 'u2'] });
      expect(updated).toMatchObject({ disabled: true, units: ['u1', 'u2'], mustChangePassword: true });
      expect(updated.team).toBeUndefined();
      await expect(ctx.store().updateUser('nobody', { disabled: true })).rejects.toMatchObject({
        code: 'E_STORE_NOT_FOUND',
      });
      const store = await ctx.reopen();
      expect((await store.listUsers()).map((u) => u.name)).toEqual(['alice', 'bob']);
      expect(await store.getUser('bob')).toMatchObject({ role: 'admin', rounds: [], disabled: false });
    });

    it('finds live sessions by hash, not expired ones, and ends them', async () => {
      const store = ctx.store();
      await store.createUser(user('alice'));
      const session = {
        idHash: 'h1',
        user: 'alice',
        csrfToken: 'c1',
        createdAt: '2026-01-01T00:00:00.000Z',
        expiresAt: '2026-01-01T12:00:00.000Z',
        ip: '127.0.0.1',
      };
      await store.createSession(session);
      await store.createSession({ ...session, idHash: 'h2' });
      expect(await store.getSession('h1', '2026-01-01T11:00:00.000Z')).toEqual(session);
      expect(await store.getSession('h1', '2026-01-01T13:00:00.000Z')).toBeUndefined();
      await store.touchSession('h1', '2026-01-01T20:00:00.000Z');
      expect(await store.getSession('h1', '2026-01-01T13:00:00.000Z')).toMatchObject({ idHash: 'h1' });
      await store.deleteSession('h1');
      expect(await store.getSession('h1', '2026-01-01T11:00:00.000Z')).toBeUndefined();
      expect(await store.deleteUserSessions('alice')).toBe(1);
      expect(await store.getSession('h2', '2026-01-01T11:00:00.000Z')).toBeUndefined();
    });

    it('appends audit entries, lists them newest first with filters, and never changes them', async () => {
      const store = ctx.store();
      const first = await store.appendAudit({
        at: '2026-01-01T00:00:00.000Z',
        user: 'alice',
        action: 'login',
        ip: '::1',
      });
      await store.appendAudit({
        at: '2026-01-02T00:00:00.000Z',
        user: 'alice',
        action: 'search',
        detail: { params: { q: '收费' } },
      });
      await store.appendAudit({ at: '2026-01-03T00:00:00.000Z', user: 'bob', action: 'search' });
      expect(first.seq).toBeGreaterThan(0);
      const all = await store.listAudit();
      expect(all.total).toBe(3);
      expect(all.entries.map((e) => e.user + e.action)).toEqual(['bobsearch', 'alicesearch', 'alicelogin']);
      expect(all.entries[1]).toMatchObject({ detail: { params: { q: '收费' } } });
      const filtered = await store.listAudit({
        user: 'alice',
        action: 'search',
        from: '2026-01-02T00:00:00.000Z',
      });
      expect(filtered.total).toBe(1);
      expect((await store.listAudit({ to: '2026-01-01T12:00:00.000Z', limit: 1 })).entries).toMatchObject([
        { action: 'login', ip: '::1' },
      ]);
      // The interface has no way to change an entry; a reopen keeps them all.
      expect((await (await ctx.reopen()).listAudit()).total).toBe(3);
    });

    it('keeps saved searches per user with unique names', async () => {
      const store = ctx.store();
      const saved = {
        id: 's1',
        user: 'alice',
        name: '红色',
        params: { minLevel: 'red' },
        createdAt: '2026-01-01T00:00:00Z',
      };
      await store.createSavedSearch(saved);
      await expect(store.createSavedSearch({ ...saved, id: 's2' })).rejects.toMatchObject({
        code: 'E_STORE_CONFLICT',
      });
      await store.createSavedSearch({ ...saved, id: 's3', user: 'bob' });
      expect(await store.listSavedSearches('alice')).toEqual([saved]);
      expect(await store.deleteSavedSearch('bob', 's1')).toBe(false);
      expect(await store.deleteSavedSearch('alice', 's1')).toBe(true);
      expect(await store.listSavedSearches('alice')).toEqual([]);
    });

    it('adds notes and hand-made tips, and lists the board with scope, team and status counts', async () => {
      const store = ctx.store();
      await seed(store);
      await store.addTipNote({
        id: 'n1',
        tipId: 't1',
        at: '2026-03-02T10:00:00Z',
        user: 'alice',
        text: '已电话核实',
      });
      await expect(
        store.addTipNote({ id: 'n2', tipId: 'nope', at: '2026-03-02T10:00:00Z', user: 'a', text: 'x' }),
      ).rejects.toMatchObject({ code: 'E_STORE_NOT_FOUND' });
      expect(await store.tipNotes('t1')).toMatchObject([{ id: 'n1', text: '已电话核实' }]);
      const a3 = makeArticle({ key: 'c3' });
      const manual = makeTip(a3, { id: 't3', unitId: 'u2', unitName: HOSPITAL.unitName, level: 'green' }).tip;
      const created = await store.createTip({ ...manual, team: '第二巡察组' });
      expect(created).toMatchObject({ id: 't3', status: 'new', clusterId: a3.id });
      await expect(store.createTip({ ...manual, id: 't4' })).rejects.toMatchObject({
        code: 'E_STORE_CONFLICT',
      });
      expect(await store.listAlerts()).toEqual([]);
      const board = await store.listConsoleTips({});
      expect(board.total).toBe(2);
      // The board lists the red t1 above the green t3 made after it: level first, then time.
      expect(board.tips.map((t) => t.id)).toEqual(['t1', 't3']);
      expect(board.counts).toEqual({ new: 2, assigned: 0, in_progress: 0, closed: 0, dismissed: 0 });
      const scoped = await store.listConsoleTips({ scope: [{ roundId: 'r1', unitIds: ['u1'] }] });
      expect(scoped.tips.map((t) => t.id)).toEqual(['t1']);
      expect((await store.listConsoleTips({ scope: [] })).total).toBe(0);
      expect((await store.listConsoleTips({ team: '第二巡察组' })).tips.map((t) => t.id)).toEqual(['t3']);
      expect((await store.listConsoleTips({ clusterId: 'art-c1' })).tips.map((t) => t.id)).toEqual(['t1']);
      expect((await store.listConsoleTips({ overdueAt: '2030-01-01T00:00:00Z' })).total).toBe(0);
    });

    it('searches with phrases, exclusions, OR groups, tip status, scope and folding', async () => {
      const store = ctx.store();
      await seed(store);
      const ids = async (q: Parameters<Store['search']>[0]) =>
        (await store.search(q)).hits.map((h) => h.id).sort();
      expect(await ids({ terms: [], phrases: ['违规 收费'] })).toEqual(['art-c1', 'art-c2']);
      expect(await ids({ terms: [], phrases: ['收费 违规'] })).toEqual([]);
      expect(await ids({ terms: ['违规'], exclude: ['转载'] })).toEqual(['art-c1']);
      expect(await ids({ terms: [], anyOf: [['义诊', '转载']] })).toEqual(['art-c2', 'art-c3']);
      expect(await ids({ terms: [], tipStatus: 'new' })).toEqual(['art-c1', 'art-c2']);
      expect(await ids({ terms: [], scope: [{ roundId: 'r1', unitIds: ['u2'] }] })).toEqual(['art-c3']);
      expect(await ids({ terms: [], scope: [] })).toEqual([]);
      const folded = await store.search({ terms: ['收费'], foldClusters: true });
      expect(folded.total).toBe(1);
      expect(folded.hits[0]).toMatchObject({ id: 'art-c2', clusterSize: 2, matchedInCluster: 2 });
    });

    it('aggregates the dashboard of a round over a period', async () => {
      const store = ctx.store();
      await seed(store);
      const data = await store.dashboardData({
        roundId: 'r1',
        from: '2026-03-01T00:00:00+08:00',
        to: '2026-03-31T23:59:59+08:00',
        utcOffsetMinutes: 480,
      });
      expect(data.unitLevels).toEqual(
        expect.arrayContaining([
          { unitId: 'u1', counts: { red: 1, orange: 1, yellow: 0, green: 0 } },
          { unitId: 'u2', counts: { red: 0, orange: 0, yellow: 0, green: 1 } },
        ]),
      );
      expect(data.openTips).toEqual([{ unitId: 'u1', counts: { red: 1, orange: 0, yellow: 0, green: 0 } }]);
      expect(data.trend).toEqual([
        { day: '2026-03-02', level: 'red', count: 1 },
        { day: '2026-03-03', level: 'green', count: 1 },
        { day: '2026-03-03', level: 'orange', count: 1 },
      ]);
      expect(data.sourceTypes).toEqual([
        { type: 'html', count: 2 },
        { type: 'rss', count: 1 },
      ]);
      // Newest first: each item's title and the risk terms the scorer hit for this round.
      expect(data.termSample).toEqual([
        { title: '医院 开展 义诊', terms: ['违规收费'] },
        { title: '转载 教育局 违规 收费', terms: ['违规收费'] },
        { title: '教育局 违规 收费 问题', terms: ['违规收费'] },
      ]);
      const scoped = await store.dashboardData({
        roundId: 'r1',
        from: '2026-03-01T00:00:00+08:00',
        to: '2026-03-31T23:59:59+08:00',
        utcOffsetMinutes: 480,
        unitIds: ['u2'],
      });
      expect(scoped.unitLevels.map((u) => u.unitId)).toEqual(['u2']);
      expect(scoped.openTips).toEqual([]);
      expect(scoped.termSample.map((t) => t.title)).toEqual(['医院 开展 义诊']);
    });
  });
}
