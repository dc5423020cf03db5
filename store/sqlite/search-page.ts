// Which rows make up one page of an unfolded search (issue #8). Sorting every match by time is what made
// searches for common words slow; when the terms match a large share of the store, the newest rows are read
// from the time (or score) index instead and each is checked against the FTS index until the page is full.
import type { NormalizedSearchQuery } from '../query.js';
import type { SearchFilter, SearchTuning } from './search.js';
import type { Prepare } from './statements.js';

/** Article seqs of one page, in the query's order. */
export type PageSeqs = number[];

/** Pages ending beyond this many hits are cut from the fully sorted matches (deep paging, exports). */
const SCAN_MAX_END = 60;

/**
 * FTS lookups a newest-first scan may spend before it gives up: a lookup costs ~0.4 ms at 100 k items, so a
 * scan is worth it only while at least about one row in three it reads matches the terms.
 */
function scanBudget(q: NormalizedSearchQuery): number {
  return 20 + 2 * (q.offset + q.limit);
}

/**
 * Rows the scan may read once it checks them against the set of all matches instead (see scanPage): about
 * 10 µs a row at 1 M items, so this bounds that phase near the cost of sorting a few thousand matches.
 */
const SET_SCAN_ROWS = 50_000;
/**
 * Fewer matches than this are sorted rather than scanned against their set: sorting costs ~4 µs a match, a
 * filtered scan row up to ~10 µs and the rows it must read are unknown, so a small set is cheaper sorted.
 */
const SET_SCAN_MIN_MATCHES = 30_000;

/**
 * The page in index order. Each row is first checked against the FTS index on its own; when that budget runs
 * out (the terms are rare among the rows the other filters keep), all matching rowids are read once and the
 * scan goes on checking rows against that set, which costs a hash lookup instead of an FTS query per row.
 * Undefined when the set phase also runs past its row budget.
 */
function scanPage(
  prep: Prepare,
  q: NormalizedSearchQuery,
  f: SearchFilter & { match: string },
  order: string,
  budget: { checks: number; setRows: number; setMinMatches: number },
): PageSeqs | undefined {
  const where = f.clauses.length > 0 ? `WHERE ${f.clauses.join(' AND ')}` : '';
  const scan = prep(`SELECT a.seq FROM articles a ${where} ORDER BY ${order}`);
  // better-sqlite3 binds numbers as REAL; FTS5 uses a rowid constraint only when it is an INTEGER, and
  // otherwise ignores it here and returns any match.
  const check = prep(
    'SELECT 1 FROM articles_fts WHERE articles_fts MATCH @match AND rowid = CAST(@seq AS INTEGER)',
  );
  const out: number[] = [];
  let skip = q.offset;
  let rows = 0;
  let matches: Set<number> | undefined;
  for (const row of scan.iterate(f.params) as Iterable<{ seq: number }>) {
    rows++;
    if (matches === undefined && rows > budget.checks) {
      if (budget.setRows <= 0) return undefined;
      matches = matchingSeqs(prep, f.match);
      if (matches.size < budget.setMinMatches) return undefined;
    }
    if (matches !== undefined && rows > budget.checks + budget.setRows) return undefined;
    const hit = matches ? matches.has(row.seq) : check.get({ match: f.match, seq: row.seq }) !== undefined;
    if (!hit) continue;
    if (skip > 0) skip--;
    else if (out.push(row.seq) >= q.limit) break;
  }
  return out;
}

/** Every article seq the FTS expression matches. */
function matchingSeqs(prep: Prepare, match: string): Set<number> {
  const rows = prep('SELECT rowid AS seq FROM articles_fts WHERE articles_fts MATCH @match').all({
    match,
  }) as { seq: number }[];
  return new Set(rows.map((r) => r.seq));
}

/** A query's filter three ways: split (terms apart), as one WHERE over `articles a`, and its ORDER BY. */
export interface PagePlanInput {
  filter: SearchFilter;
  where: { sql: string; params: Record<string, string | number> };
  order: string;
}

/**
 * Seqs of the requested page. When at least `commonMatches` articles match (default: the count reached its
 * cap), rows are scanned newest-first with a per-row FTS check; otherwise, or when the scan gives up, the
 * page is cut from the sorted matches.
 */
export function pageSeqs(
  prep: Prepare,
  q: NormalizedSearchQuery,
  { filter, where, order }: PagePlanInput,
  counted: { total: number; capped: boolean },
  tuning: SearchTuning,
): PageSeqs {
  const match = filter.match;
  const common = tuning.commonMatches === undefined ? counted.capped : counted.total >= tuning.commonMatches;
  if (match !== undefined && common && q.offset + q.limit <= SCAN_MAX_END) {
    const budget = {
      checks: tuning.scanChecks ?? scanBudget(q),
      setRows: tuning.scanSetRows ?? SET_SCAN_ROWS,
      setMinMatches: tuning.scanSetMinMatches ?? SET_SCAN_MIN_MATCHES,
    };
    const page = scanPage(prep, q, { ...filter, match }, order, budget);
    if (page !== undefined) return page;
  }
  const rows = prep(
    `SELECT a.seq FROM articles a ${where.sql} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
  ).all({ ...where.params, limit: q.limit, offset: q.offset }) as { seq: number }[];
  return rows.map((r) => r.seq);
}
