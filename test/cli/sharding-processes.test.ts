// Two crawler processes with different settings.instance.index on one SQLite file, running at the same time:
// each fetches only its share of the sources, together they cover every source, and every alert is delivered
// once (the outbox's UNIQUE constraints stand in for Elasticsearch's op_type: create; the sender's claims keep
// the two from sending one alert twice). Needs the built CLI (npm run build).
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { itemMarker } from '../../bench/fixture/items.js';
import { silentLogger } from '../../core/log.js';
import { stableShard } from '../../ingest/shard.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { type DrillEnv, finished, spawnYuqing, startDrillEnv } from '../drills/drill-env.js';

const SOURCES = 4;
const PAGE = 3;

/** A copy of the config pointing at SOURCES sources, one list page each, for instance `index`. */
function shardConfig(env: DrillEnv, index: number): string {
  const dir = join(env.dir, `config-${index}`);
  cpSync(env.configDir, dir, { recursive: true });
  const [template] = parse(readFileSync(join(dir, 'sources.yaml'), 'utf8')) as Record<string, unknown>[];
  const sources = Array.from({ length: SOURCES }, (_, i) => ({
    ...template,
    id: `site-${i}`,
    name: `测试站点${i}`,
    url: i === 0 ? env.site.listUrl : `${env.site.url}/news/list_${i + 1}.html`,
    list: { item: 'ul.news-list li a', maxPages: 1 },
  }));
  writeFileSync(join(dir, 'sources.yaml'), stringify(sources));
  const roundFile = join(dir, 'rounds', '2026-r4.yaml');
  const round = parse(readFileSync(roundFile, 'utf8')) as { sources: string[] };
  round.sources = sources.map((s) => s.id);
  writeFileSync(roundFile, stringify(round));
  const settingsFile = join(dir, 'settings.yaml');
  const settings = parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
  writeFileSync(settingsFile, stringify({ ...settings, instance: { index, count: 2 } }));
  return dir;
}

describe('two crawler instances on one store', () => {
  let env: DrillEnv;

  beforeAll(async () => {
    env = await startDrillEnv(0, { maxPages: PAGE });
    // Pages of PAGE items, newest first: one red complaint per page.
    for (let i = SOURCES * PAGE; i >= 1; i--) env.site.publish(env.makeItem(i, i % PAGE === 0));
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  });

  it('crawl disjoint sources and deliver every alert once', async () => {
    const owned = [0, 1].map((index) =>
      Array.from({ length: SOURCES }, (_, i) => `site-${i}`).filter((id) => stableShard(id, 2) === index),
    );
    expect(owned[0]?.length).toBeGreaterThan(0);
    expect(owned[1]?.length).toBeGreaterThan(0);
    const runs = await Promise.all(
      [0, 1].map(async (index) => {
        const child = spawnYuqing({ ...env, configDir: shardConfig(env, index) }, [
          'crawl',
          '--once',
          '--json',
        ]);
        let stdout = '';
        child.stdout?.on('data', (c: Buffer) => {
          stdout += c.toString();
        });
        const run = await finished(child);
        expect(run.code, run.output).toBe(0);
        return JSON.parse(stdout) as { sources: { sourceId: string }[]; tips: unknown[] };
      }),
    );
    expect(runs[0]?.sources.map((s) => s.sourceId).sort()).toEqual(owned[0]);
    expect(runs[1]?.sources.map((s) => s.sourceId).sort()).toEqual(owned[1]);
    // Every article page was fetched once, by one instance.
    expect(env.site.served().article).toBe(SOURCES * PAGE);
    const store = new SqliteStore({ path: env.storePath, logger: silentLogger() });
    await store.init();
    expect(await store.countArticles()).toBe(SOURCES * PAGE);
    const alerts = await store.listAlerts();
    await store.close();
    const reds = Array.from({ length: SOURCES }, (_, i) => (i + 1) * PAGE);
    for (const id of reds) {
      expect(
        env.hook.arrivals.filter((a) => a.text.includes(itemMarker(id))),
        `item ${id}`,
      ).toHaveLength(1);
    }
    expect(alerts.filter((a) => a.channel === 'office-wecom' && a.status === 'sent')).toHaveLength(
      reds.length,
    );
  }, 240_000);
});
