import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { type App, openApp } from '../../cli/app.js';
import { silentLogger } from '../../core/log.js';
import { scheduleWorkflowJobs } from '../../ingest/workflow-jobs.js';
import { writeExampleConfig } from '../helpers/example-config.js';

describe('workflow jobs', () => {
  let dir: string;
  let app: App;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yq-jobs-'));
    const config = writeExampleConfig(dir, {
      demoUrl: 'http://127.0.0.1:9',
      smtpUrl: 'smtp://127.0.0.1:9',
      wecomUrl: 'http://127.0.0.1:9/hook',
    });
    // A digest route every second (node-cron takes a seconds field), so the test is quick.
    const roundFile = join(config, 'rounds/2026-r4.yaml');
    const round = parse(readFileSync(roundFile, 'utf8'));
    round.alerts = [...round.alerts, { minLevel: 'green', channels: ['office-mail'], digest: '* * * * * *' }];
    writeFileSync(roundFile, stringify(round));
    app = await openApp({ configDir: config, dataDir: join(dir, 'data'), logger: silentLogger() });
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('queues the digest of a digest route on its cron, once per period', async () => {
    const running: Promise<unknown>[] = [];
    const tasks = scheduleWorkflowJobs(app, {
      timezone: app.config.settings.timezone,
      track: (p) => running.push(p),
      log: silentLogger(),
    });
    const deadline = Date.now() + 15_000;
    const digests = async () => (await app.store.listAlerts()).filter((a) => a.noticeId !== undefined);
    while ((await digests()).length < 2 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    for (const task of tasks) await task.stop();
    await Promise.allSettled(running);
    for (const task of tasks) await task.destroy();
    const queued = await digests();
    expect(queued.length).toBeGreaterThanOrEqual(2);
    expect(new Set(queued.map((a) => a.channel))).toEqual(new Set(['office-mail']));
    // Every tick covers its own period: no two digests share a notice.
    expect(new Set(queued.map((a) => a.noticeId)).size).toBe(queued.length);
  }, 30_000);
});
