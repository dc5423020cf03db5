import { existsSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSource } from '../../crawlers/index.js';
import { listPage, newsPage } from './fixtures.js';
import { type FixtureServer, RecordingSink, startServer, testContext, testSource } from './helpers.js';

const html = (body: string) => ({ body });

describe('html crawler', () => {
  let server: FixtureServer;

  beforeAll(async () => {
    server = await startServer({
      '/list/': html(
        listPage([
          { href: '/a/1.html', text: '青石县住建局回应老旧小区改造进度慢问题' },
          { href: '/a/2.html', text: '城关镇开展违规收费专项整治' },
          { href: 'http://127.0.0.1:1/a/3.html', text: '已经入库的旧闻不应再抓取' },
        ]),
      ),
      '/a/1.html': html(newsPage()),
      '/a/2.html': html(newsPage({ title: '城关镇开展违规收费专项整治' })),
      // GBK page: charset only in <meta>, none in the header.
      '/gbk/list.html': {
        headers: { 'content-type': 'text/html' },
        body: iconv.encode(
          `<html><head><meta charset="gbk"><title>列表</title></head><body><div class="list"><a href="/gbk/1.html">东湖街道回应群众关于垃圾清运不及时的反映</a></div></body></html>`,
          'gbk',
        ),
      },
      '/gbk/1.html': {
        headers: { 'content-type': 'text/html' },
        body: iconv.encode(
          newsPage({ title: '东湖街道回应群众关于垃圾清运不及时的反映', charsetMeta: 'gbk' }),
          'gbk',
        ),
      },
    });
  });
  afterAll(() => server.close());

  it('follows the list selector, skips known URLs and extracts each article', async () => {
    const known = 'http://127.0.0.1:1/a/3.html';
    const sink = new RecordingSink([known]);
    const source = testSource({
      id: 'qs',
      type: 'html',
      url: `${server.origin}/list/`,
      list: { item: 'ul.news-list li a' },
    });
    const stats = await crawlSource(source, sink, testContext());
    expect(stats).toEqual({ sourceId: 'qs', fetched: 2, skipped: 0 });
    expect(sink.asked[0]).toContain(known);
    expect(server.hits.some((h) => h.path === '/a/3.html')).toBe(false);
    const titles = sink.articles.map((a) => a.title).sort();
    expect(titles).toEqual(['城关镇开展违规收费专项整治', '青石县住建局回应老旧小区改造进度慢问题']);
    const a1 = sink.articles.find((a) => a.url === `${server.origin}/a/1.html`);
    expect(a1).toMatchObject({
      sourceId: 'qs',
      sourceType: 'html',
      sourceName: '测试源qs',
      publishedAt: '2025-05-12T07:34:00+08:00',
      fetchedAt: '2025-05-13T10:00:00+08:00',
    });
    expect(a1?.body).toMatch(/^近日，有居民在网上反映/);
    expect(
      server.hits.filter((h) => h.path.startsWith('/a/')).every((h) => h.userAgent === 'yuqing-test/1.0'),
    ).toBe(true);
    expect(existsSync(join(process.cwd(), 'storage'))).toBe(false);
  });

  it('respects maxItems', async () => {
    const sink = new RecordingSink();
    const source = testSource({
      id: 'qs1',
      type: 'html',
      url: `${server.origin}/list/`,
      list: { item: 'ul.news-list li a' },
      maxItems: 1,
    });
    const stats = await crawlSource(source, sink, testContext());
    expect(stats.fetched).toBe(1);
    expect(sink.articles[0]?.url).toBe(`${server.origin}/a/1.html`);
  });

  it('decodes a GBK page whose charset is only in <meta>, end to end, guessing links without a selector', async () => {
    const sink = new RecordingSink();
    const source = testSource({ id: 'gbk', type: 'html', url: `${server.origin}/gbk/list.html` });
    const stats = await crawlSource(source, sink, testContext());
    expect(stats.fetched).toBe(1);
    expect(sink.articles[0]?.title).toBe('东湖街道回应群众关于垃圾清运不及时的反映');
    expect(sink.articles[0]?.body).toContain('县住建局也将加强监督');
  });
});
