import cron, { type ScheduledTask } from 'node-cron';
import type { App } from './app.js';
import { type CycleSummary, runCycle, selectSources } from './cycle.js';
import { scheduleWorkflowJobs } from './workflow-jobs.js';

/** A running scheduler. */
export interface Scheduler {
  stop(): Promise<void>;
}

/** Options of the scheduler. */
export interface SchedulerOptions {
  /** Run every source once right away instead of waiting for its first cron tick. */
  runOnStart?: boolean;
  /** Called after each source cycle (for tests and the console). */
  onCycle?: (sourceId: string, summary: CycleSummary) => void;
}

/** One cron task per active source (in the configured timezone), plus a periodic outbox sender. */
export function startScheduler(app: App, options: SchedulerOptions = {}): Scheduler {
  const log = app.logger.child({ component: 'scheduler' });
  const timezone = app.config.settings.timezone;
  const running = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    running.add(p);
    void p.finally(() => running.delete(p));
  };
  const busy = new Set<string>();
  const runSource = async (sourceId: string) => {
    // A slow source must not pile up overlapping cycles of itself.
    if (busy.has(sourceId)) {
      log.warn({ source: sourceId }, 'previous cycle still running; tick skipped');
      return;
    }
    busy.add(sourceId);
    try {
      const summary = await runCycle(app, { sourceId });
      options.onCycle?.(sourceId, summary);
    } catch (error) {
      log.error({ source: sourceId, err: error }, 'cycle failed');
    } finally {
      busy.delete(sourceId);
    }
  };
  const tasks: ScheduledTask[] = [];
  const sources = selectSources(app);
  for (const source of sources) {
    tasks.push(
      cron.schedule(source.schedule, () => track(runSource(source.id)), {
        timezone,
        name: `source:${source.id}`,
      }),
    );
  }
  const sendEveryMs = app.config.settings.alerts.sendIntervalSecs * 1000;
  const sender = setInterval(() => {
    if (!app.config.settings.alerts.send) return;
    track(app.sendAlerts().catch((error) => log.error({ err: error }, 'alert sender failed')));
  }, sendEveryMs);
  if (!app.config.settings.alerts.send)
    log.info('settings.alerts.send is false: this instance sends no alerts');
  tasks.push(...scheduleWorkflowJobs(app, { timezone, track, log }));
  log.info({ sources: sources.map((s) => `${s.id} (${s.schedule})`), timezone }, 'scheduler started');
  if (options.runOnStart !== false) for (const source of sources) track(runSource(source.id));
  return {
    async stop() {
      clearInterval(sender);
      await Promise.all(tasks.map((t) => t.stop()));
      await Promise.allSettled([...running]);
      await Promise.all(tasks.map((t) => t.destroy()));
      log.info('scheduler stopped');
    },
  };
}
