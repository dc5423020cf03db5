import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostGate } from '../../crawlers/host-gate.js';
import { crawlSource } from '../../crawlers/index.js';
import { startForwardProxy } from '../helpers/forward-proxy.js';
import { listPage, newsPage } from './fixtures.js';
import { type FixtureServer, RecordingSink, startServer, testContext, testSource } from './helpers.js';

describe('politeness and safety', () => {
  let server: FixtureServer;
  let other: FixtureServer;
  let busyCalls = 0;

  beforeAll(async () => {
    other = await startServer({ '/secret': { body: newsPage({ title: '内网页面不应被抓取' }) } });
    server = await startServer({
      '/list/': {
        body: listPage([1, 2, 3].map((n) => ({ href: `/a/${n}.html`, text: `文章标题第${n}篇的文字` }))),
      },
      '/a/1.html': { body: newsPage({ title: '第一篇' }) },
      '/a/2.html': { body: newsPage({ title: '第二篇' }) },
      '/a/3.html': { body: newsPage({ title: '第三篇' }) },
      '/busy/': { body: listPage([{ href: '/busy/a.html', text: '限流之后才能抓到的文章' }]) },
      '/busy/a.html': () =>
        ++busyCalls === 1
          ? { status: 429, headers: { 'retry-after': '1' }, body: 'slow down' }
          : { body: newsPage({ title: '限流之后才能抓到的文章' }) },
      '/toolong/': { body: listPage([{ href: '/toolong/a.html', text: '要求等待一小时的文章' }]) },
      '/toolong/a.html': { status: 503, headers: { 'retry-after': '3600' }, body: 'maintenance' },
      '/redir/': { body: listPage([{ href: '/redir/a.html', text: '跳转到内网地址的文章' }]) },
      '/redir/a.html': () => ({ status: 302, headers: { location: `${other.origin}/secret` } }),
    });
  });
  afterAll(async () => {
    await Promise.all([server.close(), other.close()]);
  });

  const pathsSince = (from: number, prefix: string) =>
    server.hits.slice(from).filter((h) => h.path.startsWith(prefix));

  it('waits Retry-After on a 429, then fetches the page once more', async () => {
    const sink = new RecordingSink();
    const source = testSource({
      id: 'busy',
      type: 'html',
      url: `${server.origin}/busy/`,
      list: { item: 'li a' },
    });
    const started = Date.now();
    const stats = await crawlSource(source, sink, testContext());
    expect(stats).toEqual({ sourceId: 'busy', fetched: 1, skipped: 0 });
    expect(busyCalls).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('gives a page up (a logged skip) when Retry-After asks for longer than maxRetryAfterSecs', async () => {
    const sink = new RecordingSink();
    const source = testSource({
      id: 'long',
      type: 'html',
      url: `${server.origin}/toolong/`,
      list: { item: 'li a' },
    });
    const from = server.hits.length;
    const stats = await crawlSource(source, sink, testContext({ maxRetryAfterSecs: 5 }));
    expect(stats.skipped).toBe(1);
    expect(sink.skips[0]?.reason).toMatch(/HTTP 503 \(Retry-After 3600 s\)/);
    expect(pathsSince(from, '/toolong/a.html')).toHaveLength(1);
  });

  it('keeps one request per host at a time with the minimum delay, across sources', async () => {
    const gate = createHostGate();
    const from = server.hits.length;
    const started = Date.now();
    const source = testSource({
      id: 'slow',
      type: 'html',
      url: `${server.origin}/list/`,
      list: { item: 'li a' },
      delaySecs: 0.3,
    });
    const robotsOff = { respectRobotsTxt: false };
    const [a, b] = await Promise.all([
      crawlSource(source, new RecordingSink(), { ...testContext(robotsOff), hostGate: gate }),
      crawlSource({ ...source, id: 'slow2' }, new RecordingSink(), {
        ...testContext(robotsOff),
        hostGate: gate,
      }),
    ]);
    expect(a.fetched + b.fetched).toBe(6);
    // 8 requests (2 lists + 6 articles) to one host: at least 7 gaps of 0.3 s.
    expect(server.hits.length - from).toBe(8);
    expect(Date.now() - started).toBeGreaterThanOrEqual(7 * 300 - 50);
  });

  it('sends every request of a source with a proxy through that proxy', async () => {
    const proxy = await startForwardProxy();
    try {
      const sink = new RecordingSink();
      const source = testSource({
        id: 'px',
        type: 'html',
        url: `${server.origin}/list/`,
        list: { item: 'li a' },
        proxy: proxy.url,
        maxItems: 1,
      });
      const stats = await crawlSource(source, sink, testContext());
      expect(stats.fetched).toBe(1);
      const host = new URL(server.origin).host;
      expect(proxy.carried.length).toBeGreaterThanOrEqual(1);
      expect(proxy.carried.every((c) => c.includes(host))).toBe(true);
      // Plain HTTP goes in absolute form, never as a CONNECT tunnel the proxy refuses.
      expect(proxy.carried.every((c) => c.startsWith(`http://${host}/`))).toBe(true);
    } finally {
      await proxy.close();
    }
  });

  it('refuses a redirect to a private address after an allowed host (checked on every hop)', async () => {
    const sink = new RecordingSink();
    const source = testSource({
      id: 'rd',
      type: 'html',
      url: `${server.origin}/redir/`,
      list: { item: 'li a' },
    });
    const allowed = { allowPrivateAddresses: false, allowPrivateHosts: [new URL(server.origin).host] };
    const stats = await crawlSource(source, sink, testContext(allowed));
    expect(stats.fetched).toBe(0);
    expect(sink.skips).toEqual([
      expect.objectContaining({ url: `${server.origin}/redir/a.html`, code: 'E_FETCH_PRIVATE_ADDRESS' }),
    ]);
    expect(sink.skips[0]?.reason).toContain('127.0.0.1');
    expect(other.hits).toHaveLength(0);
  });
});
