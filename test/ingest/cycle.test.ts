import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, openApp } from '../../cli/app.js';
import { silentLogger } from '../../core/log.js';
import { runCycle, selectSources } from '../../ingest/cycle.js';
import { type DemoEnv, startDemoEnv } from '../helpers/demo-env.js';

describe('crawl cycle', () => {
  let env: DemoEnv;
  let app: App;

  beforeAll(async () => {
    env = await startDemoEnv({
      // Nothing listens on port 9: every email fails and must stay in the outbox, not crash the cycle.
      smtpUrl: 'smtp://127.0.0.1:9',
      extraSources: [
        {
          id: 'gone',
          name: '已关闭的站点',
          type: 'html',
          url: 'http://127.0.0.1:9/list',
          list: { item: 'a' },
        },
      ],
    });
    app = await openApp({ configDir: env.configDir, dataDir: env.dataDir, logger: silentLogger() });
  });

  afterAll(async () => {
    await app?.close();
    await env?.close();
  });

  it('selects sources by round and by id', () => {
    expect(selectSources(app).map((s) => s.id)).toContain('gone');
    expect(selectSources(app, { sourceId: 'demo-gbk' }).map((s) => s.id)).toEqual(['demo-gbk']);
    expect(selectSources(app, { roundId: 'no-such-round' })).toEqual([]);
  });

  it('goes on past an unreachable source and a dead mail server, recording both', async () => {
    const summary = await runCycle(app, { sourceId: 'gone' });
    expect(summary.skipped).toBe(1);
    expect(summary.skips[0]).toMatchObject({ sourceId: 'gone' });
    expect(summary.skips[0]?.reason).toBeTruthy();
    expect((await app.store.getSourceState('gone'))?.consecutiveFailures).toBe(1);

    const news = await runCycle(app, { sourceId: 'demo-forum' });
    expect(news.stored).toBeGreaterThan(0);
    expect(news.tips.some((t) => t.level === 'red' && t.unit === 'zjj')).toBe(true);
    // The robot got its alert; the email is pending for a retry, not lost.
    expect(news.alerts.sent).toBeGreaterThanOrEqual(1);
    expect(news.alerts.failed).toBeGreaterThanOrEqual(1);
    const pending = await app.store.listAlerts('pending');
    expect(pending.some((a) => a.channel === 'office-mail' && a.attempts === 1 && a.lastError)).toBe(true);
  }, 120_000);
});
