// A team account sees only its rounds and units, enforced by the API route by route.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundSchema } from '../../config/schema.js';
import { createConsoleServer } from '../../console/server.js';
import type { Tip } from '../../core/types.js';
import type { SearchResult } from '../../store/store.js';
import { DEMO_ROUND } from '../helpers/demo-round.js';
import { tempDir } from './fixtures.js';
import { seededStore, testDeps } from './seed.js';
import { signIn, type TestSession } from './session.js';

let app: FastifyInstance;
let township: TestSession;
let otherRound: TestSession;
let officer: TestSession;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const tmp = tempDir();
  const store = await seededStore(tmp.dir);
  const deps = testDeps(tmp.dir, store);
  deps.config.rounds.push(roundSchema.parse({ ...DEMO_ROUND, id: '2025-r3', name: '2025年第三轮巡察' }));
  app = createConsoleServer(deps);
  await app.ready();
  // 第二巡察组 watches only 青石镇 (qsz) in 2026-r4; another team only the 2025 round.
  township = await signIn(app, store, deps.config, {
    name: 't2',
    role: 'team',
    rounds: ['2026-r4'],
    units: ['qsz'],
  });
  otherRound = await signIn(app, store, deps.config, {
    name: 't3',
    role: 'team',
    rounds: ['2025-r3'],
    units: ['*'],
  });
  officer = await signIn(app, store, deps.config, { name: 'o', role: 'officer' });
  await store.putEvidence({
    articleId: 'a1',
    sha256: 'a'.repeat(64),
    size: 1,
    contentType: 'text/html',
    status: 200,
    finalUrl: 'http://127.0.0.1/a1',
    fetchedAt: '2026-11-22T09:30:00+08:00',
    path: 'a1',
    savedAt: '2026-11-22T09:30:00+08:00',
  });
  cleanup = async () => {
    await app.close();
    await store.close();
    tmp.remove();
  };
});

afterAll(async () => cleanup());

const status = async (s: TestSession, url: string, method: 'GET' | 'POST' = 'GET', payload?: object) =>
  (await s.inject({ method, url, ...(payload ? { payload } : {}) })).statusCode;

describe('team scoping', () => {
  it('search lists only the team units’ items; a filter outside the scope is 403', async () => {
    const all = await officer.getJson<SearchResult>('/api/search');
    expect(all.total).toBe(5);
    const mine = await township.getJson<SearchResult>('/api/search');
    expect(mine.hits.map((h) => h.id)).toEqual(['a4']);
    expect((await otherRound.getJson<SearchResult>('/api/search')).total).toBe(0);
    expect(await status(township, '/api/search?unit=zjj')).toBe(403);
    expect(await status(otherRound, '/api/search?round=2026-r4')).toBe(403);
    const exported = await township.inject({ method: 'GET', url: '/api/search/export?unit=zjj' });
    expect(exported.statusCode).toBe(403);
  });

  it('item detail, evidence and making a tip outside the scope answer 404 like an unknown id', async () => {
    expect(await status(township, '/api/articles/a4')).toBe(200);
    expect(await status(officer, '/api/articles/a1/evidence')).toBe(200);
    for (const url of ['/api/articles/a1', '/api/articles/a1/evidence', '/api/articles/a1/evidence/frame']) {
      expect(await status(township, url), url).toBe(404);
      expect(await status(otherRound, url), url).toBe(404);
    }
    expect(
      await status(township, '/api/articles/a1/tips', 'POST', { roundId: '2026-r4', unitId: 'zjj' }),
    ).toBe(404);
    expect(
      await status(township, '/api/articles/a4/tips', 'POST', { roundId: '2026-r4', unitId: 'zjj' }),
    ).toBe(403);
  });

  it('tips: the board is filtered, other tips are 404 for reading and for every change', async () => {
    const board = await township.getJson<{ total: number; tips: Tip[] }>('/api/tips');
    expect(board.tips.map((t) => t.id)).toEqual(['tip-a4']);
    expect((await otherRound.getJson<{ total: number }>('/api/tips')).total).toBe(0);
    expect(await status(township, '/api/tips/tip-a1')).toBe(404);
    expect(await status(township, '/api/tips/tip-a1/history')).toBe(404);
    expect(await status(township, '/api/tips/tip-a1/transitions', 'POST', { action: 'start' })).toBe(404);
    expect(await status(township, '/api/tips/tip-a1/notes', 'POST', { text: 'x' })).toBe(404);
    expect(await status(township, '/api/tips/tip-a4')).toBe(200);
    expect(await status(township, '/api/tips?round=2025-r3')).toBe(403);
  });

  it('dashboard shows only the team units; another round is 403', async () => {
    const dash = await township.getJson<{ units: { id: string }[]; levelCounts: Record<string, number> }>(
      '/api/dashboard?round=2026-r4&from=2026-11-01&to=2026-11-30',
    );
    expect(dash.units.map((u) => u.id)).toEqual(['qsz']);
    expect(dash.levelCounts).toEqual({ red: 0, orange: 1, yellow: 0, green: 0 });
    expect(await status(township, '/api/dashboard?round=2025-r3')).toBe(403);
    expect(await status(otherRound, '/api/dashboard?round=2026-r4')).toBe(403);
  });

  it('rounds, sources and alerts are filtered to the scope', async () => {
    const rounds = await township.getJson<{ rounds: { id: string; units: { id: string }[] }[] }>(
      '/api/rounds',
    );
    expect(rounds.rounds.map((r) => [r.id, r.units.map((u) => u.id)])).toEqual([['2026-r4', ['qsz']]]);
    const alerts = await officer.getJson<{ alerts: { tipId: string }[] }>('/api/alerts');
    expect(alerts.alerts.some((a) => a.tipId === 'tip-a1')).toBe(true);
    const teamAlerts = await township.getJson<{ alerts: { tipId: string }[]; dead: number }>('/api/alerts');
    expect(teamAlerts.alerts.every((a) => a.tipId === 'tip-a4')).toBe(true);
    const sources = await otherRound.getJson<{ sources: { id: string }[] }>('/api/sources');
    expect(sources.sources.length).toBe(5);
    expect(await status(township, '/api/suggestions')).toBe(403);
  });
});
