import { DateTime } from 'luxon';
import type { RoundConfig } from '../config/schema.js';
import type { ProcessedArticle } from '../core/types.js';

/** How old an item may be and still be news worth an alert (settings.alerts.maxAgeDays). */
export interface FreshnessPolicy {
  maxAgeDays: number;
  /** IANA zone in which the round's phase dates are read. */
  timezone: string;
}

/** Whether an item may raise alerts for a round, and why not when it may not. */
export type Freshness =
  | { alertable: true; basis: 'published' | 'first-seen' }
  | { alertable: false; reason: string };

/** What freshness reads of an item: its publish time, else the time it was first seen. */
export type Dated = Pick<ProcessedArticle, 'publishedAt' | 'fetchedAt'>;

const DAY_MS = 86_400_000;

// The earliest phase start of a round, as an instant at local midnight in the office's zone.
function roundStartMs(round: RoundConfig, timezone: string): number | undefined {
  const starts = Object.values(round.phases)
    .map((w) => w?.start)
    .filter((s): s is string => typeof s === 'string')
    .sort();
  const first = starts[0];
  if (first === undefined) return undefined;
  const start = DateTime.fromISO(first, { zone: timezone });
  return start.isValid ? start.toMillis() : undefined;
}

/**
 * An old page is not news: an item published more than maxAgeDays before `now`, or more than maxAgeDays
 * before the round's first phase starts, is stored and searchable but never alerted. An item without a publish
 * time is judged by when it was first seen (a source's back catalogue is mostly dated, and its old dated pages are
 * refused by their dates; an undated page first seen now may be today's post, so it is not held back).
 */
export function freshness(item: Dated, round: RoundConfig, now: Date, policy: FreshnessPolicy): Freshness {
  const published = item.publishedAt ? Date.parse(item.publishedAt) : Number.NaN;
  const basis = Number.isNaN(published) ? 'first-seen' : 'published';
  const at = basis === 'published' ? published : Date.parse(item.fetchedAt);
  if (Number.isNaN(at)) return { alertable: true, basis };
  const maxAgeMs = policy.maxAgeDays * DAY_MS;
  if (now.getTime() - at > maxAgeMs) {
    return { alertable: false, reason: `发布已超过 ${policy.maxAgeDays} 天，只入库不预警` };
  }
  const start = roundStartMs(round, policy.timezone);
  if (start !== undefined && start - at > maxAgeMs) {
    return { alertable: false, reason: `发布早于本轮巡察开始 ${policy.maxAgeDays} 天以上，只入库不预警` };
  }
  return { alertable: true, basis };
}

/** The check a story's tips are built with: each member judged at `now`. */
export function freshnessCheck(
  policy: FreshnessPolicy,
  now: Date,
): (member: Dated, round: RoundConfig) => Freshness {
  return (member, round) => freshness(member, round, now, policy);
}
