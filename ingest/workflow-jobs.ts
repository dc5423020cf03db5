// Timed jobs of the tip workflow (issue #5): 舆情简报 digests on their routes' crons, daily overdue reminders.
import cron, { type ScheduledTask } from 'node-cron';
import { digestPeriod, sendDigest } from '../alerts/digest/digest.js';
import { digestTargets, overdueChannels } from '../alerts/digest/targets.js';
import { remindOverdue } from '../alerts/workflow/overdue.js';
import type { Logger } from '../core/log.js';
import type { App } from './app.js';

/** When the overdue check runs each day (local time); reminders are deduplicated per team and day. */
export const OVERDUE_CRON = '0 9 * * *';

/** What the jobs borrow from the scheduler. */
export interface JobContext {
  timezone: string;
  /** Keeps a run's promise so stop() can wait for it. */
  track: (p: Promise<unknown>) => void;
  log: Logger;
}

/** Queue today's overdue reminders for the app's open tips. */
export function checkOverdue(app: App): Promise<number> {
  const teams = app.config.teams ?? {};
  return remindOverdue({
    store: app.store,
    timeZone: app.config.settings.timezone,
    channelsFor: (team, roundIds) => overdueChannels(team, roundIds, app.config.rounds, teams),
    logger: app.logger,
  });
}

/**
 * One cron task per digest route and one daily overdue check (also run once at start, in case the service was
 * down at the check time). Failures are logged; the outbox delivers the queued notices with retries.
 */
export function scheduleWorkflowJobs(app: App, ctx: JobContext): ScheduledTask[] {
  const tasks: ScheduledTask[] = [];
  const deps = { store: app.store, timeZone: ctx.timezone, logger: app.logger };
  for (const target of digestTargets(app.activeRounds(), app.config.teams ?? {})) {
    const task: ScheduledTask = cron.schedule(
      target.cron,
      (event) => {
        const period = digestPeriod(event.date, task.getNextRuns(2));
        ctx.track(
          sendDigest(deps, target.round, target, period).catch((error) =>
            ctx.log.error({ round: target.round.id, route: target.index, err: error }, 'digest failed'),
          ),
        );
      },
      { timezone: ctx.timezone, name: `digest:${target.round.id}:${target.index}` },
    );
    tasks.push(task);
  }
  const overdue = () =>
    ctx.track(checkOverdue(app).catch((error) => ctx.log.error({ err: error }, 'overdue check failed')));
  tasks.push(cron.schedule(OVERDUE_CRON, overdue, { timezone: ctx.timezone, name: 'overdue' }));
  overdue();
  return tasks;
}
