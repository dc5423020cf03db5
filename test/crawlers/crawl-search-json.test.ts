import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSource, searchQueries } from '../../crawlers/index.js';
import { listPage, newsPage } from './fixtures.js';
import { type FixtureServer, RecordingSink, startServer, testContext, testSource } from './helpers.js';

const search = { names: ['青石县住房和城乡建设局', '县住建局'], keywords: ['违规收费'] };

describe('search and json sources', () => {
  let server: FixtureServer;

  beforeAll(async () => {
    server = await startServer({
      // A feed answer for the full name, an HTML results page for the alias.
      [`/rss?q=${encodeURIComponent('青石县住房和城乡建设局')}`]: (req) => ({
        headers: { 'content-type': 'application/rss+xml; charset=utf-8' },
        body: `<?xml version="1.0"?><rss version="2.0"><channel><title>搜索</title>
<item><title>青石县住建局回应老旧小区改造进度慢问题</title><link>http://${req.headers.host}/a/1.html</link></item>
</channel></rss>`,
      }),
      [`/rss?q=${encodeURIComponent('县住建局')}`]: {
        body: listPage([{ href: '/a/2.html', text: '县住建局被指违规收费的相关报道' }]),
      },
      '/a/1.html': { body: newsPage() },
      '/a/2.html': { body: newsPage({ title: '县住建局被指违规收费的相关报道' }) },
      '/api/list.json': {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          code: 0,
          data: {
            list: [
              {
                title: '城关镇回应噪音扰民',
                link: '/detail/9',
                ts: 1746936000,
                content: '<p>有居民反映城关镇工地夜间施工噪音扰民。</p><p>镇政府表示已责令整改。</p>',
              },
              { title: '县医院发布就诊提示', link: '/a/1.html', ts: '2025-05-12 07:34' },
              { title: '没有链接的条目' },
            ],
          },
        }),
      },
      '/api/empty.json': { headers: { 'content-type': 'application/json' }, body: '{"data":{"rows":[]}}' },
      '/api/bad.json': { headers: { 'content-type': 'application/json' }, body: '{"data": [' },
    });
  });
  afterAll(() => server.close());

  it('expands the template once per unit name/alias, combined with risk terms, within the queries limit', () => {
    expect(searchQueries({}, search)).toEqual(['青石县住房和城乡建设局', '县住建局']);
    expect(searchQueries({ riskTerms: ['举报', '违规'] }, search)).toEqual([
      '青石县住房和城乡建设局 举报',
      '县住建局 举报',
      '青石县住房和城乡建设局 违规',
      '县住建局 违规',
    ]);
    expect(searchQueries({ riskTerms: 'keywords', queries: 1 }, search)).toEqual([
      '青石县住房和城乡建设局 违规收费',
    ]);
    expect(searchQueries({}, undefined)).toEqual([]);
  });

  it('runs one URL-encoded query per name and reads feed and HTML answers', async () => {
    const sink = new RecordingSink();
    const source = testSource({ id: 'se', type: 'search', url: `${server.origin}/rss?q={query}` });
    const stats = await crawlSource(source, sink, { ...testContext(), search });
    expect(stats).toEqual({ sourceId: 'se', fetched: 2, skipped: 0 });
    const queried = server.hits.filter((h) => h.path.startsWith('/rss?')).map((h) => h.path);
    expect(queried.sort()).toEqual(
      [
        `/rss?q=${encodeURIComponent('县住建局')}`,
        `/rss?q=${encodeURIComponent('青石县住房和城乡建设局')}`,
      ].sort(),
    );
    expect(sink.articles.map((a) => a.title).sort()).toEqual(
      ['县住建局被指违规收费的相关报道', '青石县住建局回应老旧小区改造进度慢问题'].sort(),
    );
    expect(sink.articles.every((a) => a.sourceType === 'search' && a.evidence)).toBe(true);
  });

  it('does nothing (and no error) for a search source without unit names', async () => {
    const source = testSource({ id: 'se0', type: 'search', url: `${server.origin}/rss?q={query}` });
    expect(await crawlSource(source, new RecordingSink(), testContext())).toEqual({
      sourceId: 'se0',
      fetched: 0,
      skipped: 0,
    });
  });

  it('refuses a search source without {query} in its url', () => {
    expect(() => testSource({ id: 'x', type: 'search', url: `${server.origin}/rss` })).toThrow(/\{query\}/);
  });

  it('reads a JSON API by field paths: body from the API, or the page when there is none', async () => {
    const sink = new RecordingSink();
    const source = testSource({
      id: 'api',
      type: 'json',
      url: `${server.origin}/api/list.json`,
      json: { items: 'data.list', title: 'title', url: 'link', time: 'ts', body: 'content' },
    });
    const stats = await crawlSource(source, sink, testContext());
    expect(stats).toEqual({ sourceId: 'api', fetched: 2, skipped: 0 });
    const fromApi = sink.articles.find((a) => a.url === `${server.origin}/detail/9`);
    expect(fromApi).toMatchObject({
      title: '城关镇回应噪音扰民',
      body: '有居民反映城关镇工地夜间施工噪音扰民。\n镇政府表示已责令整改。',
      publishedAt: '2025-05-11T12:00:00+08:00',
      sourceType: 'json',
    });
    expect(fromApi?.evidence?.contentType).toBe('application/json');
    const fromPage = sink.articles.find((a) => a.url === `${server.origin}/a/1.html`);
    expect(fromPage).toMatchObject({ title: '县医院发布就诊提示', publishedAt: '2025-05-12T07:34:00+08:00' });
    expect(fromPage?.body).toMatch(/^近日，有居民在网上反映/);
  });

  it('reports an API without items as an empty list and invalid JSON as a failed source', async () => {
    const json = { items: 'data.rows', title: 't', url: 'u' };
    const empty = await crawlSource(
      testSource({ id: 'e', type: 'json', url: `${server.origin}/api/empty.json`, json }),
      new RecordingSink(),
      testContext(),
    );
    expect(empty).toMatchObject({ fetched: 0, emptyList: true });
    const sink = new RecordingSink();
    const bad = await crawlSource(
      testSource({ id: 'b', type: 'json', url: `${server.origin}/api/bad.json`, json }),
      sink,
      testContext(),
    );
    expect(bad.error).toMatch(/^E_FETCH_PARSE: .*not valid JSON/);
    expect(sink.skips[0]?.code).toBe('E_FETCH_PARSE');
  });
});
