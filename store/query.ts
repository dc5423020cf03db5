import type { SearchQuery } from './store.js';
import { timeRange } from './time.js';

/** Page size of a search when none is given. */
export const SEARCH_DEFAULT_LIMIT = 20;
/** Largest page size of a search. */
export const SEARCH_MAX_LIMIT = 200;

/** A search query with defaults applied, terms cleaned and time bounds as epoch ms; shared by backends. */
export interface NormalizedSearchQuery extends Omit<SearchQuery, 'terms' | 'limit' | 'offset' | 'sort'> {
  terms: string[];
  sort: 'time' | 'score';
  limit: number;
  offset: number;
  fromMs?: number;
  toMs?: number;
}

/** A term the index can match holds at least one letter, digit or private-use character. */
const INDEXABLE = /[\p{L}\p{N}\p{Co}]/u;

/**
 * Apply defaults (sort 'time', limit 20 clamped to 0..200, offset ≥ 0) and drop blank or punctuation-only
 * terms, which no index can match. Throws InputError on an unparsable from/to.
 */
export function normalizeSearchQuery(query: SearchQuery): NormalizedSearchQuery {
  const terms = [...new Set(query.terms.map((t) => t.trim()).filter((t) => INDEXABLE.test(t)))];
  const { fromMs, toMs } = timeRange(query.from, query.to);
  return {
    ...query,
    terms,
    sort: query.sort === 'score' ? 'score' : 'time',
    limit: clampInt(query.limit, SEARCH_DEFAULT_LIMIT, 0, SEARCH_MAX_LIMIT),
    offset: clampInt(query.offset, 0, 0, Number.MAX_SAFE_INTEGER),
    ...(fromMs === undefined ? {} : { fromMs }),
    ...(toMs === undefined ? {} : { toMs }),
  };
}

/** An integer within [min, max], or the fallback when absent or not a finite number. */
export function clampInt(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

/** The words that can match at all (a letter, digit or private-use character), trimmed, without repeats. */
export function matchableWords(words: readonly string[]): string[] {
  return [...new Set(words.map((w) => w.trim()).filter((w) => /[\p{L}\p{N}\p{Co}]/u.test(w)))];
}

/** Every word a hit should mark: terms, exact phrases and the OR alternatives (not the exclusions). */
export function highlightTerms(q: NormalizedSearchQuery): string[] {
  return [...q.terms, ...(q.phrases ?? []), ...(q.anyOf ?? []).flat()];
}
