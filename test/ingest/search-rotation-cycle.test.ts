// A search source with 11 units and `queries: 10`, crawled cycle after cycle and across a restart: the
// rotation reaches every unit, and the cursor survives in the store.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { openApp } from '../../cli/app.js';
import { silentLogger } from '../../core/log.js';
import { runCycle } from '../../ingest/cycle.js';
import { ROOT } from '../helpers/cli.js';

const UNITS = Array.from({ length: 11 }, (_, i) => ({
  id: `u${i}`,
  name: `明州市第${i + 1}局`,
  aliases: [`第${i + 1}局`],
}));

describe('search rotation over cycles', () => {
  let dir: string;
  let configDir: string;
  const asked: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/s') asked.push(url.searchParams.get('q') ?? '');
    res
      .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
      .end('<html><body><ul></ul></body></html>');
  });

  beforeAll(async () => {
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = mkdtempSync(join(tmpdir(), 'yuqing-rotation-'));
    configDir = join(dir, 'config');
    mkdirSync(join(configDir, 'rounds'), { recursive: true });
    const settings = parse(readFileSync(join(ROOT, 'config/settings.yaml'), 'utf8')) ?? {};
    delete settings.demoSite;
    settings.crawl = { ...settings.crawl, respectRobotsTxt: false };
    writeFileSync(join(configDir, 'settings.yaml'), stringify(settings));
    writeFileSync(
      join(configDir, 'sources.yaml'),
      stringify([{ id: 'se', name: '搜索', type: 'search', url: `${base}/s?q={query}`, queries: 10 }]),
    );
    writeFileSync(
      join(configDir, 'channels.yaml'),
      stringify({ mail: { type: 'webhook', url: `${base}/hook` } }),
    );
    writeFileSync(
      join(configDir, 'rounds/r.yaml'),
      stringify({ id: 'r', name: '第一轮', units: UNITS, sources: ['se'], alerts: [] }),
    );
  });

  afterAll(async () => {
    await new Promise<void>((done) => server.close(() => done()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('searches every unit within two cycles and continues where it stopped after a restart', async () => {
    const open = () => openApp({ configDir, dataDir: join(dir, 'data'), logger: silentLogger() });
    let app = await open();
    await runCycle(app);
    const first = [...asked];
    expect(first).toHaveLength(10);
    await runCycle(app);
    const two = asked.slice(10);
    expect(new Set([...first, ...two]).size).toBe(20);
    for (const u of UNITS)
      expect([...first, ...two].some((q) => q === u.name || u.aliases.includes(q))).toBe(true);
    const cursor = await app.store.cursors.getSearchCursor('se');
    expect(Object.keys(cursor?.lastSearched ?? {}).sort()).toEqual(UNITS.map((u) => `r/${u.id}`).sort());
    await app.close();

    app = await open();
    await runCycle(app);
    await app.close();
    const third = asked.slice(20);
    // The remaining 2 of 22 queries, then around to the start.
    expect(third).toEqual([UNITS[9]?.aliases[0], UNITS[10]?.aliases[0], ...first.slice(0, 8)]);
  }, 120_000);
});
