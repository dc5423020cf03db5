import { type Assessment, levelRank } from '../../core/types.js';
import { buildHighlights } from '../highlight.js';
import type { NormalizedSearchQuery } from '../query.js';
import type { SearchHit, SearchResult } from '../store.js';
import { ftsMatchExpression } from './fts-match.js';
import { highlightTerms, syntaxClauses } from './search-syntax.js';
import { type ArticleRow, articleSelectList, toStoredArticle } from './rows.js';
import type { Prepare } from './statements.js';

type Params = Record<string, string | number>;

const HIT_SELECT = articleSelectList('a');

/** WHERE clause and named parameters for the query's terms and filters, over `articles a`. */
function whereClause(q: NormalizedSearchQuery): { sql: string; params: Params } {
  const clauses: string[] = [];
  const params: Params = {};
  if (q.terms.length > 0) {
    clauses.push('a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH @match)');
    params.match = ftsMatchExpression(q.terms);
  }
  if (q.roundId !== undefined || q.unitId !== undefined) {
    const unit: string[] = ['u.article_id = a.id'];
    if (q.roundId !== undefined) unit.push('u.round_id = @roundId');
    if (q.unitId !== undefined) unit.push('u.unit_id = @unitId');
    clauses.push(`EXISTS (SELECT 1 FROM article_units u WHERE ${unit.join(' AND ')})`);
  }
  if (q.roundId !== undefined) params.roundId = q.roundId;
  if (q.unitId !== undefined) params.unitId = q.unitId;
  if (q.phase !== undefined) {
    // With a round given, the phase must be that round's phase, not any round's.
    const round = q.roundId !== undefined ? ' AND p.round_id = @roundId' : '';
    clauses.push(
      `EXISTS (SELECT 1 FROM article_phases p WHERE p.article_id = a.id AND p.phase = @phase${round})`,
    );
    params.phase = q.phase;
  }
  if (q.level !== undefined) {
    clauses.push('a.level = @level');
    params.level = q.level;
  }
  if (q.minLevel !== undefined) {
    clauses.push('a.level_rank >= @minRank');
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
  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** Ids of the watched units an article mentions, over all rounds, without repeats (the CLI's JSON contract). */
function unitIds(assessments: readonly Assessment[]): string[] {
  return [...new Set(assessments.flatMap((a) => a.units.map((u) => u.unitId)))];
}

function toHit(
  row: ArticleRow & { cluster_size: number; matched?: number },
  terms: readonly string[],
): SearchHit {
  const article = toStoredArticle(row);
  return {
    id: article.id,
    title: article.title,
    url: article.url,
    source: article.sourceName,
    sourceId: article.sourceId,
    ...(article.publishedAt === undefined ? {} : { publishedAt: article.publishedAt }),
    level: article.level,
    score: article.score,
    units: unitIds(article.assessments),
    clusterId: article.clusterId,
    clusterSize: row.cluster_size,
    highlights: buildHighlights(article.title, article.body, terms),
    ...(row.matched === undefined ? {} : { matchedInCluster: row.matched }),
  };
}

/** Run a normalized search: the total of all matches and one page of hits, newest or riskiest first. */
export function searchArticles(prep: Prepare, q: NormalizedSearchQuery): SearchResult {
  const where = whereClause(q);
  if (q.foldClusters === true) return searchFolded(prep, q, where);
  const { total } = prep(`SELECT count(*) AS total FROM articles a ${where.sql}`).get(where.params) as {
    total: number;
  };
  if (q.limit === 0 || total <= q.offset) return { total, hits: [] };
  const order =
    q.sort === 'score' ? 'a.score DESC, a.time_ms DESC, a.seq DESC' : 'a.time_ms DESC, a.seq DESC';
  // Sort and cut the page on narrow rows first: sorting every match with its body is what made search slow.
  const rows = prep(
    `WITH page AS (SELECT a.seq FROM articles a ${where.sql} ORDER BY ${order} LIMIT @limit OFFSET @offset)
     SELECT ${HIT_SELECT}, c.size AS cluster_size FROM page
     JOIN articles a ON a.seq = page.seq JOIN clusters c ON c.id = a.cluster_id
     ORDER BY ${order}`,
  ).all({ ...where.params, limit: q.limit, offset: q.offset }) as (ArticleRow & { cluster_size: number })[];
  return { total, hits: rows.map((row) => toHit(row, highlightTerms(q))) };
}

/** Sort order over an articles alias (`a.`) or over the narrow columns of a subquery (empty alias). */
function orderBy(q: NormalizedSearchQuery, alias: string): string {
  const p = alias === '' ? '' : `${alias}.`;
  return q.sort === 'score'
    ? `${p}score DESC, ${p}time_ms DESC, ${p}seq DESC`
    : `${p}time_ms DESC, ${p}seq DESC`;
}

/** One hit per story: its best-ranked matching copy, with how many copies matched (issue #6). */
function searchFolded(prep: Prepare, q: NormalizedSearchQuery, where: { sql: string; params: Params }) {
  const { total } = prep(`SELECT count(DISTINCT a.cluster_id) AS total FROM articles a ${where.sql}`).get(
    where.params,
  ) as { total: number };
  if (q.limit === 0 || total <= q.offset) return { total, hits: [] };
  const rows = prep(
    `WITH m AS (SELECT a.seq, a.score, a.time_ms,
         row_number() OVER (PARTITION BY a.cluster_id ORDER BY ${orderBy(q, 'a')}) AS rn,
         count(*) OVER (PARTITION BY a.cluster_id) AS matched
       FROM articles a ${where.sql}),
     page AS (SELECT seq, matched FROM m WHERE rn = 1 ORDER BY ${orderBy(q, '')} LIMIT @limit OFFSET @offset)
     SELECT ${HIT_SELECT}, c.size AS cluster_size, page.matched AS matched FROM page
     JOIN articles a ON a.seq = page.seq JOIN clusters c ON c.id = a.cluster_id
     ORDER BY ${orderBy(q, 'a')}`,
  ).all({ ...where.params, limit: q.limit, offset: q.offset }) as (ArticleRow & {
    cluster_size: number;
    matched: number;
  })[];
  return { total, hits: rows.map((row) => toHit(row, highlightTerms(q))) };
}
