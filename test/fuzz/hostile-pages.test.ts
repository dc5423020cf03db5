import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSource } from '../../crawlers/index.js';
import { listPage, newsPage } from '../crawlers/fixtures.js';
import {
  type FixtureServer,
  RecordingSink,
  startServer,
  testContext,
  testSource,
} from '../crawlers/helpers.js';

const CAP = 5 * 1024 * 1024;
const DEEP = 100_000;

// Pages built to hurt a crawler. Each must end as an article or a logged skip within a bound, never a crash.
describe('hostile pages through a real crawl', () => {
  let server: FixtureServer;

  beforeAll(async () => {
    const pages = ['bomb', 'huge-tag', 'deep', 'bad-utf8', 'nul'];
    server = await startServer({
      '/list/': {
        body: listPage(pages.map((p) => ({ href: `/h/${p}.html`, text: `测试页面标题之${p}号文章` }))),
      },
      // 200 MB of zeros gzip to ~200 KB: decoding must stop at the cap.
      '/h/bomb.html': {
        headers: { 'content-encoding': 'gzip' },
        body: gzipSync(Buffer.alloc(200 * 1024 * 1024)),
      },
      // 50 MB of text inside one tag.
      '/h/huge-tag.html': { body: `<html><body><p>${'群众反映问题。'.repeat(2_500_000)}</p></body></html>` },
      '/h/deep.html': {
        body: `<html><head><title>嵌套页面_测试</title></head><body>${'<div>'.repeat(DEEP)}<p>${'明州市住建局被反映违规收费，群众多次投诉未果。'.repeat(10)}</p>${'</div>'.repeat(DEEP)}</body></html>`,
      },
      '/h/bad-utf8.html': {
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: Buffer.concat([
          Buffer.from(newsPage().slice(0, 400)),
          Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
          Buffer.from(newsPage().slice(400)),
        ]),
      },
      '/h/nul.html': { body: newsPage().replaceAll('住建局', '住建\u0000局') },
      '/links/': {
        body: listPage(
          Array.from({ length: 10_000 }, (_, i) => ({ href: `/n/${i}.html`, text: `新闻标题第${i}号` })),
        ),
      },
    });
  });
  afterAll(() => server.close());

  it('turns each into an article or a coded skip', async () => {
    const sink = new RecordingSink();
    const source = testSource({
      id: 'hostile',
      type: 'html',
      url: `${server.origin}/list/`,
      list: { item: 'li a' },
    });
    const stats = await crawlSource(source, sink, testContext({ maxPageBytes: CAP }));
    const outcome = (name: string) => {
      const skip = sink.skips.find((s) => s.url.endsWith(`/h/${name}.html`));
      if (skip) return skip.code;
      return sink.articles.some((a) => a.url.endsWith(`/h/${name}.html`)) ? 'article' : 'missing';
    };
    expect(outcome('bomb')).toBe('E_FETCH_TOO_LARGE');
    expect(outcome('huge-tag')).toBe('E_FETCH_TOO_LARGE');
    expect(outcome('deep')).toBe('article');
    expect(outcome('bad-utf8')).toBe('article');
    expect(outcome('nul')).toBe('article');
    expect(stats.fetched + stats.skipped).toBe(5);
    const deep = sink.articles.find((a) => a.url.endsWith('/h/deep.html'));
    expect(deep?.body).toContain('明州市住建局被反映违规收费');
  });

  it('takes a bounded number of items from a list page of 10 000 links', async () => {
    const sink = new RecordingSink(Array.from({ length: 10_000 }, (_, i) => `${server.origin}/n/${i}.html`));
    const source = testSource({
      id: 'links',
      type: 'html',
      url: `${server.origin}/links/`,
      list: { item: 'li a' },
    });
    const stats = await crawlSource(source, sink, testContext({ maxItemsPerSource: 50 }));
    // Every link is already known, so nothing is fetched; the list page alone must not stall the crawl.
    expect(stats.error).toBeUndefined();
    expect(stats.fetched).toBe(0);
    expect(server.hits.filter((h) => h.path.startsWith('/n/'))).toHaveLength(0);
  });
});
