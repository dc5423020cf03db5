import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../console/security.js';
import type { OutboxAlert, Tip } from '../../core/types.js';
import type { SearchResult } from '../../store/store.js';
import { PLANTED, REPOST, SCRIPT_PAYLOAD } from './fixtures.js';
import { type InjectedConsole, openSeededApp } from './seed.js';
import type { TestSession } from './session.js';

let session: TestSession;
let opened: InjectedConsole;

beforeAll(async () => {
  opened = await openSeededApp('officer');
  session = opened.session;
});

afterAll(async () => opened.close());

async function getJson<T>(url: string, status = 200): Promise<T> {
  const res = await session.inject({ method: 'GET', url });
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  return res.json() as T;
}

async function searchIds(query: string): Promise<string[]> {
  const result = await getJson<SearchResult>(`/api/search?${query}`);
  return result.hits.map((h) => h.id).sort();
}

describe('GET /api/health', () => {
  it('answers ok with the article count', async () => {
    expect(await getJson('/api/health')).toEqual({ ok: true, articles: 5 });
  });
});

describe('GET /api/search', () => {
  it('finds a two-character Chinese term and highlights it', async () => {
    const result = await getJson<SearchResult>(`/api/search?q=${encodeURIComponent('收费')}`);
    expect(result.total).toBe(2);
    expect(result.hits.map((h) => h.id).sort()).toEqual(['a1', 'a2']);
    const planted = result.hits.find((h) => h.id === 'a1');
    expect(planted).toMatchObject({
      level: 'red',
      clusterSize: 2,
      source: '明州论坛',
      sourceId: 'demo-forum',
    });
    expect(planted?.publishedAt).toBe('2026-11-22T09:30:00+08:00');
    expect(planted?.units).toEqual(['zjj']);
    expect(planted?.highlights.join('')).toContain('<mark>收费</mark>');
  });

  it('requires every term (AND)', async () => {
    expect(await searchIds(`q=${encodeURIComponent('收费 吃拿卡要')}`)).toEqual(['a1']);
  });

  it('sorts by time (newest first) by default and by score on request', async () => {
    const byTime = await getJson<SearchResult>('/api/search');
    expect(byTime.hits.map((h) => h.id)).toEqual(['a5', 'a4', 'a2', 'a1', 'a3']);
    const byScore = await getJson<SearchResult>('/api/search?sort=score');
    expect(byScore.hits[0]?.id).toBe('a1');
  });

  it('pages with limit and offset', async () => {
    const page = await getJson<SearchResult>('/api/search?limit=2&offset=2');
    expect(page.total).toBe(5);
    expect(page.hits.map((h) => h.id)).toEqual(['a2', 'a1']);
  });

  it.each([
    ['round=2026-r4&unit=zjj', ['a1', 'a2', 'a5']],
    ['unit=qsz', ['a4']],
    ['level=orange', ['a2', 'a4']],
    ['minLevel=orange', ['a1', 'a2', 'a4']],
    ['phase=rectification', ['a5']],
    ['round=2026-r4&phase=entry', ['a1', 'a2', 'a3', 'a4']],
    ['source=demo-feed', ['a3']],
    ['sourceType=browser', ['a5']],
    ['from=2026-11-22', ['a1', 'a2', 'a4', 'a5']],
    // a2 is 23:30 on the 22nd in Shanghai and is in; a4 is 00:30 on the 23rd there (still the 22nd in UTC): out.
    ['to=2026-11-22', ['a1', 'a2', 'a3']],
    ['from=2026-11-22&to=2026-11-22', ['a1', 'a2']],
    ['from=2026-11-22T10:00:00%2B08:00&to=2026-11-23T00:00:00Z', ['a2', 'a4']],
  ])('filters by %s', async (query, ids) => {
    expect(await searchIds(query)).toEqual(ids);
  });

  it.each([
    ['level=purple', 'level'],
    ['minLevel=1', 'minLevel'],
    ['phase=%E8%BF%9B%E9%A9%BB', 'phase'],
    ['sort=random', 'sort'],
    ['limit=500', 'limit'],
    ['offset=x', 'offset'],
    ['from=2026-13-01', 'from'],
    ['to=tomorrow', 'to'],
    ['round=2025-r1', 'round'],
    ['unit=nobody', 'unit'],
    ['sourceType=ftp', 'sourceType'],
    ['level=red&level=green', 'level'],
  ])('rejects %s with 400 naming %s', async (query, name) => {
    const body = await getJson<{ error: { code: string; message: string } }>(`/api/search?${query}`, 400);
    expect(body.error.code).toBe('E_INPUT');
    expect(body.error.message).toContain(`参数 ${name} 无效`);
  });

  it('returns crawled markup escaped in highlights, never raw', async () => {
    const res = await session.inject({
      method: 'GET',
      url: `/api/search?q=${encodeURIComponent('整改不到位')}`,
    });
    const result = res.json() as SearchResult;
    expect(result.hits.map((h) => h.id)).toEqual(['a5']);
    const hit = result.hits[0];
    // The title itself is data (inserted with textContent by the page); the snippets are markup and escaped.
    expect(hit?.title).toContain(SCRIPT_PAYLOAD);
    const html = hit?.highlights.join('\n') ?? '';
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<mark>整改不到位</mark>');
    expect(html.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });
});

describe('GET /api/articles/:id', () => {
  it('answers the article with its explanation and the rest of its cluster', async () => {
    const detail = await getJson<{
      article: Record<string, unknown> & { assessments: { parts: { label: string; points: number }[] }[] };
      cluster: { id: string; size: number };
      others: { id: string; title: string; url: string; source: string; publishedAt?: string }[];
    }>('/api/articles/a1');
    expect(detail.article).toMatchObject({ id: 'a1', title: PLANTED.title, level: 'red', score: 74 });
    expect(detail.article).not.toHaveProperty('titleTokens');
    const parts = detail.article.assessments[0]?.parts ?? [];
    expect(parts.map((p) => p.label)).toContain('正文命中「违规收费」(侵害群众利益) ×1');
    expect(parts.reduce((s, p) => s + p.points, 0)).toBe(74);
    expect(detail.cluster).toEqual({ id: 'a1', size: 2 });
    expect(detail.others).toEqual([
      {
        id: 'a2',
        title: REPOST.title,
        url: REPOST.url,
        source: '明州新闻网',
        publishedAt: REPOST.publishedAt,
      },
    ]);
  });

  it('answers 404 JSON for an unknown id', async () => {
    const body = await getJson<{ error: { code: string; message: string } }>('/api/articles/nope', 404);
    expect(body.error.code).toBe('E_NOT_FOUND');
    expect(body.error.message).toContain('nope');
  });
});

describe('GET /api/tips', () => {
  it('lists all tips with total', async () => {
    const { total, tips } = await getJson<{ total: number; tips: Tip[] }>('/api/tips');
    expect(total).toBe(3);
    expect(tips.map((t) => t.id).sort()).toEqual(['tip-a1', 'tip-a4', 'tip-a5']);
    const planted = tips.find((t) => t.id === 'tip-a1');
    expect(planted).toMatchObject({ unitId: 'zjj', team: '第一巡察组', level: 'red', status: 'new' });
    expect(planted?.parts.length).toBe(3);
  });

  it.each([
    ['unit=qsz', ['tip-a4']],
    ['status=new', ['tip-a1', 'tip-a5']],
    ['minLevel=orange', ['tip-a1', 'tip-a4']],
    ['round=2026-r4&unit=zjj&minLevel=red', ['tip-a1']],
    ['limit=1', ['one']],
  ])('filters by %s', async (query, ids) => {
    const { tips } = await getJson<{ tips: Tip[] }>(`/api/tips?${query}`);
    if (ids[0] === 'one') expect(tips).toHaveLength(1);
    else expect(tips.map((t) => t.id).sort()).toEqual(ids);
  });

  it('rejects a bad status naming it', async () => {
    const body = await getJson<{ error: { message: string } }>('/api/tips?status=open', 400);
    expect(body.error.message).toContain('参数 status 无效');
  });
});

describe('GET /api/rounds', () => {
  it('lists rounds, units and sources without people', async () => {
    const body = await getJson<{
      timezone: string;
      rounds: { id: string; name: string; phases: object; units: Record<string, unknown>[] }[];
      sources: { id: string; name: string; type: string }[];
    }>('/api/rounds');
    expect(body.timezone).toBe('Asia/Shanghai');
    expect(body.rounds).toHaveLength(1);
    expect(body.rounds[0]).toMatchObject({ id: '2026-r4', name: '明州市委2026年第四轮巡察' });
    expect(body.rounds[0]?.phases).toEqual({
      entry: { start: '2026-11-01', end: '2027-01-15' },
      feedback: { start: '2027-03-01', end: '2027-03-15' },
      rectification: { start: '2027-03-16', end: '2027-06-30' },
    });
    expect(body.rounds[0]?.units[0]).toEqual({
      id: 'zjj',
      name: '明州市住房和城乡建设局',
      aliases: ['市住建局', '明州住建局'],
      team: '第一巡察组',
    });
    expect(JSON.stringify(body)).not.toContain('王建华');
    expect(body.sources.map((s) => s.id)).toEqual([
      'demo-news',
      'demo-forum',
      'demo-feed',
      'demo-gbk',
      'demo-spa',
    ]);
  });
});

describe('GET /api/alerts', () => {
  it('lists outbox rows by status', async () => {
    const pending = await getJson<{ alerts: OutboxAlert[] }>('/api/alerts?status=pending');
    expect(pending.alerts.map((a) => [a.tipId, a.channel])).toEqual([['tip-a1', 'office-mail']]);
    expect((await getJson<{ alerts: OutboxAlert[] }>('/api/alerts?status=sent')).alerts).toEqual([]);
    expect((await getJson<{ alerts: OutboxAlert[] }>('/api/alerts')).alerts).toHaveLength(1);
  });

  it('rejects an unknown status', async () => {
    const body = await getJson<{ error: { message: string } }>('/api/alerts?status=failed', 400);
    expect(body.error.message).toContain('参数 status 无效');
  });
});

describe('errors and headers', () => {
  it('answers unknown routes with 404 JSON', async () => {
    const body = await getJson<{ error: { code: string } }>('/api/nothing', 404);
    expect(body.error.code).toBe('E_NOT_FOUND');
  });

  it.each([
    ['/api/articles/%E0%A4%A', 400],
    [`/api/articles/${'x'.repeat(201)}`, 414],
  ])('answers a malformed path %s with JSON and the headers', async (url, status) => {
    const res = await opened.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ error: { code: 'E_INPUT' } });
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('sends the security headers on API answers, errors and unknown paths', async () => {
    for (const url of ['/', '/api/health', '/api/search?level=bad', '/nothing']) {
      const res = await session.inject({ method: 'GET', url });
      expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
  });
});
