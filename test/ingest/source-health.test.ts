import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { type App, openApp } from '../../cli/app.js';
import { formatSourcesTable, sourcesHealth } from '../../cli/commands/sources.js';
import { settingsSchema } from '../../config/schema.js';
import { createConsoleServer } from '../../console/server.js';
import { silentLogger } from '../../core/log.js';
import type { OutboxAlert } from '../../core/types.js';
import { EMPTY_LIST_ERROR } from '../../ingest/crawl-one.js';
import { runCycle } from '../../ingest/cycle.js';
import { LAYOUT_WARNING } from '../../store/source-health.js';
import { signIn } from '../console/session.js';
import { type DemoEnv, startDemoEnv } from '../helpers/demo-env.js';
import { type LoopbackSite, loopbackSource, startLoopbackSite } from '../helpers/loopback-site.js';

const THRESHOLD = 3;

describe('source health and the admin alert', () => {
  let env: DemoEnv;
  let site: LoopbackSite;
  let app: App;

  beforeAll(async () => {
    site = await startLoopbackSite(2);
    env = await startDemoEnv({ extraSources: [loopbackSource(site)] });
    const file = join(env.configDir, 'settings.yaml');
    const settings = parse(readFileSync(file, 'utf8'));
    settings.alerts = {
      ...settings.alerts,
      adminChannels: ['office-wecom'],
      sourceFailureThreshold: THRESHOLD,
    };
    // No politeness pause between requests to the one loopback host: the test runs many cycles.
    settings.crawl = { ...settings.crawl, delaySecs: 0 };
    writeFileSync(file, stringify(settings));
    app = await openApp({ configDir: env.configDir, dataDir: env.dataDir, logger: silentLogger() });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await site?.close();
    await env?.close();
  });

  const cycle = () => runCycle(app, { sourceId: 'loop' });
  const notices = async (): Promise<OutboxAlert[]> =>
    (await app.store.listAlerts()).filter((a) => a.noticeId !== undefined);

  it('defaults to five failed cycles and no admin channel', () => {
    const defaults = settingsSchema.parse({});
    expect(defaults.alerts.sourceFailureThreshold).toBe(5);
    expect(defaults.alerts.adminChannels).toEqual([]);
  });

  it('raises exactly one admin notice per failure streak, and a new one after a recovery', async () => {
    site.setListMode('error');
    for (let n = 1; n < THRESHOLD; n += 1) {
      await cycle();
      expect((await app.store.getSourceHealthState('loop'))?.consecutiveFailures).toBe(n);
      expect(await notices()).toEqual([]);
    }
    await cycle();
    const first = await notices();
    expect(first).toHaveLength(1);
    expect(first[0]?.channel).toBe('office-wecom');
    const notice = await app.store.getNotice(first[0]?.noticeId ?? '');
    expect(notice).toMatchObject({ kind: 'source-health', title: '信息源连续失败：本机测试站' });
    expect(notice?.lines.join('\n')).toContain(`已连续失败 ${THRESHOLD} 轮`);
    expect(notice?.lines.join('\n')).toContain('最近错误：');

    // Still failing: the same streak, no second notice.
    await cycle();
    await cycle();
    expect(await notices()).toHaveLength(1);
    const failing = await app.store.getSourceHealthState('loop');
    expect(failing).toMatchObject({ consecutiveFailures: THRESHOLD + 2, lastError: expect.any(String) });
    expect(failing?.lastSuccessAt).toBeUndefined();

    site.setListMode('ok');
    const recovered = await cycle();
    expect(recovered.stored).toBe(2);
    const state = await app.store.getSourceHealthState('loop');
    expect(state).toMatchObject({ consecutiveFailures: 0, itemsStored: 2 });
    expect(state?.failingSince).toBeUndefined();
    expect(state?.lastError).toBeUndefined();

    site.setListMode('error');
    for (let n = 1; n <= THRESHOLD; n += 1) await cycle();
    const second = await notices();
    expect(second).toHaveLength(2);
    expect(new Set(second.map((a) => a.noticeId)).size).toBe(2);
  }, 180_000);

  it('reports every field of source health, never-run sources included, in the CLI and the console', async () => {
    const health = await sourcesHealth(app);
    expect(health.map((h) => h.sourceId)).toEqual(app.config.sources.map((s) => s.id));
    const loop = health.find((h) => h.sourceId === 'loop');
    expect(loop).toMatchObject({
      status: 'failing',
      alerting: true,
      consecutiveFailures: THRESHOLD,
      itemsStored: 2,
      lastSuccessAt: expect.any(String),
      lastError: expect.any(String),
      lastErrorAt: expect.any(String),
      failingSince: expect.any(String),
    });
    // Two items stored today, averaged over the 7-day window.
    expect(loop?.daily).toHaveLength(7);
    expect(loop?.daily.at(-1)?.count).toBe(2);
    expect(loop?.itemsPerDay).toBe(0.3);
    const never = health.find((h) => h.sourceId === 'demo-news');
    expect(never).toMatchObject({ status: 'never', consecutiveFailures: 0, itemsPerDay: 0 });

    const table = formatSourcesTable(health, app.config.settings.timezone);
    expect(table).toContain('信息源');
    expect(table).toContain('本机测试站（loop）');
    expect(table).toContain('失败·已告警');
    expect(table).toContain('明州新闻网（演示）（demo-news）');

    const server = createConsoleServer({
      store: app.store,
      config: app.config,
      queryTerms: app.queryTerms,
      logger: silentLogger(),
    });
    // Every console API route needs a session (issue #6).
    const session = await signIn(server, app.store, app.config, { name: 'tester', role: 'admin' });
    try {
      const res = await session.inject({ method: 'GET', url: '/api/sources' });
      expect(res.statusCode).toBe(200);
      const body = res.json() as { sources: { sourceId: string; consecutiveFailures: number }[] };
      expect(body.sources.find((s) => s.sourceId === 'loop')?.consecutiveFailures).toBe(THRESHOLD);
      expect((await session.inject({ method: 'GET', url: '/api/sources?x=1' })).statusCode).toBe(400);
    } finally {
      await server.close();
    }
  });

  it('flags a list page that matches nothing as a likely layout change until items return', async () => {
    site.setListMode('empty');
    await cycle();
    const state = await app.store.getSourceHealthState('loop');
    expect(state?.emptyListAt).toBeDefined();
    expect(state?.lastError).toBe(EMPTY_LIST_ERROR);
    const loop = (await sourcesHealth(app)).find((h) => h.sourceId === 'loop');
    expect(loop).toMatchObject({ status: 'layout', layoutWarning: LAYOUT_WARNING });
    expect(formatSourcesTable([loop as NonNullable<typeof loop>], 'Asia/Shanghai')).toContain(
      `注意：本机测试站（loop）${LAYOUT_WARNING}`,
    );

    site.setListMode('ok');
    await cycle();
    const back = (await sourcesHealth(app)).find((h) => h.sourceId === 'loop');
    expect(back).toMatchObject({ status: 'ok', consecutiveFailures: 0 });
    expect(back?.layoutWarning).toBeUndefined();
  }, 60_000);
});
