import { type Assessment, levelRank } from '../../core/types.js';
import { buildHighlights } from '../highlight.js';
import type { NormalizedSearchQuery } from '../query.js';
import type { SearchHit, SearchResult } from '../store.js';
import { ftsMatchExpression } from './fts-match.js';
import { type ArticleRow, articleSelectList, toStoredArticle } from './rows.js';
import { highlightTerms, syntaxClauses } from './search-syntax.js';
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

/**
 * One hit per story: its best-ranked matching copy, with how many copies matched (issue #6). The narrow
 * (seq, cluster) rows are read in rank order only until the page is full, so the cost stays close to an
 * unfolded search instead of ranking every copy of every story.
 */
function searchFolded(prep: Prepare, q: NormalizedSearchQuery, where: { sql: string; params: Params }) {
  const { total } = prep(`SELECT count(DISTINCT a.cluster_id) AS total FROM articles a ${where.sql}`).get(
    where.params,
  ) as { total: number };
  if (q.limit === 0 || total <= q.offset) return { total, hits: [] };
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
  if (page.length === 0) return { total, hits: [] };
  const seqs = page.map((p, i) => [`s${i}`, p.seq] as const);
  const clusters = page.map((p, i) => [`c${i}`, p.cluster] as const);
  const matched = new Map(
    (
      prep(
        `SELECT a.cluster_id, count(*) AS n FROM articles a ${where.sql ? `${where.sql} AND` : 'WHERE'}
         a.cluster_id IN (${clusters.map(([k]) => `@${k}`).join(', ')}) GROUP BY a.cluster_id`,
      ).all({ ...where.params, ...Object.fromEntries(clusters) }) as { cluster_id: string; n: number }[]
    ).map((r) => [r.cluster_id, r.n]),
  );
  const rows = prep(
    `SELECT ${HIT_SELECT}, c.size AS cluster_size FROM articles a JOIN clusters c ON c.id = a.cluster_id
     WHERE a.seq IN (${seqs.map(([k]) => `@${k}`).join(', ')}) ORDER BY ${orderBy(q, 'a')}`,
  ).all(Object.fromEntries(seqs)) as (ArticleRow & { cluster_size: number })[];
  const terms = highlightTerms(q);
  return {
    total,
    hits: rows.map((row) => toHit({ ...row, matched: matched.get(row.cluster_id) ?? 1 }, terms)),
  };
}
