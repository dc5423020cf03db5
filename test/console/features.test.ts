import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAME_CSP } from '../../console/routes/evidence.js';
import { createConsoleServer } from '../../console/server.js';
import { createEvidenceFiles, evidenceRoot } from '../../store/evidence/evidence-files.js';
import type { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import type { SearchResult } from '../../store/store.js';
import { PLANTED, tempDir } from './fixtures.js';
import { seededStore, testDeps } from './seed.js';
import { signIn, type TestSession } from './session.js';

let app: FastifyInstance;
let store: SqliteStore;
let officer: TestSession;
let admin: TestSession;
let cleanup: () => Promise<void>;
const RAW_PAGE = '<html><body><h1>原帖</h1><script>parent.document.title="pwned"</script></body></html>';

beforeAll(async () => {
  const tmp = tempDir();
  store = await seededStore(tmp.dir);
  const deps = testDeps(tmp.dir, store);
  const files = createEvidenceFiles({ root: evidenceRoot(deps.config.settings.dataDir) });
  const record = await files.save('a1', {
    body: new TextEncoder().encode(RAW_PAGE),
    contentType: 'text/html; charset=utf-8',
    status: 200,
    finalUrl: PLANTED.url,
    fetchedAt: PLANTED.fetchedAt,
  });
  await store.putEvidence(record);
  app = createConsoleServer(deps);
  await app.ready();
  officer = await signIn(app, store, deps.config, { name: 'officer', role: 'officer' });
  admin = await signIn(app, store, deps.config, { name: 'admin', role: 'admin' });
  cleanup = async () => {
    await app.close();
    await store.close();
    tmp.remove();
  };
});

afterAll(async () => cleanup());

const ids = async (query: string) =>
  (await officer.getJson<SearchResult>(`/api/search?${query}`)).hits.map((h) => h.id).sort();

describe('search syntax and folding', () => {
  it('folds near-duplicates under their story with the spread count', async () => {
    const q = `q=${encodeURIComponent('收费')}`;
    expect((await officer.getJson<SearchResult>(`/api/search?${q}`)).total).toBe(2);
    const folded = await officer.getJson<SearchResult>(`/api/search?${q}&fold=1`);
    expect(folded.total).toBe(1);
    expect(folded.hits).toHaveLength(1);
    // Newest copy first (sort=time), standing for the story of the planted post.
    expect(folded.hits[0]).toMatchObject({ id: 'a2', clusterId: 'a1', clusterSize: 2, matchedInCluster: 2 });
    const byScore = await officer.getJson<SearchResult>(`/api/search?${q}&fold=1&sort=score`);
    expect(byScore.hits[0]?.id).toBe('a1');
  });

  it('understands "exact phrase", -exclude and A OR B', async () => {
    expect(await ids(`q=${encodeURIComponent('"违规收费" -网友')}`)).toEqual(['a1']);
    expect(await ids(`q=${encodeURIComponent('青石镇 OR 食品安全')}`)).toEqual(['a3', 'a4']);
    expect(await ids(`q=${encodeURIComponent('-住建局')}`)).toEqual(['a3', 'a4']);
    // The phrase must occur as written: both words are there, but not side by side.
    expect(await ids(`q=${encodeURIComponent('"收费违规"')}`)).toEqual([]);
    const res = await officer.getJson<SearchResult & { query: object }>(
      `/api/search?q=${encodeURIComponent('"违规收费" 住建局 -网友 青石镇 OR 食品安全')}`,
    );
    expect(res.query).toEqual({
      terms: ['住建局'],
      phrases: ['违规收费'],
      exclude: ['网友'],
      anyOf: [['青石镇', '食品安全']],
    });
  });

  it('filters by tip status and highlights phrases escaped', async () => {
    expect(await ids('tipStatus=assigned')).toEqual(['a4']);
    expect(await ids('tipStatus=new')).toEqual(['a1', 'a2', 'a5']);
    const res = await officer.getJson<SearchResult>(`/api/search?q=${encodeURIComponent('"整改不到位"')}`);
    expect(res.hits[0]?.highlights[0]).toContain('<mark>整改不到位</mark>');
    expect(res.hits[0]?.highlights.join('')).not.toContain('<script>');
  });
});

describe('item detail and evidence frame', () => {
  it('returns escaped highlighted text, units, tips and the evidence summary', async () => {
    const detail = await officer.getJson<{
      highlighted: { title: string; body: string };
      units: { unitId: string }[];
      tips: { id: string }[];
      others: { id: string }[];
      evidence: { evidence: { sha256: string }; files: { frame: string } };
    }>(`/api/articles/a1?q=${encodeURIComponent('违规收费')}`);
    expect(detail.highlighted.title).toContain('<mark>违规收费</mark>');
    expect(detail.units.map((u) => u.unitId)).toEqual(['zjj']);
    expect(detail.tips.map((t) => t.id)).toEqual(['tip-a1']);
    expect(detail.others.map((o) => o.id)).toEqual(['a2']);
    expect(detail.evidence.evidence.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(detail.evidence.files.frame).toBe('/api/articles/a1/evidence/frame');
    const hostile = await officer.getJson<{ highlighted: { title: string } }>('/api/articles/a5');
    expect(hostile.highlighted.title).not.toContain('<script>');
    expect(hostile.highlighted.title).toContain('&lt;script&gt;');
  });

  it('serves the raw page for a sandboxed iframe: CSP sandbox without scripts or same-origin', async () => {
    const res = await officer.inject({ method: 'GET', url: '/api/articles/a1/evidence/frame' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(RAW_PAGE);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toBe(FRAME_CSP);
    expect(csp.startsWith('sandbox;')).toBe(true);
    expect(csp).not.toContain('allow-scripts');
    expect(csp).not.toContain('allow-same-origin');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    // Every other response keeps the strict page policy.
    const api = await officer.inject({ method: 'GET', url: '/api/articles/a1/evidence' });
    expect(String(api.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  });

  it('makes a tip by hand once per story and unit', async () => {
    const make = () =>
      officer.inject({
        method: 'POST',
        url: '/api/articles/a3/tips',
        payload: { roundId: '2026-r4', unitId: 'scjg', note: '需核实' },
      });
    const first = await make();
    expect(first.statusCode, first.body).toBe(201);
    const tip = first.json().tip as { id: string; status: string; unitId: string };
    expect(tip).toMatchObject({ status: 'new', unitId: 'scjg' });
    expect((await make()).statusCode).toBe(409);
    const shown = await officer.getJson<{ notes: { text: string; user: string }[] }>(`/api/tips/${tip.id}`);
    expect(shown.notes).toMatchObject([{ text: '需核实', user: 'officer' }]);
  });
});

describe('saved searches and export', () => {
  it('saves, lists and deletes searches per user', async () => {
    const saved = await officer.inject({
      method: 'POST',
      url: '/api/saved-searches',
      payload: { name: '住建局红色', params: { q: '住建局', minLevel: 'red' } },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    const id = saved.json().savedSearch.id as string;
    const dup = await officer.inject({
      method: 'POST',
      url: '/api/saved-searches',
      payload: { name: '住建局红色', params: {} },
    });
    expect(dup.statusCode).toBe(409);
    const bad = await officer.inject({
      method: 'POST',
      url: '/api/saved-searches',
      payload: { name: 'x', params: { evil: '1' } },
    });
    expect(bad.statusCode).toBe(400);
    const mine = await officer.getJson<{ savedSearches: { name: string; params: object }[] }>(
      '/api/saved-searches',
    );
    expect(mine.savedSearches).toMatchObject([
      { name: '住建局红色', params: { q: '住建局', minLevel: 'red' } },
    ]);
    expect((await admin.getJson<{ savedSearches: unknown[] }>('/api/saved-searches')).savedSearches).toEqual(
      [],
    );
    expect((await admin.inject({ method: 'DELETE', url: `/api/saved-searches/${id}` })).statusCode).toBe(404);
    expect((await officer.inject({ method: 'DELETE', url: `/api/saved-searches/${id}` })).statusCode).toBe(
      204,
    );
    expect(
      (await officer.getJson<{ savedSearches: unknown[] }>('/api/saved-searches')).savedSearches,
    ).toEqual([]);
  });

  it('exports the search result as an .xlsx whose rows match the hits', async () => {
    const res = await officer.inject({
      method: 'GET',
      url: `/api/search/export?q=${encodeURIComponent('收费')}&sort=score`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toMatch(
      /^attachment; filename="search-\d{8}-\d{4}\.xlsx"$/,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('检索结果');
    const rows = (sheet?.getSheetValues() ?? []).filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(['标题', '来源', '发布时间', '等级', '分数', '被巡察单位', '转载数', '链接']);
    expect(rows.slice(1).map((r) => [r[0], r[3], r[6]])).toEqual([
      [PLANTED.title, '红', 2],
      ['网友反映明州市住建局违规收费', '橙', 2],
    ]);
    // A real date (the office's wall-clock time), a real hyperlink, a coloured level, a frozen header.
    expect(rows[1]?.[2]).toEqual(new Date(Date.UTC(2026, 10, 22, 9, 30)));
    expect(sheet?.getCell('C2').numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(rows[1]?.[5]).toBe('明州市住房和城乡建设局');
    expect(sheet?.getCell('H2').value).toEqual({ text: PLANTED.url, hyperlink: PLANTED.url });
    expect(sheet?.getCell('D2').fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFCF1322' } });
    expect(sheet?.getCell('D3').fill).toMatchObject({ fgColor: { argb: 'FFFA8C16' } });
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });
});

describe('dashboard', () => {
  it('aggregates unit statuses, level counts, the daily trend, phases, terms and source types', async () => {
    const d = await officer.getJson<{
      round: { id: string; phases: { phase: string; start: string }[] };
      units: { id: string; status: string; openTips: number; counts: Record<string, number> }[];
      levelCounts: Record<string, number>;
      trend: { day: string; red: number; orange: number; green: number }[];
      topTerms: { term: string; count: number }[];
      sourceTypes: { type: string; count: number }[];
      sources: { id: string }[];
    }>('/api/dashboard?round=2026-r4&from=2026-11-01&to=2026-11-30');
    expect(d.round.phases.map((p) => p.phase)).toEqual(['entry', 'feedback', 'rectification']);
    expect(d.levelCounts).toEqual({ red: 1, orange: 2, yellow: 0, green: 1 });
    const unit = (id: string) => d.units.find((u) => u.id === id);
    expect(unit('zjj')).toMatchObject({
      status: 'red',
      openTips: 2,
      counts: { red: 1, orange: 1, yellow: 0, green: 0 },
    });
    expect(unit('qsz')).toMatchObject({ status: 'orange', openTips: 1 });
    // scjg's only open tip is the green one made by hand above.
    expect(unit('scjg')).toMatchObject({ status: 'green', counts: { green: 1 } });
    expect(d.trend).toHaveLength(30);
    expect(d.trend.find((t) => t.day === '2026-11-22')).toMatchObject({ red: 1, orange: 1 });
    expect(d.trend.find((t) => t.day === '2026-11-23')).toMatchObject({ orange: 1 });
    expect(d.trend.find((t) => t.day === '2026-11-20')).toMatchObject({ green: 1 });
    expect(d.topTerms[0]?.term).toBe('违规收费');
    expect(d.sourceTypes).toEqual([
      { type: 'html', count: 3 },
      { type: 'rss', count: 1 },
    ]);
    expect(d.sources).toHaveLength(5);
  });
});

describe('audit log', () => {
  it('records logins, searches, views and exports, is readable by admins and refuses changes', async () => {
    const log = await admin.getJson<{ total: number; entries: { user: string; action: string }[] }>(
      '/api/audit?limit=500',
    );
    const actions = new Set(log.entries.map((e) => `${e.user}:${e.action}`));
    for (const expected of [
      'officer:login',
      'officer:search',
      'officer:view_item',
      'officer:export',
      'officer:tip_create',
    ]) {
      expect(actions, expected).toContain(expected);
    }
    const searches = await admin.getJson<{ entries: { action: string }[] }>(
      '/api/audit?action=search&user=officer',
    );
    expect(searches.entries.every((e) => e.action === 'search')).toBe(true);
    expect(() => store.database.prepare("UPDATE audit SET user = 'x'").run()).toThrow(/append-only/);
    expect(() => store.database.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    expect((await officer.inject({ method: 'GET', url: '/api/audit' })).statusCode).toBe(403);
  });
});
