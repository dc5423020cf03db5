import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSource } from '../../crawlers/index.js';
import { newsPage } from './fixtures.js';
import { type FixtureServer, RecordingSink, startServer, testContext, testSource } from './helpers.js';

const xml = (body: string) => ({ headers: { 'content-type': 'application/rss+xml; charset=utf-8' }, body });

describe('rss crawler', () => {
  let server: FixtureServer;

  beforeAll(async () => {
    server = await startServer({
      '/feed.xml': (req) =>
        xml(`<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>青石日报</title>
<item><title>青石县住建局回应老旧小区改造进度慢问题</title><link>http://${req.headers.host}/a/1.html</link>
  <description>&lt;p&gt;摘要一&lt;/p&gt;</description><pubDate>Mon, 12 May 2025 07:34:00 +0800</pubDate></item>
<item><title>城关镇卫生院被指药品价格虚高</title><link>http://${req.headers.host}/a/missing.html</link>
  <description><![CDATA[<p>有患者反映，城关镇卫生院部分药品价格明显高于周边药店。</p><p>卫生院表示正在核查。</p>]]></description>
  <pubDate>Sun, 11 May 2025 20:00:00 +0800</pubDate></item>
<item><title>已经知道的旧闻</title><link>http://${req.headers.host}/a/old.html</link><description>旧</description></item>
<item><title>第四条超过上限</title><link>http://${req.headers.host}/a/4.html</link><description>四</description></item>
</channel></rss>`),
      '/atom.xml': (req) =>
        xml(`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>东湖街道</title>
<entry><title type="html">东湖街道回应垃圾清运问题</title>
  <link rel="alternate" href="http://${req.headers.host}/a/1.html"/><published>2025-05-12T07:34:00+08:00</published>
  <summary>摘要</summary></entry>
</feed>`),
      '/a/1.html': { body: newsPage() },
      '/notfeed.xml': { body: '<html><body>不是订阅源</body></html>' },
    });
  });
  afterAll(() => server.close());

  it('takes entries up to maxItems, skips known ones, extracts pages and falls back to the entry', async () => {
    const sink = new RecordingSink([`${server.origin}/a/old.html`]);
    const source = testSource({ id: 'feed', type: 'rss', url: `${server.origin}/feed.xml`, maxItems: 3 });
    const stats = await crawlSource(source, sink, testContext());
    expect(stats).toEqual({ sourceId: 'feed', fetched: 2, skipped: 0 });
    expect(server.hits.some((h) => h.path === '/a/4.html' || h.path === '/a/old.html')).toBe(false);
    const page = sink.articles.find((a) => a.url.endsWith('/a/1.html'));
    expect(page).toMatchObject({ sourceType: 'rss', publishedAt: '2025-05-12T07:34:00+08:00' });
    expect(page?.body).toMatch(/^近日，有居民在网上反映/);
    const fallback = sink.articles.find((a) => a.url.endsWith('/a/missing.html'));
    expect(fallback).toMatchObject({
      title: '城关镇卫生院被指药品价格虚高',
      body: '有患者反映，城关镇卫生院部分药品价格明显高于周边药店。\n卫生院表示正在核查。',
      publishedAt: '2025-05-11T20:00:00+08:00',
    });
  });

  it('reads Atom feeds', async () => {
    const sink = new RecordingSink();
    const stats = await crawlSource(
      testSource({ id: 'atom', type: 'rss', url: `${server.origin}/atom.xml` }),
      sink,
      testContext(),
    );
    expect(stats.fetched).toBe(1);
    expect(sink.articles[0]?.title).toBe('东湖街道回应垃圾清运问题');
  });

  it('reports a document that is not a feed as a failed source', async () => {
    const sink = new RecordingSink();
    const stats = await crawlSource(
      testSource({ id: 'nf', type: 'rss', url: `${server.origin}/notfeed.xml` }),
      sink,
      testContext(),
    );
    expect(stats.error).toMatch(/^E_FETCH_PARSE/);
    expect(sink.skips[0]?.code).toBe('E_FETCH_PARSE');
  });
});
