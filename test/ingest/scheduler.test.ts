import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { type App, openApp } from '../../cli/app.js';
import { silentLogger } from '../../core/log.js';
import type { CycleSummary } from '../../ingest/cycle.js';
import { startScheduler } from '../../ingest/scheduler.js';
import { type DemoEnv, startDemoEnv } from '../helpers/demo-env.js';

describe('scheduler', () => {
  let env: DemoEnv;
  let app: App;

  beforeAll(async () => {
    env = await startDemoEnv();
    // Only the news column, every 2 seconds (node-cron accepts a seconds field), so the test is quick.
    const sourcesFile = join(env.configDir, 'sources.yaml');
    const sources = (parse(readFileSync(sourcesFile, 'utf8')) as { id: string; schedule: string }[]).map(
      (s) => ({
        ...s,
        schedule: '*/2 * * * * *',
        enabled: s.id === 'demo-news',
      }),
    );
    writeFileSync(sourcesFile, stringify(sources));
    app = await openApp({ configDir: env.configDir, dataDir: env.dataDir, logger: silentLogger() });
  });

  afterAll(async () => {
    await app?.close();
    await env?.close();
  });

  it('runs each enabled source on its cron schedule, records its health, and stops cleanly', async () => {
    const cycles: { sourceId: string; summary: CycleSummary }[] = [];
    const scheduler = startScheduler(app, {
      runOnStart: false,
      onCycle: (sourceId, summary) => cycles.push({ sourceId, summary }),
    });
    const deadline = Date.now() + 30_000;
    while (cycles.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    await scheduler.stop();
    expect(cycles.length).toBeGreaterThanOrEqual(2);
    expect(new Set(cycles.map((c) => c.sourceId))).toEqual(new Set(['demo-news']));
    // The first tick stores the column; later ticks find every URL known and store nothing new.
    expect(cycles[0]?.summary.stored).toBeGreaterThan(0);
    expect(cycles[1]?.summary.stored).toBe(0);
    const state = await app.store.getSourceState('demo-news');
    expect(state).toMatchObject({ consecutiveFailures: 0 });
    expect(state?.lastSuccessAt).toBeDefined();
    expect(await app.store.getSourceState('demo-forum')).toBeUndefined();
    const after = cycles.length;
    await new Promise((r) => setTimeout(r, 2500));
    expect(cycles.length).toBe(after);
  }, 60_000);

  it('follows the phases: paused outside every window, crawling on the entry cron once entry starts', async () => {
    const zone = app.config.settings.timezone;
    let clock = new Date('2027-08-01T04:00:00Z');
    await app.reload?.({
      ...app.config,
      sources: app.config.sources.map((s) =>
        s.id === 'demo-news'
          ? { ...s, schedule: { default: '0 0 1 1 *', entry: '*/2 * * * * *', outside: 'pause' } }
          : s,
      ),
      rounds: app.config.rounds.map((r) => ({
        ...r,
        phases: { entry: { start: '2027-08-02', end: '2027-08-20' } },
      })),
    });
    expect(zone).toBe('Asia/Shanghai');
    const cycles: string[] = [];
    const scheduler = startScheduler(app, {
      cadenceCheckMs: 100,
      now: () => clock,
      onCycle: (sourceId) => cycles.push(sourceId),
    });
    // Paused: not even the start-up run.
    await new Promise((r) => setTimeout(r, 2500));
    expect(cycles).toEqual([]);
    // 2027-08-02 in Shanghai: entry has started; no restart needed.
    clock = new Date('2027-08-01T17:00:00Z');
    const deadline = Date.now() + 20_000;
    while (cycles.length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(cycles[0]).toBe('demo-news');
    // Entry over, outside every window again: paused.
    clock = new Date('2027-09-01T04:00:00Z');
    await new Promise((r) => setTimeout(r, 500));
    const after = cycles.length;
    await new Promise((r) => setTimeout(r, 2500));
    await scheduler.stop();
    expect(cycles.length).toBe(after);
  }, 60_000);
});
