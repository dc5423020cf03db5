// A source's current crawl cadence from the phases of the rounds using it (issue 20). Pure: config and a time in.
import { DateTime } from 'luxon';
import type { RoundConfig, SourceConfig } from '../config/schema.js';
import { phaseAt } from '../pipeline/phase.js';

/** Why a cadence applies, most intense first. */
export type CadenceReason = 'intensified' | 'entry' | 'feedback' | 'rectification' | 'outside' | 'default';

/** Chinese label of each reason, for the sources page and the log. */
export const CADENCE_LABELS: Readonly<Record<CadenceReason, string>> = {
  intensified: '加密监测',
  entry: '进驻阶段',
  feedback: '反馈阶段',
  rectification: '整改阶段',
  outside: '不在巡察阶段',
  default: '常规',
};

/** The cron a source runs on now; `cron` undefined = paused. */
export interface Cadence {
  cron?: string;
  reason: CadenceReason;
  /** The round whose phase decided it, if any. */
  roundId?: string;
}

const ORDER: readonly CadenceReason[] = ['intensified', 'entry', 'feedback', 'rectification'];

/** Whether `date` (yyyy-MM-dd) is within the first `days` days from `start`. */
function withinDays(
  start: string | undefined,
  days: number | undefined,
  date: string,
  zone: string,
): boolean {
  if (!start || !days) return false;
  const end = DateTime.fromISO(start, { zone })
    .plus({ days: days - 1 })
    .toISODate();
  return end !== null && start <= date && date <= end;
}

/** The phase-like state of one round on a date: intensified, a phase, or none. */
export function roundState(round: RoundConfig, iso: string, zone: string): CadenceReason | undefined {
  const date = DateTime.fromISO(iso, { zone }).toISODate();
  if (date === null) return undefined;
  const i = round.intensify;
  if (
    withinDays(round.phases.entry?.start, i?.afterEntryDays, date, zone) ||
    withinDays(round.phases.feedback?.start, i?.afterFeedbackDays, date, zone)
  ) {
    return 'intensified';
  }
  return phaseAt(round, iso, zone);
}

/**
 * The source's cadence at `iso`: a plain cron string always applies; a phase schedule takes the most intense
 * state over the active rounds using the source (a state without its own cron falls to the next one, then to
 * `default`), and `outside` when none of them is in a window.
 */
export function cadenceOf(
  source: Pick<SourceConfig, 'id' | 'schedule'>,
  rounds: readonly RoundConfig[],
  iso: string,
  zone: string,
): Cadence {
  const schedule = source.schedule;
  if (typeof schedule === 'string') return { cron: schedule, reason: 'default' };
  const states = rounds
    .filter((r) => r.active !== false && r.sources.includes(source.id))
    .flatMap((r) => {
      const state = roundState(r, iso, zone);
      return state ? [{ state, roundId: r.id }] : [];
    });
  if (states.length === 0) {
    if (schedule.outside === 'pause') return { reason: 'outside' };
    return { cron: schedule.outside ?? schedule.default, reason: schedule.outside ? 'outside' : 'default' };
  }
  for (const reason of ORDER) {
    const hit = states.find((s) => s.state === reason);
    const cron = schedule[reason as 'intensified' | 'entry' | 'feedback' | 'rectification'];
    if (hit && cron) return { cron, reason, roundId: hit.roundId };
  }
  return { cron: schedule.default, reason: 'default' };
}

/** The cadence for people: the cron and why (进驻阶段, 加密监测…), or 暂停 and why. */
export function cadenceLabel(c: Cadence): string {
  return c.cron ? `${c.cron}（${CADENCE_LABELS[c.reason]}）` : `暂停（${CADENCE_LABELS[c.reason]}）`;
}
