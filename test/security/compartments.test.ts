// Compartments (issues 21 and 23): a scoped account cannot see another team's or round's item by id, by
// filter or by export, route by route, and a team account with no scope sees nothing. A real SQLite file
// under a real Fastify app (inject), accounts logged in through the API.
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundSchema } from '../../config/schema.js';
import { createConsoleServer } from '../../console/server.js';
import type { Assessment, ProcessedArticle, Tip } from '../../core/types.js';
import type { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import type { SearchResult } from '../../store/store.js';
import { PLANTED, tempDir, tipFor } from '../console/fixtures.js';
import { seededStore, testDeps } from '../console/seed.js';
import { signIn, type TestSession } from '../console/session.js';
import { DEMO_ROUND } from '../helpers/demo-round.js';

// Round A is the demo round (2026-r4: zjj and scjg of 第一巡察组, qsz of 第二巡察组); round B watches 生态环境局.
const ROUND_B = roundSchema.parse({
  ...DEMO_ROUND,
  id: 'r-b',
  name: '2026年第五轮巡察',
  phases: { feedback: { start: '2026-11-01', end: '2026-11-30' } },
  units: [
    { id: 'hx', name: '明州市生态环境局', aliases: ['市环境局'], team: '第三巡察组' },
    { id: 'jy', name: '明州市教育局', aliases: ['市教育局'], team: '第三巡察组' },
  ],
  sources: ['demo-news'],
});

const ROUND_A_PART = '正文命中「违规收费」(侵害群众利益) ×1';
const ROUND_B_PART = '正文命中「联合执法」(执法) ×1';

function assessment(
  round: string,
  unit: [string, string, string],
  level: Tip['level'],
  score: number,
  label: string,
) {
  const [unitId, unitName, team] = unit;
  return {
    roundId: round,
    phase: round === 'r-b' ? 'feedback' : 'entry',
    units: [
      { roundId: round, unitId, unitName, team, mentions: [{ text: unitName, where: 'body', offset: 0 }] },
    ],
    score,
    level,
    parts: [{ kind: 'term', label, term: label.slice(5, 9), points: score }],
  } satisfies Assessment;
}

/** An item assessed in both rounds: red for round A's 住建局, yellow for round B's 环境局. */
const SHARED: ProcessedArticle = {
  ...PLANTED,
  id: 'a6',
  url: 'http://127.0.0.1:8931/a6.html',
  title: '明州市住建局与市环境局联合执法引争议',
  titleTokens: '明州 明州市 住建局 市 环境局 联合 执法 联合执法 争议',
  body: '明州市住建局违规收费，市环境局联合执法。',
  bodyTokens: '明州 明州市 住建局 违规 收费 违规收费 市 环境局 联合 执法 联合执法',
  contentHash: 'a6'.padEnd(64, '0'),
  simhash: 'c3'.repeat(8),
  assessments: [
    assessment('2026-r4', ['zjj', '明州市住房和城乡建设局', '第一巡察组'], 'red', 80, ROUND_A_PART),
    assessment('r-b', ['hx', '明州市生态环境局', '第三巡察组'], 'yellow', 20, ROUND_B_PART),
  ],
  score: 80,
  level: 'red',
};

let app: FastifyInstance;
let store: SqliteStore;
/** Round B, every unit. */
let roundB: TestSession;
/** Round A, no units listed, team 第二巡察组: only qsz. */
let team2: TestSession;
/** Round A, no units and no team: nothing. */
let empty: TestSession;
/** 住建局 in round A and 教育局 in round B. */
let mixed: TestSession;
let admin: TestSession;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const tmp = tempDir();
  store = await seededStore(tmp.dir);
  const deps = testDeps(tmp.dir, store);
  deps.config.rounds.push(ROUND_B);
  await store.ingest({
    article: SHARED,
    tips: [
      { tip: { ...tipFor(SHARED, 'zjj'), id: 'tip-a6', score: 80, level: 'red' }, channels: ['office-mail'] },
      {
        tip: {
          ...tipFor(SHARED, 'hx', 'assigned'),
          id: 'tip-a6b',
          roundId: 'r-b',
          unitName: '明州市生态环境局',
          team: '第三巡察组',
          score: 20,
          level: 'yellow',
          phase: 'feedback',
          parts: SHARED.assessments[1]?.parts ?? [],
        },
        channels: ['office-mail'],
      },
    ],
  });
  // A repost of the same story that only round A assessed: not round B's spread.
  await store.ingest({
    article: {
      ...SHARED,
      id: 'a7',
      url: 'http://127.0.0.1:8931/a7.html',
      contentHash: 'a7'.padEnd(64, '0'),
      assessments: SHARED.assessments.slice(0, 1),
    },
    joinClusterId: 'a6',
    tips: [],
  });
  app = createConsoleServer(deps);
  await app.ready();
  roundB = await signIn(app, store, deps.config, { name: 'b', role: 'team', rounds: ['r-b'], units: ['*'] });
  team2 = await signIn(app, store, deps.config, {
    name: 'two',
    role: 'team',
    rounds: ['2026-r4'],
    team: '第二巡察组',
  });
  empty = await signIn(app, store, deps.config, { name: 'none', role: 'team', rounds: ['2026-r4'] });
  admin = await signIn(app, store, deps.config, { name: 'root', role: 'admin' });
  mixed = await signIn(app, store, deps.config, {
    name: 'mix',
    role: 'team',
    rounds: ['2026-r4', 'r-b'],
    units: ['zjj', 'jy'],
  });
  const problem = {
    id: 'P1',
    unitId: 'zjj',
    title: '违规收费',
    raisedOn: '2026-11-01',
    deadline: '2026-12-31',
    status: 'rectifying',
  };
  const put = await admin.inject({ method: 'PUT', url: '/api/rounds/2026-r4/problems/P1', payload: problem });
  expect(put.statusCode).toBe(200);
  cleanup = async () => {
    await app.close();
    await store.close();
    tmp.remove();
  };
});

afterAll(async () => cleanup());

const get = (s: TestSession, url: string) => s.inject({ method: 'GET', url });

/** A 403 with a Chinese message. */
async function expectForbidden(s: TestSession, url: string) {
  const res = await get(s, url);
  expect(res.statusCode, url).toBe(403);
  expect((res.json() as { error: { message: string } }).error.message, url).toMatch(/^无权查看/);
}

describe('compartments deny by default', () => {
  it('a team account with neither units nor team sees no item, tip, round, source or alert', async () => {
    expect((await empty.getJson<SearchResult>('/api/search')).total).toBe(0);
    expect((await empty.getJson<{ total: number }>('/api/tips')).total).toBe(0);
    expect((await empty.getJson<{ rounds: unknown[] }>('/api/rounds')).rounds).toEqual([]);
    expect((await empty.getJson<{ sources: unknown[] }>('/api/sources')).sources).toEqual([]);
    expect((await empty.getJson<{ alerts: unknown[] }>('/api/alerts')).alerts).toEqual([]);
    expect((await get(empty, '/api/articles/a4')).statusCode).toBe(404);
    await expectForbidden(empty, '/api/dashboard?round=2026-r4');
  });

  it('a team account without units sees only the units of its own 巡察组', async () => {
    const hits = await team2.getJson<SearchResult>('/api/search');
    expect(hits.hits.map((h) => h.id)).toEqual(['a4']);
    const rounds = await team2.getJson<{ rounds: { id: string; units: { id: string }[] }[] }>('/api/rounds');
    expect(rounds.rounds.map((r) => [r.id, r.units.map((u) => u.id)])).toEqual([['2026-r4', ['qsz']]]);
  });
});

describe('a scoped account, route by route', () => {
  it('GET /api/search: only visible units, level and score; filters outside the scope 403 or find nothing', async () => {
    const mine = await roundB.getJson<SearchResult>('/api/search');
    expect(mine.hits.map((h) => [h.id, h.units, h.level, h.score, h.clusterSize])).toEqual([
      ['a6', ['hx'], 'yellow', 20, 1],
    ]);
    await expectForbidden(roundB, '/api/search?unit=zjj');
    await expectForbidden(roundB, '/api/search?round=2026-r4');
    await expectForbidden(team2, '/api/search?unit=zjj');
    // Round A's phase (entry) and round A's tip status (new) are not round B's.
    expect((await roundB.getJson<SearchResult>('/api/search?phase=entry')).total).toBe(0);
    expect((await roundB.getJson<SearchResult>('/api/search?phase=feedback')).total).toBe(1);
    expect((await roundB.getJson<SearchResult>('/api/search?tipStatus=new')).total).toBe(0);
    expect((await roundB.getJson<SearchResult>('/api/search?tipStatus=assigned')).total).toBe(1);
    // Levels as round B sees the item (yellow), not its overall red from round A.
    expect((await roundB.getJson<SearchResult>('/api/search?minLevel=orange')).total).toBe(0);
    expect((await roundB.getJson<SearchResult>('/api/search?level=red')).total).toBe(0);
    expect((await roundB.getJson<SearchResult>('/api/search?level=yellow')).total).toBe(1);
    expect((await admin.getJson<SearchResult>('/api/search?level=red&q=联合执法')).total).toBe(2);
    // The round filter and the scope hold on the same mention: a6 is visible through round A's 住建局, but
    // round B names only 环境局, outside this account's round B units.
    expect(
      (await mixed.getJson<SearchResult>('/api/search?q=联合执法&fold=1')).hits.map((h) => h.units),
    ).toEqual([['zjj']]);
    expect((await mixed.getJson<SearchResult>('/api/search?q=联合执法&round=r-b')).total).toBe(0);
    const all = await admin.getJson<SearchResult>('/api/search?q=联合执法');
    const a6 = all.hits.find((h) => h.id === 'a6');
    expect([a6?.units, a6?.level, a6?.clusterSize]).toEqual([['zjj', 'hx'], 'red', 2]);
  });

  it('GET /api/search/export: the 被巡察单位, 等级 and 分数 columns hold only the visible round', async () => {
    const res = await get(roundB, '/api/search/export');
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('no sheet in the export');
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const row = sheet.getRow(2).values as unknown[];
    const cell = (name: string) => String(row[header.indexOf(name)] ?? '');
    expect(sheet.rowCount).toBe(2);
    expect([cell('被巡察单位'), cell('等级'), cell('分数')]).toEqual(['明州市生态环境局', '黄', '20']);
    await expectForbidden(roundB, '/api/search/export?unit=zjj');
    await expectForbidden(team2, '/api/search/export?round=r-b');
  });

  it('GET /api/articles/:id: another round’s assessment, unit, team, score and explanation stay out', async () => {
    const res = await get(roundB, '/api/articles/a6');
    expect(res.statusCode).toBe(200);
    const detail = res.json() as {
      article: { assessments: Assessment[]; score: number; level: string };
      units: { unitId: string }[];
      cluster: { size: number };
      others: unknown[];
    };
    expect(detail.article.assessments.map((a) => a.roundId)).toEqual(['r-b']);
    expect([detail.article.score, detail.article.level]).toEqual([20, 'yellow']);
    expect([detail.cluster.size, detail.others]).toEqual([1, []]);
    expect(detail.units.map((u) => u.unitId)).toEqual(['hx']);
    for (const secret of ['2026-r4', '第一巡察组', ROUND_A_PART, '明州市住房和城乡建设局']) {
      expect(res.body).not.toContain(secret);
    }
    expect((await get(roundB, '/api/articles/a1')).statusCode).toBe(404);
    expect((await get(team2, '/api/articles/a6')).statusCode).toBe(404);
  });

  it('GET /api/articles/:id/evidence and /frame: outside the scope is 404', async () => {
    for (const url of ['/api/articles/a1/evidence', '/api/articles/a1/evidence/frame']) {
      expect((await get(roundB, url)).statusCode, url).toBe(404);
    }
  });

  it('POST /api/articles/:id/tips: not for a unit of another round, not on an item outside the scope', async () => {
    const other = await roundB.inject({
      method: 'POST',
      url: '/api/articles/a6/tips',
      payload: { roundId: '2026-r4', unitId: 'zjj' },
    });
    expect(other.statusCode).toBe(403);
    const outside = await team2.inject({
      method: 'POST',
      url: '/api/articles/a1/tips',
      payload: { roundId: '2026-r4', unitId: 'qsz' },
    });
    expect(outside.statusCode).toBe(404);
  });

  it('GET /api/tips: the board lists only the scope’s tips; a unit filter outside it is 403', async () => {
    const board = await roundB.getJson<{ tips: Tip[]; counts: Record<string, number> }>('/api/tips');
    expect(board.tips.map((t) => t.id)).toEqual(['tip-a6b']);
    expect(board.counts.new).toBe(0);
    await expectForbidden(roundB, '/api/tips?unit=zjj');
    await expectForbidden(team2, '/api/tips?unit=zjj');
    expect((await team2.getJson<{ tips: Tip[] }>('/api/tips')).tips.map((t) => t.id)).toEqual(['tip-a4']);
  });

  it('GET /api/tips/:id, history, transitions, notes: another round’s tip of the same item is 404', async () => {
    expect((await get(roundB, '/api/tips/tip-a6b')).statusCode).toBe(200);
    expect((await get(roundB, '/api/tips/tip-a6')).statusCode).toBe(404);
    expect((await get(roundB, '/api/tips/tip-a6/history')).statusCode).toBe(404);
    const step = await roundB.inject({
      method: 'POST',
      url: '/api/tips/tip-a6/transitions',
      payload: { action: 'start' },
    });
    expect(step.statusCode).toBe(404);
    const note = await roundB.inject({
      method: 'POST',
      url: '/api/tips/tip-a6/notes',
      payload: { text: 'x' },
    });
    expect(note.statusCode).toBe(404);
  });

  it('GET /api/dashboard: only the scope’s round and units; another round is 403', async () => {
    const dash = await roundB.getJson<{
      round: { id: string };
      units: { id: string; openTips: number; counts: Record<string, number> }[];
      levelCounts: Record<string, number>;
      trend: Record<string, number | string>[];
    }>('/api/dashboard?from=2026-11-01&to=2026-11-30');
    expect(dash.round.id).toBe('r-b');
    // The item's level for round B (yellow), not its overall red from round A.
    expect(dash.levelCounts).toEqual({ red: 0, orange: 0, yellow: 1, green: 0 });
    expect(dash.units[0]?.counts).toEqual({ red: 0, orange: 0, yellow: 1, green: 0 });
    expect(dash.trend.find((d) => d.day === '2026-11-22')).toMatchObject({ red: 0, yellow: 1 });
    expect(dash.units.map((u) => [u.id, u.openTips])).toEqual([
      ['hx', 1],
      ['jy', 0],
    ]);
    await expectForbidden(roundB, '/api/dashboard?round=2026-r4');
    const two = await team2.getJson<{ units: { id: string; problems: { problems: number } }[] }>(
      '/api/dashboard?round=2026-r4&from=2026-11-01&to=2026-11-30',
    );
    expect(two.units.map((u) => [u.id, u.problems.problems])).toEqual([['qsz', 0]]);
  });

  it('GET /api/alerts: only alerts of the scope’s tips', async () => {
    const alerts = await roundB.getJson<{ alerts: { tipId: string }[] }>('/api/alerts');
    expect(alerts.alerts.map((a) => a.tipId)).toEqual(['tip-a6b']);
  });

  it('GET /api/rounds and /api/sources: only the scope’s rounds, units and sources', async () => {
    const rounds = await roundB.getJson<{ rounds: { id: string; units: { id: string }[] }[] }>('/api/rounds');
    expect(rounds.rounds.map((r) => [r.id, r.units.map((u) => u.id)])).toEqual([['r-b', ['hx', 'jy']]]);
    const sources = await roundB.getJson<{ sources: { sourceId: string }[] }>('/api/sources');
    expect(sources.sources.map((s) => s.sourceId)).toEqual(['demo-news']);
  });

  it('rectification ledger: another round is 403, another team’s unit is 403 or left out', async () => {
    await expectForbidden(roundB, '/api/rounds/2026-r4/problems');
    await expectForbidden(roundB, '/api/rounds/2026-r4/problems.xlsx');
    await expectForbidden(team2, '/api/rounds/2026-r4/problems?unit=zjj');
    const list = await team2.getJson<{ problems: unknown[] }>('/api/rounds/2026-r4/problems');
    expect(list.problems).toEqual([]);
    expect((await get(team2, '/api/rounds/2026-r4/problems/P1')).statusCode).toBe(404);
  });
});
