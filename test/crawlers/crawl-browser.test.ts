import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumExecutablePath } from '../../crawlers/chromium.js';
import { crawlSource } from '../../crawlers/index.js';
import { CHROMIUM as CHROMIUM_PACKAGE, needs } from '../helpers/system-packages.js';
import { newsPage } from './fixtures.js';
import { type FixtureServer, RecordingSink, startServer, testContext, testSource } from './helpers.js';

const CHROMIUM = chromiumExecutablePath();
const chromiumNeeded = needs(CHROMIUM_PACKAGE);

// The list's links and the article's text exist only after the page's scripts ran.
const LIST = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>动态列表</title></head><body>
<ul id="list"></ul>
<script>
  setTimeout(() => {
    const items = [['/a/1.html', '青石县教育局回应校服采购价格偏高质疑'], ['/a/2.html', '东湖街道整改群众反映的噪音扰民问题']];
    for (const [href, text] of items) {
      const li = document.createElement('li');
      li.innerHTML = '<a class="item" href="' + href + '">' + text + '</a>';
      document.getElementById('list').appendChild(li);
    }
  }, 100);
</script></body></html>`;

const article = (
  title: string,
) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>加载中</title></head><body>
<div id="app">加载中……</div>
<script>
  fetch('/api/${encodeURIComponent(title)}').then((r) => r.json()).then((d) => {
    document.title = d.title + '_青石日报';
    document.getElementById('app').innerHTML = '<h1>' + d.title + '</h1><div class="info">发布时间：2025-05-12 09:30</div>' +
      '<div class="content">' + d.paras.map((p) => '<p>' + p + '</p>').join('') + '</div>';
  });
</script></body></html>`;

const PARAS = [
  '有家长在网上反映，青石县部分中学今年的校服采购价格明显高于往年，而且质量一般，希望有关部门调查。',
  '对此，青石县教育局回应称，已经成立专门工作组对校服采购流程进行核查，核查结果将及时向社会公布。',
];

// An infinite list: two items at first, two more each time the page is scrolled to the bottom (up to six).
const INFINITE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>无限列表</title></head><body>
<ul id="feed" style="margin:0"></ul><div id="ready"></div>
<script>
  let n = 0;
  const more = () => {
    for (let i = 0; i < 2 && n < 6; i++) {
      n++;
      const li = document.createElement('li');
      li.style.height = '800px';
      li.innerHTML = '<a class="it" href="/n/' + n + '.html">无限列表里的第' + n + '篇文章标题</a>';
      document.getElementById('feed').appendChild(li);
    }
  };
  setTimeout(more, 50);
  window.addEventListener('scroll', () => {
    if (window.innerHeight + window.scrollY >= document.body.scrollHeight - 10) setTimeout(more, 100);
  });
</script></body></html>`;

// A page whose scripts try to reach another loopback server, directly and through a redirect.
const leaky = (
  secret: string,
) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>列表</title></head><body>
<ul id="list"></ul>
<script>
  Promise.allSettled([fetch('${secret}'), fetch('/redir-secret')]).then(() => {
    document.getElementById('list').innerHTML = '<li><a class="item" href="/n/1.html">能正常抓取的第一篇文章</a></li>';
  });
</script></body></html>`;

describe.skipIf(chromiumNeeded.skip)(chromiumNeeded.title('browser crawler (real Chromium)'), () => {
  let server: FixtureServer;
  let other: FixtureServer;

  beforeAll(async () => {
    const api = (title: string) => ({
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title, paras: PARAS }),
    });
    other = await startServer({ '/secret': { body: '{"secret":true}' } });
    const nth = Object.fromEntries(
      [1, 2, 3, 4, 5, 6].map((n) => [
        `/n/${n}.html`,
        { body: newsPage({ title: `无限列表里的第${n}篇文章` }) },
      ]),
    );
    server = await startServer({
      ...nth,
      '/inf.html': { body: INFINITE },
      '/leak.html': { body: leaky(`${other.origin}/secret`) },
      '/redir-secret': { status: 302, headers: { location: `${other.origin}/secret` } },
      '/list.html': { body: LIST },
      '/a/1.html': { body: article('青石县教育局回应校服采购价格偏高质疑') },
      '/a/2.html': { body: article('东湖街道整改群众反映的噪音扰民问题') },
      [`/api/${encodeURIComponent('青石县教育局回应校服采购价格偏高质疑')}`]: api(
        '青石县教育局回应校服采购价格偏高质疑',
      ),
      [`/api/${encodeURIComponent('东湖街道整改群众反映的噪音扰民问题')}`]: api(
        '东湖街道整改群众反映的噪音扰民问题',
      ),
    });
  });
  afterAll(async () => {
    await Promise.all([server.close(), other.close()]);
  });

  it('collects links created by JS and extracts articles rendered by JS', async () => {
    const sink = new RecordingSink([`${server.origin}/a/2.html`]);
    const source = testSource({
      id: 'js',
      type: 'browser',
      url: `${server.origin}/list.html`,
      list: { item: 'a.item' },
    });
    const stats = await crawlSource(source, sink, testContext({ chromiumPath: CHROMIUM, timeoutSecs: 15 }));
    expect(stats).toEqual({ sourceId: 'js', fetched: 1, skipped: 0 });
    expect(sink.articles[0]).toMatchObject({
      url: `${server.origin}/a/1.html`,
      sourceType: 'browser',
      title: '青石县教育局回应校服采购价格偏高质疑',
      publishedAt: '2025-05-12T09:30:00+08:00',
      body: PARAS.join('\n'),
    });
    expect(server.hits.some((h) => h.path === '/a/2.html')).toBe(false);
    // The document and the XHR both carry our User-Agent.
    const apiHit = server.hits.find((h) => h.path.startsWith('/api/'));
    expect(apiHit?.userAgent).toBe('yuqing-test/1.0');
  });

  it('reports a 404 list page as a failed source', async () => {
    const sink = new RecordingSink();
    const source = testSource({ id: 'js404', type: 'browser', url: `${server.origin}/nope.html` });
    const stats = await crawlSource(source, sink, testContext({ chromiumPath: CHROMIUM, timeoutSecs: 15 }));
    expect(stats.error).toMatch(/^E_FETCH_HTTP_STATUS/);
    expect(sink.skips[0]?.code).toBe('E_FETCH_HTTP_STATUS');
  });

  it('scrolls an infinite list, waits for its selector and screenshots each article as evidence', async () => {
    const sink = new RecordingSink();
    const source = testSource({
      id: 'inf',
      type: 'browser',
      url: `${server.origin}/inf.html`,
      list: { item: 'a.it' },
      waitFor: 'a.it',
      scroll: 2,
    });
    const stats = await crawlSource(source, sink, testContext({ chromiumPath: CHROMIUM, timeoutSecs: 15 }));
    expect(stats.fetched).toBe(6);
    const first = sink.articles.find((a) => a.url.endsWith('/n/1.html'));
    expect(first?.title).toBe('无限列表里的第1篇文章');
    const shot = Buffer.from(first?.evidence?.screenshot ?? []);
    expect(shot.subarray(0, 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
    expect(Buffer.from(first?.evidence?.body ?? []).toString()).toContain('无限列表里的第1篇文章');
  });

  it('refuses page requests to private addresses, directly and through a redirect', async () => {
    const sink = new RecordingSink();
    const source = testSource({
      id: 'leak',
      type: 'browser',
      url: `${server.origin}/leak.html`,
      list: { item: 'a.item' },
    });
    const crawl = {
      chromiumPath: CHROMIUM,
      timeoutSecs: 15,
      allowPrivateAddresses: false,
      allowPrivateHosts: [new URL(server.origin).host],
    };
    const stats = await crawlSource(source, sink, testContext(crawl));
    expect(stats.fetched).toBe(1);
    // The redirecting URL was asked for (on the allowed host), its private target never was.
    expect(server.hits.some((h) => h.path === '/redir-secret')).toBe(true);
    expect(other.hits).toHaveLength(0);
  });
});
