import { InputError, StoreError } from '../core/errors.js';
import type { ProcessedArticle } from '../core/types.js';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
/** Date-only bounds are read in China Standard Time, where the users are. */
const DATE_ONLY_OFFSET = '+08:00';

/** Epoch milliseconds of an ISO 8601 time (with offset); undefined when unparsable. */
export function isoToEpochMs(iso: string): number | undefined {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Epoch-ms range of an inclusive from/to pair. A date-only bound (YYYY-MM-DD) covers the whole day in +08:00,
 * so `to: '2025-05-13'` includes everything published that day. Throws InputError naming the bad bound.
 */
export function timeRange(from?: string, to?: string): { fromMs?: number; toMs?: number } {
  return { fromMs: bound('from', from, false), toMs: bound('to', to, true) };
}

function bound(name: string, value: string | undefined, endOfDay: boolean): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  if (DATE_ONLY.test(text)) {
    const start = Date.parse(`${text}T00:00:00${DATE_ONLY_OFFSET}`);
    if (Number.isNaN(start)) throw new InputError(`search.${name}: invalid date ${JSON.stringify(value)}`);
    return endOfDay ? start + DAY_MS - 1 : start;
  }
  const ms = isoToEpochMs(text);
  if (ms === undefined) throw new InputError(`search.${name}: invalid ISO time ${JSON.stringify(value)}`);
  return ms;
}

/** Search time of an item on every backend: published, else fetched (E_STORE_INPUT when fetchedAt is not a time). */
export function articleTimeMs(article: ProcessedArticle): number {
  const fetched = isoToEpochMs(article.fetchedAt);
  if (fetched === undefined) {
    throw new StoreError(
      'E_STORE_INPUT',
      `article ${article.url}: fetchedAt is not an ISO time: ${article.fetchedAt}`,
    );
  }
  const published = article.publishedAt === undefined ? undefined : isoToEpochMs(article.publishedAt);
  return published ?? fetched;
}
