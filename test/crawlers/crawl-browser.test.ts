import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumExecutablePath } from '../../crawlers/chromium.js';
import { crawlSource } from '../../crawlers/index.js';
import { type FixtureServer, RecordingSink, startServer, testContext, testSource } from './helpers.js';

const CHROMIUM = chromiumExecutablePath();

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

describe.skipIf(!existsSync(CHROMIUM))('browser crawler (real Chromium)', () => {
  let server: FixtureServer;

  beforeAll(async () => {
    const api = (title: string) => ({
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title, paras: PARAS }),
    });
    server = await startServer({
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
  afterAll(() => server.close());

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
});
