import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSource } from '../../crawlers/index.js';
import { listPage, newsPage } from './fixtures.js';
import { type FixtureServer, RecordingSink, startServer, testContext, testSource } from './helpers.js';

const GBK_TITLE = '东湖街道回应群众关于垃圾清运不及时的反映';
const FUTURE = newsPage({ title: '日期写错的文章' }).replace('2025年05月12日 07:34', '2031年01月01日 08:00');

describe('bad input: each a logged skip with its reason, never a crash or a hang', () => {
  let server: FixtureServer;

  beforeAll(async () => {
    const pages = ['huge', 'loop', 'gbk', 'gzip', 'future', 'empty', 'pdf', 'ok'];
    server = await startServer({
      '/list/': {
        body: listPage(pages.map((p) => ({ href: `/a/${p}.html`, text: `测试文章标题之${p}号页面` }))),
      },
      // 20 MB without a Content-Length: the cap must stop the stream, not the declared size.
      '/a/huge.html': { body: Buffer.alloc(20 * 1024 * 1024, 'a') },
      '/a/loop.html': { status: 302, headers: { location: '/a/loop2.html' } },
      '/a/loop2.html': { status: 301, headers: { location: '/a/loop.html' } },
      '/a/gbk.html': {
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: iconv.encode(newsPage({ title: GBK_TITLE, charsetMeta: 'utf-8' }), 'gbk'),
      },
      '/a/gzip.html': () => {
        const gz = gzipSync(Buffer.from(newsPage()));
        return { headers: { 'content-encoding': 'gzip' }, body: gz.subarray(0, Math.floor(gz.length / 2)) };
      },
      '/a/future.html': { body: FUTURE },
      '/a/empty.html': {
        body: '<html><head><title>空白页</title></head><body><div class="content"></div></body></html>',
      },
      // Served as HTML, but a PDF.
      '/a/pdf.html': { headers: { 'content-type': 'text/html' }, body: '%PDF-1.7\n%âãÏÓ binary' },
      '/a/ok.html': { body: gzipSync(Buffer.from(newsPage())), headers: { 'content-encoding': 'gzip' } },
      '/bad.xml': {
        headers: { 'content-type': 'application/rss+xml' },
        body: '<?xml version="1.0"?><rss><channel><item><title>未闭合</title></channel></rss>',
      },
      '/amp.xml': (req) => ({
        headers: { 'content-type': 'application/rss+xml' },
        body: `<?xml version="1.0"?><rss><channel><item><title>A & B 两家单位</title>
<link>http://${req.headers.host}/a/ok.html?x=1&y=2</link><description>正文摘要</description></item></channel></rss>`,
      }),
      '/a/ok.html?x=1&y=2': { body: newsPage() },
    });
  });
  afterAll(() => server.close());

  it('skips each bad article page with its code and reason, and keeps the good ones', async () => {
    const sink = new RecordingSink();
    const source = testSource({
      id: 'bad',
      type: 'html',
      url: `${server.origin}/list/`,
      list: { item: 'li a' },
    });
    const started = Date.now();
    const stats = await crawlSource(source, sink, testContext({ maxPageBytes: 5 * 1024 * 1024 }));
    expect(Date.now() - started).toBeLessThan(15_000);
    const skips = Object.fromEntries(
      sink.skips.map((s) => [new URL(s.url).pathname, `${s.code} ${s.reason}`]),
    );
    expect(Object.keys(skips).sort()).toEqual([
      '/a/empty.html',
      '/a/gzip.html',
      '/a/huge.html',
      '/a/loop.html',
      '/a/pdf.html',
    ]);
    expect(skips['/a/huge.html']).toMatch(/^E_FETCH_TOO_LARGE .*exceeds 5242880 bytes/);
    expect(skips['/a/loop.html']).toMatch(/^E_FETCH_UNREACHABLE .*redirect loop/);
    expect(skips['/a/gzip.html']).toMatch(/^E_FETCH_PARSE .*truncated gzip/);
    expect(skips['/a/empty.html']).toMatch(/^E_FETCH_EMPTY .*no article text/);
    expect(skips['/a/pdf.html']).toMatch(/^E_FETCH_NOT_HTML .*binary/);
    expect(stats).toEqual({ sourceId: 'bad', fetched: 3, skipped: 5 });
    // A redirect loop is final: not retried.
    expect(server.hits.filter((h) => h.path === '/a/loop.html')).toHaveLength(1);

    const byPath = (p: string) => sink.articles.find((a) => new URL(a.url).pathname === p);
    // Declared UTF-8, encoded in GBK: decoded as GBK anyway.
    expect(byPath('/a/gbk.html')?.title).toBe(GBK_TITLE);
    expect(byPath('/a/gbk.html')?.body).toContain('县住建局也将加强监督');
    // A gzip body that is whole is fine; the evidence holds the decoded bytes.
    expect(Buffer.from(byPath('/a/ok.html')?.evidence?.body ?? []).toString()).toContain(
      '<h1 class="article-title">',
    );
    // A publish date after the fetch time is clamped to it and flagged.
    expect(byPath('/a/future.html')).toMatchObject({
      publishedAt: '2025-05-13T10:00:00+08:00',
      fetchedAt: '2025-05-13T10:00:00+08:00',
      flags: ['future-date-clamped'],
    });
    expect(byPath('/a/ok.html')?.flags).toBeUndefined();
  });

  it('fails a feed with invalid XML as a whole source with the line and column', async () => {
    const sink = new RecordingSink();
    const stats = await crawlSource(
      testSource({ id: 'x', type: 'rss', url: `${server.origin}/bad.xml` }),
      sink,
      testContext(),
    );
    expect(stats.error).toMatch(/^E_FETCH_PARSE: .*invalid XML feed at line 1, column \d+/);
    expect(sink.skips).toHaveLength(1);
  });

  it('repairs a feed whose only fault is a bare "&"', async () => {
    const sink = new RecordingSink();
    const stats = await crawlSource(
      testSource({ id: 'amp', type: 'rss', url: `${server.origin}/amp.xml` }),
      sink,
      testContext(),
    );
    expect(stats).toEqual({ sourceId: 'amp', fetched: 1, skipped: 0 });
    expect(sink.articles[0]?.title).toBe('A & B 两家单位');
    expect(sink.articles[0]?.url).toBe(`${server.origin}/a/ok.html?x=1&y=2`);
  });
});
