// Stopping the scheduler (Ctrl+C, SIGTERM) while a source's page hangs: the crawl is abandoned at once rather
// than after its page timeout, nothing about the half-done run is recorded, and the next start fetches the page.

import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { type App, openApp } from '../../cli/app.js';
import { silentLogger } from '../../core/log.js';
import { startScheduler } from '../../ingest/scheduler.js';
import { type DemoEnv, startDemoEnv } from '../helpers/demo-env.js';
import { CHROMIUM, needs } from '../helpers/system-packages.js';
import { until } from '../helpers/until.js';

const ARTICLE = `<!doctype html><html><head><meta charset="utf-8"><title>老旧小区改造推进会</title></head>
<body><h1>老旧小区改造推进会</h1><div class="time">2026-11-05 09:30</div><div class="content">
<p>明州市住房和城乡建设局近日召开专题会议，研究部署老旧小区改造工作，会议要求各部门压实责任。</p>
<p>有居民反映小区改造工程进度缓慢，施工期间存在噪音扰民等问题，相关部门表示将尽快协调解决。</p>
</div></body></html>`;

/** A site whose article page hangs (headers never sent) until `release()`; it notes when a client gives up. */
async function startStallingSite() {
  let stalling = true;
  let articleRequested: () => void = () => undefined;
  const requested = new Promise<void>((done) => {
    articleRequested = done;
  });
  let dropped = 0;
  const hung = new Set<ServerResponse>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/robots.txt') return void res.writeHead(404).end();
    if (path === '/list/') {
      const html =
        '<!doctype html><html><body><ul class="list"><li><a href="/a/1.html">推进会</a></li></ul></body></html>';
      return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
    }
    if (path !== '/a/1.html') return void res.writeHead(404).end();
    if (!stalling)
      return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(ARTICLE);
    hung.add(res);
    res.on('close', () => {
      if (!res.writableEnded) dropped += 1;
      hung.delete(res);
    });
    articleRequested();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requested,
    dropped: () => dropped,
    release: () => {
      stalling = false;
    },
    close: () =>
      new Promise<void>((done) => {
        for (const res of hung) res.destroy();
        server.close(() => done());
      }),
  };
}

const chromium = needs(CHROMIUM);

describe('stopping the scheduler while a page hangs', () => {
  let env: DemoEnv | undefined;
  let app: App | undefined;
  let site: Awaited<ReturnType<typeof startStallingSite>> | undefined;

  afterEach(async () => {
    await app?.close();
    await site?.close();
    await env?.close();
    app = undefined;
  });

  const setUp = async (type: 'html' | 'browser') => {
    site = await startStallingSite();
    env = await startDemoEnv({
      extraSources: [
        {
          id: 'stall',
          name: '本机慢站',
          type,
          url: `${site.url}/list/`,
          list: { item: 'ul.list a' },
          article: { title: 'h1', time: 'div.time', body: 'div.content' },
          schedule: '0 0 1 1 *',
        },
      ],
    });
    const sourcesFile = join(env.configDir, 'sources.yaml');
    const sources = parse(readFileSync(sourcesFile, 'utf8')) as { id: string }[];
    writeFileSync(sourcesFile, stringify(sources.map((s) => ({ ...s, enabled: s.id === 'stall' }))));
    // A page timeout far longer than the test may take: only an abort can end the hung request in time.
    const settingsFile = join(env.configDir, 'settings.yaml');
    const settings = parse(readFileSync(settingsFile, 'utf8'));
    settings.crawl = { ...settings.crawl, timeoutSecs: 600, delaySecs: 0 };
    writeFileSync(settingsFile, stringify(settings));
    app = await openApp({ configDir: env.configDir, dataDir: env.dataDir, logger: silentLogger() });
    return { app, site };
  };

  const stopsAndResumes = async (type: 'html' | 'browser') => {
    const { app, site } = await setUp(type);
    const cycles: string[] = [];
    const first = startScheduler(app, { onCycle: (id) => cycles.push(id) });
    await site.requested;
    await first.stop();
    // The hung request was given up by the crawler, not by the server or a timeout (the server sees the close a
    // moment after the client's socket is destroyed).
    await until(() => site.dropped() === 1, {
      timeoutMs: 5000,
      what: 'the server to see the request dropped',
      intervalMs: 50,
    });
    expect(site.dropped()).toBe(1);
    expect(await app.store.getSourceState('stall')).toBeUndefined();
    expect((await app.store.knownUrls([`${site.url}/a/1.html`])).size).toBe(0);
    // The half-done run was not committed (no finished-run marker, no validators): the next start fetches it.
    site.release();
    const second = startScheduler(app, { onCycle: (id) => cycles.push(id) });
    const deadline = Date.now() + 60_000;
    while (cycles.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await second.stop();
    expect((await app.store.knownUrls([`${site.url}/a/1.html`])).size).toBe(1);
    expect(await app.store.getSourceState('stall')).toMatchObject({ consecutiveFailures: 0 });
  };

  it('abandons an html crawl and fetches the page on the next start', () => stopsAndResumes('html'), 90_000);

  it.skipIf(chromium.skip)(
    chromium.title('abandons a browser crawl and fetches the page on the next start'),
    () => stopsAndResumes('browser'),
    120_000,
  );
});
