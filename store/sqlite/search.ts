import { LEVELS, levelRank } from '../../core/types.js';
import { buildHighlights } from '../highlight.js';
import { highlightTerms, type NormalizedSearchQuery } from '../query.js';
import { filterRounds, scopedHitFields } from '../scope.js';
import type { ScopeEntry, SearchHit, SearchResult } from '../store.js';
import { ftsMatchExpression } from './fts-match.js';
import { type ArticleRow, articleSelectList, toStoredArticle } from './rows.js';
import { scopeCondition } from './scope-sql.js';
import { pageSeqs } from './search-page.js';
import { syntaxClauses } from './search-syntax.js';
import type { Prepare } from './statements.js';

type Params = Record<string, string | number>;

/** Counting stops after this many matches; `total` is then this number with `totalCapped` (issue #8). */
export const SEARCH_TOTAL_CAP = 1000;

/** Limits that trade exactness for speed; tests shrink them to reach every plan on a small store. */
export interface SearchTuning {
  /** Largest exact total (SEARCH_TOTAL_CAP by default). */
  totalCap: number;
  /** Counted matches from which a page is scanned newest-first (default: when the count hit its cap). */
  commonMatches?: number;
  /** FTS lookups such a scan may spend before it sorts the matches instead (default: from the page end). */
  scanChecks?: number;
  /** Rows the scan may then read against the set of all matches before it sorts them (default 50 000). */
  scanSetRows?: number;
  /** Matches below which the scan sorts them instead of checking rows against their set (default 30 000). */
  scanSetMinMatches?: number;
}

const DEFAULT_TUNING: SearchTuning = { totalCap: SEARCH_TOTAL_CAP };

const HIT_SELECT = articleSelectList('a');

/** The query's filters as SQL over `articles a`; `match` is the FTS5 expression of its terms, kept apart. */
export interface SearchFilter {
  /** FTS5 expression every hit must match (the terms), absent without terms. */
  match?: string;
  /** The other conditions, ANDed (may be empty). */
  clauses: string[];
  params: Params;
}

/** Terms, filters and search syntax of a query as a SearchFilter. */
function searchFilter(q: NormalizedSearchQuery): SearchFilter {
  const clauses: string[] = [];
  const params: Params = {};
  if (q.roundId !== undefined || q.unitId !== undefined) {
    const unit: string[] = ['u.article_id = a.id'];
    if (q.roundId !== undefined) unit.push('u.round_id = @roundId');
    if (q.unitId !== undefined) unit.push('u.unit_id = @unitId');
    clauses.push(`EXISTS (SELECT 1 FROM article_units u WHERE ${unit.join(' AND ')})`);
  }
  if (q.roundId !== undefined) params.roundId = q.roundId;
  if (q.unitId !== undefined) params.unitId = q.unitId;
  if (q.phase !== undefined) {
    // With a round given (or a scope), the phase must be of that round (the scope's), not any round's.
    const rounds = filterRounds(q.roundId, q.scope);
    const names = (rounds ?? []).map((r, i) => {
      params[`phaseRound${i}`] = r;
      return `@phaseRound${i}`;
    });
    const round = rounds === undefined ? '' : ` AND p.round_id IN (${names.join(', ') || "''"})`;
    clauses.push(
      `EXISTS (SELECT 1 FROM article_phases p WHERE p.article_id = a.id AND p.phase = @phase${round})`,
    );
    params.phase = q.phase;
  }
  // A scoped search compares the item's level as the scope sees it (its visible rounds'), not its overall one.
  const rank = q.scope === undefined ? 'a.level_rank' : scopedLevelRank(q.scope, params);
  if (q.level !== undefined && q.scope === undefined) {
    clauses.push('a.level = @level');
    params.level = q.level;
  } else if (q.level !== undefined) {
    clauses.push(`${rank} = @levelRank`);
    params.levelRank = levelRank(q.level);
  }
  if (q.minLevel !== undefined) {
    clauses.push(`${rank} >= @minRank`);
    params.minRank = levelRank(q.minLevel);
  }
  if (q.sourceId !== undefined) {
    clauses.push('a.source_id = @sourceId');
    params.sourceId = q.sourceId;
  }
  if (q.sourceType !== undefined) {
    clauses.push('a.source_type = @sourceType');
    params.sourceType = q.sourceType;
  }
  if (q.fromMs !== undefined) {
    clauses.push('a.time_ms >= @fromMs');
    params.fromMs = q.fromMs;
  }
  if (q.toMs !== undefined) {
    clauses.push('a.time_ms <= @toMs');
    params.toMs = q.toMs;
  }
  syntaxClauses(q, clauses, params);
  if (q.terms.length === 0) return { clauses, params };
  return { match: ftsMatchExpression(q.terms), clauses, params };
}

/** The highest rank of the assessments of `a` for a (round, unit) it names inside the scope (null: none). */
function scopedLevelRank(scope: readonly ScopeEntry[], params: Params): string {
  const round = "json_extract(j.value, '$.roundId')";
  const inScope = scopeCondition(scope, { round, unit: "json_extract(u.value, '$.unitId')" }, params, 'lvl');
  const ranks = LEVELS.map((l) => `WHEN '${l}' THEN ${levelRank(l)}`).join(' ');
  return `(SELECT max(CASE json_extract(j.value, '$.level') ${ranks} ELSE 0 END)
    FROM json_each(a.assessments) j, json_each(j.value, '$.units') u WHERE ${inScope})`;
}

/** The whole filter as one WHERE over `articles a` (the terms as a rowid subquery). */
function fullWhere(f: SearchFilter): { sql: string; params: Params } {
  const clauses = [...f.clauses];
  const params: Params = { ...f.params };
  if (f.match !== undefined) {
    clauses.unshift('a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH @match)');
    params.match = f.match;
  }
  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/**
 * How many articles match, counting no further than SEARCH_TOTAL_CAP. With terms the FTS index drives,
 * newest rows first, and the other conditions are checked per row, so the cost follows the cap, not the store.
 */
function countCapped(prep: Prepare, f: SearchFilter, cap: number): { total: number; capped: boolean } {
  const rest = f.clauses.map((c) => ` AND ${c}`).join('');
  const sql =
    f.match === undefined
      ? `SELECT 1 FROM articles a ${f.clauses.length > 0 ? `WHERE ${f.clauses.join(' AND ')}` : ''} LIMIT @cap`
      : `SELECT 1 FROM articles_fts f CROSS JOIN articles a ON a.seq = f.rowid
         WHERE f.articles_fts MATCH @match${rest} ORDER BY f.rowid DESC LIMIT @cap`;
  const params = { ...f.params, cap: cap + 1, ...(f.match === undefined ? {} : { match: f.match }) };
  const { n } = prep(`SELECT count(*) AS n FROM (${sql})`).get(params) as { n: number };
  return capped(n, cap);
}

/** A count of up to cap + 1 rows as a total and whether it was cut. */
function capped(n: number, cap: number): { total: number; capped: boolean } {
  return n > cap ? { total: cap, capped: true } : { total: n, capped: false };
}

// Level, score and unit ids as the query's scope may see them (all rounds' without one: the CLI's contract).
function toHit(
  row: ArticleRow & { cluster_size: number; matched?: number },
  terms: readonly string[],
  scope: NormalizedSearchQuery['scope'],
): SearchHit {
  const article = toStoredArticle(row);
  return {
    id: article.id,
    title: article.title,
    url: article.url,
    source: article.sourceName,
    sourceId: article.sourceId,
    ...(article.publishedAt === undefined ? {} : { publishedAt: article.publishedAt }),
    ...scopedHitFields(article, scope),
    clusterId: article.clusterId,
    clusterSize: row.cluster_size,
    highlights: buildHighlights(article.title, article.body, terms),
    ...(row.matched === undefined ? {} : { matchedInCluster: row.matched }),
  };
}

function withTotal(count: { total: number; capped: boolean }, hits: SearchHit[]): SearchResult {
  return count.capped ? { total: count.total, totalCapped: true, hits } : { total: count.total, hits };
}

/** The full rows of the page's articles (and their cluster sizes), in the query's order. */
function pageRows(prep: Prepare, q: NormalizedSearchQuery, seqs: readonly number[]) {
  if (seqs.length === 0) return [];
  const named = seqs.map((seq, i) => [`s${i}`, seq] as const);
  const params: Params = Object.fromEntries(named);
  // A scoped search counts only the copies the scope may see (another round's reposts are not its spread).
  const size =
    q.scope === undefined
      ? 'c.size'
      : `(SELECT count(*) FROM articles m WHERE m.cluster_id = a.cluster_id AND EXISTS (SELECT 1 FROM article_units s
           WHERE s.article_id = m.id AND ${scopeCondition(q.scope, { round: 's.round_id', unit: 's.unit_id' }, params, 'size')}))`;
  return prep(
    `SELECT ${HIT_SELECT}, ${size} AS cluster_size FROM articles a JOIN clusters c ON c.id = a.cluster_id
     WHERE a.seq IN (${named.map(([k]) => `@${k}`).join(', ')}) ORDER BY ${orderBy(q, 'a')}`,
  ).all(params) as (ArticleRow & { cluster_size: number })[];
}

/**
 * Run a normalized search: the total of all matches (capped at SEARCH_TOTAL_CAP, see `totalCapped`) and one
 * page of hits, newest or riskiest first, highlighted.
 */
export function searchArticles(
  prep: Prepare,
  q: NormalizedSearchQuery,
  tuning: SearchTuning = DEFAULT_TUNING,
): SearchResult {
  const filter = searchFilter(q);
  if (q.foldClusters === true) return searchFolded(prep, q, fullWhere(filter), tuning.totalCap);
  const count = countCapped(prep, filter, tuning.totalCap);
  if (q.limit === 0 || (!count.capped && count.total <= q.offset)) return withTotal(count, []);
  const page = pageSeqs(prep, q, { filter, where: fullWhere(filter), order: orderBy(q, 'a') }, count, tuning);
  const terms = highlightTerms(q);
  return withTotal(
    count,
    pageRows(prep, q, page).map((row) => toHit(row, terms, q.scope)),
  );
}

/** Sort order over an articles alias (`a.`) or over the narrow columns of a subquery (empty alias). */
function orderBy(q: NormalizedSearchQuery, alias: string): string {
  const p = alias === '' ? '' : `${alias}.`;
  return q.sort === 'score'
    ? `${p}score DESC, ${p}time_ms DESC, ${p}seq DESC`
    : `${p}time_ms DESC, ${p}seq DESC`;
}

/**
 * One hit per story: its best-ranked matching copy, with how many copies matched (issue #6). The narrow
 * (seq, cluster) rows are read in rank order only until the page is full, so the cost stays close to an
 * unfolded search instead of ranking every copy of every story.
 */
function searchFolded(
  prep: Prepare,
  q: NormalizedSearchQuery,
  where: { sql: string; params: Params },
  cap: number,
): SearchResult {
  const { n } = prep(
    `SELECT count(*) AS n FROM (SELECT DISTINCT a.cluster_id FROM articles a ${where.sql} LIMIT @cap)`,
  ).get({ ...where.params, cap: cap + 1 }) as { n: number };
  const count = capped(n, cap);
  if (q.limit === 0 || (!count.capped && count.total <= q.offset)) return withTotal(count, []);
  const wanted = q.offset + q.limit;
  const firsts: { seq: number; cluster: string }[] = [];
  const seen = new Set<string>();
  const ranked = prep(`SELECT a.seq, a.cluster_id FROM articles a ${where.sql} ORDER BY ${orderBy(q, 'a')}`);
  for (const row of ranked.iterate(where.params) as Iterable<{ seq: number; cluster_id: string }>) {
    if (seen.has(row.cluster_id)) continue;
    seen.add(row.cluster_id);
    firsts.push({ seq: row.seq, cluster: row.cluster_id });
    if (firsts.length >= wanted) break;
  }
  const page = firsts.slice(q.offset);
  if (page.length === 0) return withTotal(count, []);
  const clusters = page.map((p, i) => [`c${i}`, p.cluster] as const);
  const matched = new Map(
    (
      prep(
        `SELECT a.cluster_id, count(*) AS n FROM articles a ${where.sql ? `${where.sql} AND` : 'WHERE'}
         a.cluster_id IN (${clusters.map(([k]) => `@${k}`).join(', ')}) GROUP BY a.cluster_id`,
      ).all({ ...where.params, ...Object.fromEntries(clusters) }) as { cluster_id: string; n: number }[]
    ).map((r) => [r.cluster_id, r.n]),
  );
  const terms = highlightTerms(q);
  const rows = pageRows(
    prep,
    q,
    page.map((p) => p.seq),
  );
  return withTotal(
    count,
    rows.map((row) => toHit({ ...row, matched: matched.get(row.cluster_id) ?? 1 }, terms, q.scope)),
  );
}
