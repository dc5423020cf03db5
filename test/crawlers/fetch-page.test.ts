import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/log.js';
import { extractFromInput } from '../../crawlers/extract-input.js';
import { fetchPage } from '../../crawlers/fetch-page.js';
import { newsPage } from './fixtures.js';
import { type FixtureServer, startServer, testCrawl } from './helpers.js';

describe('fetchPage and extractFromInput', () => {
  let server: FixtureServer;
  const dir = mkdtempSync(join(tmpdir(), 'yuqing-extract-'));
  const opts = (crawl = testCrawl()) => ({ crawl, timezone: 'Asia/Shanghai', logger: silentLogger() });

  beforeAll(async () => {
    server = await startServer({
      '/gbk.html': {
        headers: { 'content-type': 'text/html' },
        body: iconv.encode(newsPage({ charsetMeta: 'gb2312' }), 'gbk'),
      },
      '/moved': { status: 301, headers: { location: '/gbk.html' } },
    });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('follows redirects, sends the User-Agent and decodes by <meta>', async () => {
    const page = await fetchPage(`${server.origin}/moved`, opts());
    expect(page.finalUrl).toBe(`${server.origin}/gbk.html`);
    expect(page.contentType).toBe('text/html');
    expect(page.html).toContain('青石县住建局回应老旧小区改造进度慢问题');
    expect(page.fetchedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    expect(server.hits.at(-1)?.userAgent).toBe('yuqing-test/1.0');
  });

  it('refuses a loopback URL when private addresses are not allowed', async () => {
    await expect(
      fetchPage(`${server.origin}/gbk.html`, opts(testCrawl({ allowPrivateAddresses: false }))),
    ).rejects.toMatchObject({
      code: 'E_FETCH_PRIVATE_ADDRESS',
    });
  });

  it('extracts from a URL and from a saved GBK file', async () => {
    const fromUrl = await extractFromInput(`${server.origin}/gbk.html`, opts());
    expect(fromUrl.title).toBe('青石县住建局回应老旧小区改造进度慢问题');
    const file = join(dir, 'page.html');
    writeFileSync(file, iconv.encode(newsPage({ charsetMeta: 'gbk' }), 'gbk'));
    const fromFile = await extractFromInput(file, opts());
    expect(fromFile).toMatchObject({ title: fromUrl.title, publishedAt: '2025-05-12T07:34:00+08:00' });
    expect(fromFile.body).toBe(fromUrl.body);
  });

  it('names the file when it cannot be read', async () => {
    await expect(extractFromInput(join(dir, 'missing.html'), opts())).rejects.toThrow(/missing\.html/);
  });
});
