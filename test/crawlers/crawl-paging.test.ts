import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSource } from '../../crawlers/index.js';
import { createMemoryValidatorCache } from '../../crawlers/validator-cache.js';
import { forumThreadPage, listPage, newsPage, wechatPage } from './fixtures.js';
import { type FixtureServer, RecordingSink, startServer, testContext, testSource } from './helpers.js';

// Three list pages of two items each, chained by a.next.
const page = (n: number, next?: number) =>
  listPage([
    { href: `/a/${n}1.html`, text: `第${n}页第一篇文章的标题文字` },
    { href: `/a/${n}2.html`, text: `第${n}页第二篇文章的标题文字` },
  ]).replace('</ul>', `</ul>${next ? `<a class="next" href="/list/${next}.html">下一页</a>` : ''}`);

describe('list pages: paging, incremental stop, conditional GET, empty list', () => {
  let server: FixtureServer;
  const article = (n: string) => ({ body: newsPage({ title: `第${n}号文章的标题` }) });

  beforeAll(async () => {
    const routes: Parameters<typeof startServer>[0] = {
      '/list/1.html': { body: page(1, 2) },
      '/list/2.html': { body: page(2, 3) },
      '/list/3.html': { body: page(3) },
      '/etag/': (req) =>
        req.headers['if-none-match'] === '"v1"'
          ? { status: 304 }
          : { headers: { etag: '"v1"' }, body: page(1) },
      '/changed/': {
        body: '<html><body><div class="new-layout"><a href="/a/11.html">新版面</a></div></body></html>',
      },
      '/thread-7-1-1.html': { body: forumThreadPage() },
      '/forum/': { body: listPage([{ href: '/thread-7-1-1.html', text: '城关镇卫生院收费乱象谁来管' }]) },
      '/mp/': { body: listPage([{ href: '/s/abc', text: '关于开展第二轮巡察意见征集的公告' }]) },
      '/s/abc': { body: wechatPage() },
    };
    for (const n of ['11', '12', '21', '22', '31', '32']) routes[`/a/${n}.html`] = article(n);
    server = await startServer(routes);
  });
  afterAll(() => server.close());

  const paged = (maxPages?: number) =>
    testSource({
      id: 'paged',
      type: 'html',
      url: `${server.origin}/list/1.html`,
      list: { item: 'ul.news-list li a', next: 'a.next', ...(maxPages ? { maxPages } : {}) },
    });

  it('follows list.next through every page when items are new, up to maxPages', async () => {
    const sink = new RecordingSink();
    const stats = await crawlSource(paged(2), sink, testContext());
    expect(stats).toEqual({ sourceId: 'paged', fetched: 4, skipped: 0 });
    expect(server.hits.some((h) => h.path === '/list/3.html')).toBe(false);
    const all = new RecordingSink();
    expect((await crawlSource(paged(), all, testContext())).fetched).toBe(6);
  });

  it('stops paging at the first page whose items are all known', async () => {
    const o = server.origin;
    const sink = new RecordingSink([`${o}/a/21.html`, `${o}/a/22.html`, `${o}/a/31.html`]);
    const before = server.hits.length;
    const stats = await crawlSource(paged(), sink, testContext());
    expect(stats.fetched).toBe(2);
    const paths = server.hits.slice(before).map((h) => h.path);
    expect(paths).toContain('/list/2.html');
    expect(paths).not.toContain('/list/3.html');
  });

  it('sends If-None-Match and treats 304 as nothing new', async () => {
    const validators = createMemoryValidatorCache();
    const source = testSource({
      id: 'etag',
      type: 'html',
      url: `${server.origin}/etag/`,
      list: { item: 'li a' },
    });
    const first = await crawlSource(source, new RecordingSink(), { ...testContext(), validators });
    expect(first.fetched).toBe(2);
    expect(validators.entries.get(`${server.origin}/etag/`)).toEqual({ etag: '"v1"' });
    const sink = new RecordingSink();
    const second = await crawlSource(source, sink, { ...testContext(), validators });
    expect(second).toEqual({ sourceId: 'etag', fetched: 0, skipped: 0 });
    expect(second.emptyList).toBeUndefined();
    expect(sink.asked).toEqual([]);
  });

  it('reports a list page whose selector matches nothing as an empty list (layout change)', async () => {
    const sink = new RecordingSink();
    const source = testSource({
      id: 'chg',
      type: 'html',
      url: `${server.origin}/changed/`,
      list: { item: 'ul.news-list a' },
    });
    const stats = await crawlSource(source, sink, testContext());
    expect(stats).toMatchObject({ fetched: 0, skipped: 1, emptyList: true });
    expect(stats.error).toBeUndefined();
    expect(sink.skips[0]).toMatchObject({ code: 'E_FETCH_EMPTY' });
    expect(sink.skips[0]?.reason).toContain('matched nothing');
  });

  it('fills evidence with the raw bytes, type, status, final URL and fetch time', async () => {
    const sink = new RecordingSink();
    await crawlSource(paged(1), sink, testContext());
    const a = sink.articles[0];
    expect(a?.evidence).toMatchObject({
      contentType: 'text/html; charset=utf-8',
      status: 200,
      finalUrl: a?.url,
      fetchedAt: '2025-05-13T10:00:00+08:00',
    });
    expect(Buffer.from(a?.evidence?.body ?? []).toString('utf8')).toContain('<h1 class="article-title">');
  });

  it('stores a forum thread as its first post plus one item per reply, linked to the thread', async () => {
    const sink = new RecordingSink();
    const source = testSource({
      id: 'bbs',
      type: 'html',
      url: `${server.origin}/forum/`,
      list: { item: 'li a' },
    });
    const stats = await crawlSource(source, sink, testContext());
    expect(stats.fetched).toBe(3);
    const thread = `${server.origin}/thread-7-1-1.html`;
    const [first, r1, r2] = sink.articles;
    expect(first).toMatchObject({
      url: thread,
      title: '城关镇卫生院收费乱象谁来管',
      body: '上周带孩子去城关镇卫生院看病，挂号费收了两次。\n问收费处，对方说是系统问题，让我们自己去找院办。',
      author: '青石老王',
      publishedAt: '2025-05-12T08:30:00+08:00',
    });
    expect(first?.parentUrl).toBeUndefined();
    expect(r1).toMatchObject({
      url: `${thread}#post-502`,
      parentUrl: thread,
      author: '路过的',
      publishedAt: '2025-05-12T09:10:00+08:00',
      body: '我上个月也遇到过，药费单上多出一项“诊疗服务费”。',
    });
    expect(r1?.title).toMatch(/^回复：我上个月也遇到过/);
    expect(r2).toMatchObject({
      url: `${thread}#post-503`,
      parentUrl: thread,
      body: '建议直接打县卫健局的投诉电话。',
    });
    expect(r2?.evidence?.finalUrl).toBe(thread);
  });

  it('uses the 公众号 extractor on mp-style article pages', async () => {
    const sink = new RecordingSink();
    const source = testSource({
      id: 'mp',
      type: 'html',
      url: `${server.origin}/mp/`,
      list: { item: 'li a' },
    });
    await crawlSource(source, sink, testContext());
    expect(sink.articles[0]).toMatchObject({
      title: '关于开展第二轮巡察意见征集的公告',
      sourceName: '清风青石',
      publishedAt: '2025-05-10T18:20:00+08:00',
    });
    expect(sink.articles[0]?.body).toMatch(/^根据县委巡察工作统一部署/);
    expect(sink.articles[0]?.body).not.toContain('阅读');
  });
});
