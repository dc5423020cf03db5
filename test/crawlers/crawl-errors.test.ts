import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSource } from '../../crawlers/index.js';
import { listPage, newsPage } from './fixtures.js';
import {
  closedPort,
  type FixtureServer,
  RecordingSink,
  startServer,
  testContext,
  testSource,
} from './helpers.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

describe('bad input never throws out of crawlSource', () => {
  let server: FixtureServer;

  beforeAll(async () => {
    const links = ['500', 'empty', 'png', 'pdf', 'big', 'slow', 'blank', 'ok', '404'].map((p) => ({
      href: `/a/${p}.html`,
      text: `测试文章标题之${p}号页面`,
    }));
    server = await startServer({
      '/list/': { body: listPage(links) },
      '/a/500.html': { status: 500, body: 'boom' },
      '/a/404.html': { status: 404, body: 'gone' },
      '/a/empty.html': { body: '' },
      '/a/png.html': { headers: { 'content-type': 'image/png' }, body: PNG },
      '/a/pdf.html': { headers: { 'content-type': 'application/pdf' }, body: '%PDF-1.4 binary' },
      '/a/big.html': { body: newsPage() + 'x'.repeat(300_000) },
      '/a/slow.html': { body: newsPage(), delayMs: 3000 },
      '/a/blank.html': { body: '<html><head><title>无正文</title></head><body><div></div></body></html>' },
      '/a/ok.html': { body: newsPage() },
      '/list500/': { status: 500, body: 'list down' },
      '/robots.txt': {
        headers: { 'content-type': 'text/plain' },
        body: 'User-agent: *\nDisallow: /private/\n',
      },
      '/rlist/': {
        body: listPage([
          { href: '/private/1.html', text: '不允许抓取的内部文章页面' },
          { href: '/a/ok.html', text: '允许抓取的正常文章页面' },
        ]),
      },
      '/private/1.html': { body: newsPage() },
    });
  });
  afterAll(() => server.close());

  it('reports each bad article page as a skip with its code and goes on with the good one', async () => {
    const sink = new RecordingSink();
    const source = testSource({
      id: 'bad',
      type: 'html',
      url: `${server.origin}/list/`,
      list: { item: '.news-list a' },
    });
    const stats = await crawlSource(source, sink, testContext({ maxPageBytes: 200_000, timeoutSecs: 1 }));
    const codes = Object.fromEntries(sink.skips.map((s) => [new URL(s.url).pathname, s.code]));
    expect(codes).toEqual({
      '/a/500.html': 'E_FETCH_HTTP_STATUS',
      '/a/404.html': 'E_FETCH_HTTP_STATUS',
      '/a/empty.html': 'E_FETCH_EMPTY',
      '/a/png.html': 'E_FETCH_NOT_HTML',
      '/a/pdf.html': 'E_FETCH_NOT_HTML',
      '/a/big.html': 'E_FETCH_TOO_LARGE',
      '/a/slow.html': 'E_FETCH_TIMEOUT',
      '/a/blank.html': 'E_FETCH_EMPTY',
    });
    expect(stats).toEqual({ sourceId: 'bad', fetched: 1, skipped: 8 });
    expect(sink.articles.map((a) => new URL(a.url).pathname)).toEqual(['/a/ok.html']);
    for (const s of sink.skips) expect(s.reason).toBeTruthy();
    // 404 is a final answer: fetched once. 500 is retried once.
    expect(server.hits.filter((h) => h.path === '/a/404.html')).toHaveLength(1);
    expect(server.hits.filter((h) => h.path === '/a/500.html')).toHaveLength(2);
  });

  it('sets stats.error for an unreachable source and a 500 list page while other sources go on', async () => {
    const port = await closedPort();
    const sinks = [new RecordingSink(), new RecordingSink(), new RecordingSink()];
    const sources = [
      testSource({ id: 'down', type: 'html', url: `http://127.0.0.1:${port}/` }),
      testSource({ id: 'err', type: 'rss', url: `${server.origin}/list500/` }),
      testSource({
        id: 'good',
        type: 'html',
        url: `${server.origin}/rlist/`,
        list: { item: '.news-list a' },
      }),
    ];
    const results = await Promise.all(
      sources.map((s, i) => crawlSource(s, sinks[i] as RecordingSink, testContext())),
    );
    expect(results[0]).toMatchObject({ sourceId: 'down', fetched: 0, skipped: 1 });
    expect(results[0]?.error).toMatch(/^E_FETCH_UNREACHABLE/);
    expect(sinks[0]?.skips[0]?.code).toBe('E_FETCH_UNREACHABLE');
    expect(results[1]?.error).toMatch(/^E_FETCH_HTTP_STATUS/);
    expect(sinks[1]?.skips[0]?.reason).toContain('500');
    expect(results[2]?.error).toBeUndefined();
    expect(results[2]?.fetched).toBe(1);
  });

  it('skips URLs disallowed by robots.txt unless robots are ignored for the source', async () => {
    const sink = new RecordingSink();
    const source = testSource({
      id: 'r',
      type: 'html',
      url: `${server.origin}/rlist/`,
      list: { item: '.news-list a' },
    });
    const stats = await crawlSource(source, sink, testContext());
    expect(stats).toEqual({ sourceId: 'r', fetched: 1, skipped: 1 });
    expect(sink.skips).toEqual([
      expect.objectContaining({
        url: `${server.origin}/private/1.html`,
        code: 'E_FETCH_ROBOTS',
        sourceId: 'r',
      }),
    ]);
    expect(server.hits.some((h) => h.path === '/private/1.html')).toBe(false);

    const ignoring = new RecordingSink();
    const stats2 = await crawlSource(
      testSource({ ...source, respectRobotsTxt: false, reason: '本单位自有网站' }),
      ignoring,
      testContext(),
    );
    expect(stats2.fetched).toBe(2);
  });

  it('refuses loopback addresses unless allowPrivateAddresses is set', async () => {
    const sink = new RecordingSink();
    const hitsBefore = server.hits.length;
    const source = testSource({ id: 'p', type: 'html', url: `${server.origin}/rlist/` });
    const stats = await crawlSource(source, sink, testContext({ allowPrivateAddresses: false }));
    expect(stats.fetched).toBe(0);
    expect(stats.error).toMatch(/^E_FETCH_PRIVATE_ADDRESS/);
    expect(sink.skips[0]?.code).toBe('E_FETCH_PRIVATE_ADDRESS');
    expect(server.hits.length).toBe(hitsBefore);
  });
});
