import cron, { type ScheduledTask } from 'node-cron';
import { cadenceLabel, cadenceOf } from '../crawlers/cadence.js';
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
  /** How often the sources' cadences are checked against the phases (default every minute). */
  cadenceCheckMs?: number;
  /** Clock for the phase checks (tests). */
  now?: () => Date;
}

/** Phase windows are whole days, so checking every minute reschedules within a minute of a phase change. */
export const CADENCE_CHECK_MS = 60_000;

/**
 * One cron task per active source (in the configured timezone) on its current cadence (crawlers/cadence.ts),
 * rescheduled when a phase starts or ends, plus a periodic outbox sender.
 */
export function startScheduler(app: App, options: SchedulerOptions = {}): Scheduler {
  const log = app.logger.child({ component: 'scheduler' });
  const timezone = app.config.settings.timezone;
  const running = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    running.add(p);
    void p.finally(() => running.delete(p));
  };
  const busy = new Set<string>();
  // Aborted by stop(): crawls in flight end at once instead of after their page timeouts.
  const stopping = new AbortController();
  const runSource = async (sourceId: string) => {
    // A slow source must not pile up overlapping cycles of itself.
    if (busy.has(sourceId)) {
      log.warn({ source: sourceId }, 'previous cycle still running; tick skipped');
      return;
    }
    busy.add(sourceId);
    try {
      const summary = await runCycle(app, { sourceId }, { signal: stopping.signal });
      options.onCycle?.(sourceId, summary);
    } catch (error) {
      log.error({ source: sourceId, err: error }, 'cycle failed');
    } finally {
      busy.delete(sourceId);
    }
  };
  const tasks: ScheduledTask[] = [];
  // Source tasks follow the phases (issue 20): reconcile() reschedules a source whose cadence changed.
  const sourceTasks = new Map<string, { cron?: string; task?: ScheduledTask }>();
  const now = options.now ?? (() => new Date());
  const reconcile = async () => {
    const wanted = new Map(selectSources(app).map((s) => [s.id, s]));
    for (const [id, current] of sourceTasks) {
      if (wanted.has(id)) continue;
      await current.task?.destroy();
      sourceTasks.delete(id);
    }
    for (const source of wanted.values()) {
      const cadence = cadenceOf(source, app.activeRounds(), now().toISOString(), timezone);
      const current = sourceTasks.get(source.id);
      if (current && current.cron === cadence.cron) continue;
      await current?.task?.destroy();
      const task = cadence.cron
        ? cron.schedule(cadence.cron, () => track(runSource(source.id)), {
            timezone,
            name: `source:${source.id}`,
          })
        : undefined;
      sourceTasks.set(source.id, {
        ...(cadence.cron !== undefined && { cron: cadence.cron }),
        ...(task && { task }),
      });
      if (current) log.info({ source: source.id, cadence: cadenceLabel(cadence) }, 'source cadence changed');
    }
  };
  const sources = selectSources(app);
  const started = reconcile().catch((error) => log.error({ err: error }, 'scheduling failed'));
  track(started);
  const cadenceTimer = setInterval(
    () => track(reconcile().catch((error) => log.error({ err: error }, 'rescheduling failed'))),
    options.cadenceCheckMs ?? CADENCE_CHECK_MS,
  );
  const sendEveryMs = app.config.settings.alerts.sendIntervalSecs * 1000;
  const sender = setInterval(() => {
    if (!app.config.settings.alerts.send) return;
    track(app.sendAlerts().catch((error) => log.error({ err: error }, 'alert sender failed')));
  }, sendEveryMs);
  if (!app.config.settings.alerts.send)
    log.info('settings.alerts.send is false: this instance sends no alerts');
  tasks.push(...scheduleWorkflowJobs(app, { timezone, track, log }));
  const at = now().toISOString();
  const cadences = sources.map(
    (s) => `${s.id} (${cadenceLabel(cadenceOf(s, app.activeRounds(), at, timezone))})`,
  );
  log.info({ sources: cadences, timezone }, 'scheduler started');
  if (options.runOnStart !== false) {
    for (const source of sources) {
      // A source paused outside every round's window is not crawled at start either.
      if (cadenceOf(source, app.activeRounds(), at, timezone).cron) track(runSource(source.id));
    }
  }
  return {
    async stop() {
      clearInterval(sender);
      clearInterval(cadenceTimer);
      stopping.abort();
      await started;
      const all = [...tasks, ...[...sourceTasks.values()].flatMap((t) => (t.task ? [t.task] : []))];
      await Promise.all(all.map((t) => t.stop()));
      await Promise.allSettled([...running]);
      await Promise.all(all.map((t) => t.destroy()));
      log.info('scheduler stopped');
    },
  };
}
