// The console's ledger API: the round's 问题清单 by unit, edit rights (admins and the unit's own team only),
// deletion kept in the audit log, the dashboard's per-unit recurrence counts and the sources page's cadence.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleServer } from '../../console/server.js';
import type { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { tempDir } from './fixtures.js';
import { seededStore, testDeps } from './seed.js';
import { signIn, type TestSession } from './session.js';

let app: FastifyInstance;
let store: SqliteStore;
let admin: TestSession;
let team1: TestSession;
let team2: TestSession;
let officer: TestSession;
let cleanup: () => Promise<void>;

const body = (id: string, unitId: string) => ({
  id,
  unitId,
  title: '老旧小区改造工程质量监管不力',
  description: '外墙渗水、偷工减料',
  terms: ['外墙渗水', '偷工减料'],
  raisedOn: '2027-03-05',
  status: 'rectifying',
});

beforeAll(async () => {
  const tmp = tempDir();
  store = await seededStore(tmp.dir);
  const deps = testDeps(tmp.dir, store);
  app = createConsoleServer(deps);
  await app.ready();
  admin = await signIn(app, store, deps.config, { name: 'admin', role: 'admin' });
  officer = await signIn(app, store, deps.config, { name: 'officer', role: 'officer' });
  team1 = await signIn(app, store, deps.config, {
    name: 't1',
    role: 'team',
    rounds: ['2026-r4'],
    team: '第一巡察组',
  });
  team2 = await signIn(app, store, deps.config, {
    name: 't2',
    role: 'team',
    rounds: ['2026-r4'],
    units: ['qsz'],
    team: '第二巡察组',
  });
  cleanup = async () => {
    await app.close();
    await store.close();
    tmp.remove();
  };
});

afterAll(async () => cleanup?.());

describe('ledger API', () => {
  it('lets admins and the unit’s own team edit, and nobody else', async () => {
    const put = (s: TestSession, id: string, unitId: string) =>
      s.inject({ method: 'PUT', url: `/api/rounds/2026-r4/problems/${id}`, payload: body(id, unitId) });
    expect((await put(admin, 'ZJJ-01', 'zjj')).statusCode).toBe(200);
    expect((await put(team1, 'ZJJ-02', 'zjj')).statusCode).toBe(200);
    expect((await put(officer, 'ZJJ-03', 'zjj')).statusCode).toBe(403);
    // Team 2 sees only qsz, and zjj belongs to team 1.
    expect((await put(team2, 'ZJJ-04', 'zjj')).statusCode).toBe(403);
    expect((await put(team2, 'QSZ-01', 'qsz')).statusCode).toBe(200);
    const bad = await admin.inject({
      method: 'PUT',
      url: '/api/rounds/2026-r4/problems/X',
      payload: { ...body('X', 'zjj'), raisedOn: '3月5日' },
    });
    expect(bad.statusCode).toBe(400);

    const all = await officer.getJson<{ units: { id: string; problems: number; editable: boolean }[] }>(
      '/api/rounds/2026-r4/problems',
    );
    expect(all.units.find((u) => u.id === 'zjj')).toMatchObject({ problems: 2, editable: false });
    // Compartments: team 2 sees its unit's problems only.
    const mine = await team2.getJson<{ problems: { id: string }[] }>('/api/rounds/2026-r4/problems');
    expect(mine.problems.map((p) => p.id)).toEqual(['QSZ-01']);
    expect(
      (await team2.inject({ method: 'GET', url: '/api/rounds/2026-r4/problems/ZJJ-01' })).statusCode,
    ).toBe(404);
  });

  it('keeps a deleted problem in the audit log', async () => {
    expect(
      (await team2.inject({ method: 'DELETE', url: '/api/rounds/2026-r4/problems/ZJJ-02' })).statusCode,
    ).toBe(404);
    expect(
      (await team1.inject({ method: 'DELETE', url: '/api/rounds/2026-r4/problems/ZJJ-02' })).statusCode,
    ).toBe(204);
    expect(await store.ledger.getProblem('2026-r4', 'ZJJ-02')).toBeUndefined();
    const { entries } = await store.listAudit({});
    const deleted = entries.find((e) => e.action === 'ledger_delete');
    expect(deleted).toMatchObject({ user: 't1', target: '2026-r4/ZJJ-02' });
    expect((deleted?.detail as { problem?: { title: string } } | undefined)?.problem?.title).toBe(
      '老旧小区改造工程质量监管不力',
    );
  });

  it('counts problems with recurrence signals per unit on the dashboard, and shows cadence on sources', async () => {
    await store.ledger.addLinks([
      {
        roundId: '2026-r4',
        problemId: 'ZJJ-01',
        unitId: 'zjj',
        articleId: 'a1',
        clusterId: 'a1',
        title: '还是老样子',
        url: 'http://127.0.0.1/a1.html',
        linkedAt: '2027-03-20T02:00:00.000Z',
        recurrence: true,
        reason: '涉及已反馈问题：ZJJ-01',
      },
    ]);
    const dash = await admin.getJson<{
      units: { id: string; problems: { problems: number; recurring: number } }[];
    }>('/api/dashboard?round=2026-r4');
    expect(dash.units.find((u) => u.id === 'zjj')?.problems).toEqual({ problems: 1, recurring: 1 });
    expect(dash.units.find((u) => u.id === 'qsz')?.problems).toEqual({ problems: 1, recurring: 0 });
    const sources = await admin.getJson<{
      sources: { sourceId: string; cadence: string; paused: boolean }[];
    }>('/api/sources');
    expect(sources.sources[0]?.cadence).toMatch(/（常规）$/);
    expect(sources.sources[0]?.paused).toBe(false);
    const xlsx = await admin.inject({ method: 'GET', url: '/api/rounds/2026-r4/problems.xlsx' });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
