// Overdue reminders: once a day, one notice per team listing its open tips past their due date.
import { DateTime } from 'luxon';
import type { Logger } from '../../core/log.js';
import { LEVEL_LABELS, type Notice, TIP_STATUS_LABELS, type Tip } from '../../core/types.js';
import type { Store } from '../../store/store.js';
import { escapeMarkdown, formatLocalTime, oneLine } from '../render.js';

/** Team name used for overdue tips that have no team. */
export const NO_TEAM = '未指定巡察组';

/** One reminder to queue. */
export interface OverdueReminder {
  team: string;
  channels: string[];
  notice: Notice;
  dedupKey: string;
}

/** What planning the reminders needs. */
export interface OverdueOptions {
  /** ISO time of the check. */
  now: string;
  timeZone: string;
  /** Channels of a team's reminders (from a round, since a team's tips may span rounds); [] when none. */
  channelsFor: (team: string, roundIds: readonly string[]) => string[];
}

function daysLate(dueAt: string, now: string): number {
  const due = DateTime.fromISO(dueAt);
  const at = DateTime.fromISO(now);
  return Math.max(1, Math.ceil(at.diff(due, 'days').days));
}

function tipLine(tip: Tip, options: OverdueOptions): string {
  const due = tip.dueAt ?? options.now;
  const who = tip.assignee ? `，承办人 ${escapeMarkdown(oneLine(tip.assignee, 40))}` : '';
  return (
    `[${LEVEL_LABELS[tip.level]}] ${escapeMarkdown(oneLine(tip.unitName, 60))}：${escapeMarkdown(oneLine(tip.title, 80))}` +
    `（线索 ${tip.id}，${TIP_STATUS_LABELS[tip.status]}${who}，期限 ${formatLocalTime(due, options.timeZone)}，` +
    `已逾期 ${daysLate(due, options.now)} 天）`
  );
}

/**
 * The reminders for a set of overdue tips (pure): grouped by team, one per team and local day (dedupKey
 * `overdue:<team>:<date>`), so running the check more than once a day reminds once. Teams without a channel
 * are left out.
 */
export function overdueReminders(tips: readonly Tip[], options: OverdueOptions): OverdueReminder[] {
  const byTeam = new Map<string, Tip[]>();
  for (const tip of tips) {
    const team = tip.team ?? NO_TEAM;
    byTeam.set(team, [...(byTeam.get(team) ?? []), tip]);
  }
  const date = formatLocalTime(options.now, options.timeZone).slice(0, 10);
  const out: OverdueReminder[] = [];
  for (const [team, list] of byTeam) {
    const channels = options.channelsFor(team, [...new Set(list.map((t) => t.roundId))]);
    if (channels.length === 0) continue;
    out.push({
      team,
      channels,
      dedupKey: `overdue:${team}:${date}`,
      notice: {
        kind: 'overdue',
        title: `【逾期提醒】${oneLine(team, 40)}：${list.length} 条线索已超过办理期限`,
        lines: [...list.map((t) => tipLine(t, options)), '请尽快处置并在系统中更新办理状态。'],
      },
    });
  }
  return out;
}

/** What the daily overdue check needs. */
export interface OverdueDeps {
  store: Pick<Store, 'overdueTips' | 'enqueueNotice'>;
  timeZone: string;
  channelsFor: OverdueOptions['channelsFor'];
  logger: Logger;
  now?: () => Date;
}

/** Queue today's overdue reminders; returns the number of outbox rows queued (0 when already done today). */
export async function remindOverdue(deps: OverdueDeps): Promise<number> {
  const now = (deps.now ?? (() => new Date()))().toISOString();
  const tips = await deps.store.overdueTips(now);
  const log = deps.logger.child({ component: 'overdue' });
  let queued = 0;
  for (const reminder of overdueReminders(tips, {
    now,
    timeZone: deps.timeZone,
    channelsFor: deps.channelsFor,
  })) {
    const ids = await deps.store.enqueueNotice(reminder.channels, reminder.notice, reminder.dedupKey);
    queued += ids.length;
    log.info({ team: reminder.team, channels: reminder.channels, queued: ids.length }, 'overdue reminder');
  }
  if (tips.length > 0 && queued === 0)
    log.debug({ overdue: tips.length }, 'overdue reminders already queued');
  return queued;
}
