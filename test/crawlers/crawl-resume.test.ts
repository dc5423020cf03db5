import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMarkerKey } from '../../crawlers/crawl-run.js';
import { crawlSource } from '../../crawlers/index.js';
import { createMemoryValidatorCache } from '../../crawlers/validator-cache.js';
import { listPage, newsPage } from './fixtures.js';
import { type FixtureServer, RecordingSink, startServer, testContext, testSource } from './helpers.js';

// Two list pages (page 1 with an ETag), two items each.
const page = (n: number, next?: number) =>
  listPage([
    { href: `/a/${n}1.html`, text: `第${n}页第一篇文章的标题文字` },
    { href: `/a/${n}2.html`, text: `第${n}页第二篇文章的标题文字` },
  ]).replace('</ul>', `</ul>${next ? `<a class="next" href="/list/${next}.html">下一页</a>` : ''}`);

describe('a crawl that did not finish is resumed in full', () => {
  let server: FixtureServer;
  let brokenArticle = true;

  beforeAll(async () => {
    server = await startServer({
      '/list/1.html': (req) =>
        req.headers['if-none-match'] === '"p1"'
          ? { status: 304 }
          : { headers: { etag: '"p1"' }, body: page(1, 2) },
      '/list/2.html': { body: page(2) },
      '/a/11.html': { body: newsPage({ title: '第11号文章的标题' }) },
      '/a/12.html': { body: newsPage({ title: '第12号文章的标题' }) },
      '/a/21.html': { body: newsPage({ title: '第21号文章的标题' }) },
      '/a/22.html': () =>
        brokenArticle ? { status: 404 } : { body: newsPage({ title: '第22号文章的标题' }) },
    });
  });
  afterAll(() => server.close());

  const source = () =>
    testSource({
      id: 'resume',
      type: 'html',
      url: `${server.origin}/list/1.html`,
      list: { item: 'ul.news-list li a', next: 'a.next' },
    });

  it('keeps no validators after a failed article, reads every page next time, then goes conditional', async () => {
    const validators = createMemoryValidatorCache();
    const context = { ...testContext(), validators };
    const o = server.origin;

    const first = new RecordingSink();
    expect(await crawlSource(source(), first, context)).toMatchObject({ fetched: 3, skipped: 1 });
    expect(await validators.get(`${o}/list/1.html`)).toBeUndefined();
    expect((await validators.get(runMarkerKey('resume')))?.etag).toBe('yuqing-run-in-progress');

    // Page 1 is all known now; without the marker the incremental stop would never reach /a/22.html again.
    brokenArticle = false;
    const known = [`${o}/a/11.html`, `${o}/a/12.html`, `${o}/a/21.html`];
    const second = new RecordingSink(known);
    expect(await crawlSource(source(), second, context)).toMatchObject({ fetched: 1, skipped: 0 });
    expect(second.articles.map((a) => new URL(a.url).pathname)).toEqual(['/a/22.html']);
    expect(await validators.get(`${o}/list/1.html`)).toEqual({ etag: '"p1"' });

    const before = server.hits.length;
    const third = new RecordingSink([...known, `${o}/a/22.html`]);
    expect(await crawlSource(source(), third, context)).toMatchObject({ fetched: 0, skipped: 0 });
    // A clean previous run: a conditional GET answered 304, nothing else fetched.
    expect(
      server.hits
        .slice(before)
        .map((h) => h.path)
        .filter((p) => p !== '/robots.txt'),
    ).toEqual(['/list/1.html']);
  });
});
