// The Elasticsearch query of a normalized search: the same semantics as the SQLite FTS5 expression
// (store/sqlite/fts-match.ts, search-syntax.ts). A term matches when its jieba tokens occur as a phrase in the
// token fields, or its character grams (store/search-grams.ts) occur as a phrase in the gram fields.
import type { estypes } from '@elastic/elasticsearch';
import { LEVELS, type Level, levelRank } from '../../core/types.js';
import { matchableWords, type NormalizedSearchQuery } from '../query.js';
import { filterRounds } from '../scope.js';
import { termGrams } from '../search-grams.js';
import type { ScopeEntry } from '../store.js';
import { pairKey } from './docs.js';
import { searchHighlight } from './highlight-request.js';

type Query = estypes.QueryDslQueryContainer;

const TOKEN_FIELDS = ['titleTokens', 'bodyTokens'] as const;
const GRAM_FIELDS = ['titleGrams', 'bodyGrams'] as const;

/** The gram phrase of a term on one field; a final single character is a prefix (span_multi). */
function gramQuery(field: string, term: string): Query | undefined {
  const grams = termGrams(term);
  if (grams.tokens.length === 0) return undefined;
  if (!grams.prefix)
    return { match_phrase: { [field]: { query: grams.tokens.join(' '), analyzer: 'yuqing_whitespace' } } };
  const last = grams.tokens[grams.tokens.length - 1] as string;
  if (grams.tokens.length === 1) return { prefix: { [field]: { value: last } } };
  return {
    span_near: {
      clauses: [
        ...grams.tokens.slice(0, -1).map((t) => ({ span_term: { [field]: t } })),
        { span_multi: { match: { prefix: { [field]: { value: last } } } } },
      ],
      slop: 0,
      in_order: true,
    },
  };
}

/** One term (or phrase) anywhere in the title or body: by tokens or by grams. */
export function termQuery(term: string): Query {
  const should: Query[] = [
    ...TOKEN_FIELDS.map(
      (f): Query => ({ match_phrase: { [f]: { query: term, analyzer: 'yuqing_whitespace' } } }),
    ),
    ...GRAM_FIELDS.flatMap((f) => gramQuery(f, term) ?? []),
  ];
  return { bool: { should, minimum_should_match: 1 } };
}

/** Escape wildcard syntax, so the phrase is matched literally. */
function literal(text: string): string {
  return text.replace(/[\\*?]/g, '\\$&');
}

/** The verbatim occurrence of a phrase in the title or body, case-insensitively. */
function verbatimQuery(phrase: string): Query {
  const value = `*${literal(phrase)}*`;
  return {
    bool: {
      should: ['title.verbatim', 'body.verbatim'].map((f) => ({
        wildcard: { [f]: { value, case_insensitive: true } },
      })),
      minimum_should_match: 1,
    },
  };
}

/** An article inside one of the scope entries (an empty scope matches nothing). */
export function scopeQuery(scope: readonly ScopeEntry[]): Query {
  const should: Query[] = scope.map((entry) =>
    (entry.unitIds ?? []).length === 0
      ? { term: { rounds: entry.roundId } }
      : { terms: { roundUnits: (entry.unitIds ?? []).map((u) => pairKey(entry.roundId, u)) } },
  );
  return should.length === 0
    ? { bool: { must_not: [{ match_all: {} }] } }
    : { bool: { should, minimum_should_match: 1 } };
}

/** A unit reference inside the scope whose (round's) level is one of `levels`. */
function scopedRefs(scope: readonly ScopeEntry[], levels: readonly Level[]): Query {
  const inScope: Query[] = scope.map((e) => ({
    bool: {
      filter: [
        { term: { 'unitRefs.roundId': e.roundId } },
        ...((e.unitIds ?? []).length > 0 ? [{ terms: { 'unitRefs.unitId': e.unitIds ?? [] } }] : []),
      ],
    },
  }));
  return {
    nested: {
      path: 'unitRefs',
      query: {
        bool: {
          filter: [{ terms: { 'unitRefs.level': [...levels] } }],
          should: inScope,
          minimum_should_match: 1,
        },
      },
    },
  };
}

/**
 * Level filters of a scoped search, on the item's level as the scope sees it (the highest level of its visible
 * rounds), never its overall one: at least `minLevel` = some visible reference that high; exactly `level` = one
 * at that level and none above.
 */
export function scopedLevelFilters(scope: readonly ScopeEntry[], level?: Level, minLevel?: Level): Query[] {
  const out: Query[] = [];
  const above = (l: Level) => LEVELS.filter((x) => levelRank(x) > levelRank(l));
  if (minLevel !== undefined) out.push(scopedRefs(scope, [...above(minLevel), minLevel]));
  if (level !== undefined) {
    out.push(scopedRefs(scope, [level]));
    const higher = above(level);
    if (higher.length > 0) out.push({ bool: { must_not: [scopedRefs(scope, higher)] } });
  }
  return out;
}

/**
 * The bool query of a search. `tipClusters` are the stories with a tip in the asked status (looked up in the
 * tips index first, since Elasticsearch has no join).
 */
export function searchQuery(q: NormalizedSearchQuery, tipClusters?: readonly string[]): Query {
  const filter: Query[] = [];
  const mustNot: Query[] = [];
  for (const term of q.terms) filter.push(termQuery(term));
  for (const phrase of matchableWords(q.phrases ?? [])) filter.push(termQuery(phrase), verbatimQuery(phrase));
  for (const group of (q.anyOf ?? []).map(matchableWords).filter((g) => g.length > 0)) {
    filter.push({ bool: { should: group.map(termQuery), minimum_should_match: 1 } });
  }
  for (const word of matchableWords(q.exclude ?? [])) mustNot.push(termQuery(word));
  if (q.roundId !== undefined && q.unitId !== undefined)
    filter.push({ term: { roundUnits: pairKey(q.roundId, q.unitId) } });
  else if (q.roundId !== undefined) filter.push({ term: { rounds: q.roundId } });
  else if (q.unitId !== undefined) filter.push({ term: { unitIds: q.unitId } });
  if (q.phase !== undefined) {
    // With a round given (or a scope), the phase must be of that round (the scope's), not any round's.
    const phase = q.phase;
    const rounds = filterRounds(q.roundId, q.scope);
    filter.push(
      rounds !== undefined
        ? { terms: { roundPhases: rounds.map((r) => pairKey(r, phase)) } }
        : { term: { phases: phase } },
    );
  }
  if (q.scope !== undefined) filter.push(...scopedLevelFilters(q.scope, q.level, q.minLevel));
  else {
    if (q.level !== undefined) filter.push({ term: { level: q.level } });
    if (q.minLevel !== undefined) filter.push({ range: { levelRank: { gte: levelRank(q.minLevel) } } });
  }
  if (q.sourceId !== undefined) filter.push({ term: { sourceId: q.sourceId } });
  if (q.sourceType !== undefined) filter.push({ term: { sourceType: q.sourceType } });
  // Bounds go as epoch milliseconds: date-only input was already read as a whole day in China time by
  // normalizeSearchQuery, so Elasticsearch never parses a bound in its own (UTC) default.
  if (q.fromMs !== undefined || q.toMs !== undefined) {
    filter.push({
      range: {
        timeMs: {
          ...(q.fromMs !== undefined && { gte: q.fromMs }),
          ...(q.toMs !== undefined && { lte: q.toMs }),
          format: 'epoch_millis',
        },
      },
    });
  }
  if (tipClusters !== undefined) filter.push({ terms: { clusterId: [...tipClusters] } });
  if (q.scope !== undefined) filter.push(scopeQuery(q.scope));
  return { bool: { filter, must_not: mustNot } };
}

/** Newest first, or riskiest first then newest; insertion order breaks ties (as the SQLite store). */
export function searchSort(q: NormalizedSearchQuery): estypes.SortCombinations[] {
  const time: estypes.SortCombinations[] = [{ timeMs: 'desc' }, { seq: 'desc' }];
  return q.sort === 'score' ? [{ score: 'desc' }, ...time] : time;
}

/**
 * The full search request body: filters, sort, paging, Elasticsearch's highlights of the words (when there are
 * any), and for folded searches one hit per story.
 */
export function searchRequest(
  index: string,
  q: NormalizedSearchQuery,
  tipClusters?: readonly string[],
): estypes.SearchRequest {
  const base: estypes.SearchRequest = {
    index,
    query: searchQuery(q, tipClusters),
    sort: searchSort(q),
    from: q.offset,
    size: q.limit,
    track_total_hits: true,
    _source: { excludes: ['titleGrams', 'bodyGrams', 'bands', 'unitRefs'] },
  };
  const highlight = searchHighlight(q);
  if (highlight !== undefined) base.highlight = highlight;
  if (q.foldClusters !== true) return base;
  return {
    ...base,
    // The first hit of each story in the sort order is its best-ranked copy; inner_hits counts the copies.
    collapse: { field: 'clusterId', inner_hits: { name: 'copies', size: 0, _source: false } },
    aggs: { stories: { cardinality: { field: 'clusterId', precision_threshold: 40_000 } } },
  };
}
