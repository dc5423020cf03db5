import { levelRank, type Tip } from '../../core/types.js';
import { clampInt } from '../query.js';
import type { TipFilter } from '../store.js';
import { type TipRow, toTip } from './rows.js';
import type { Prepare } from './statements.js';

/** Page size of listTips when none is given. */
export const TIPS_DEFAULT_LIMIT = 50;
/** Largest page size of listTips. */
export const TIPS_MAX_LIMIT = 500;

/** One tip by id. */
export function getTip(prep: Prepare, id: string): Tip | undefined {
  const row = prep('SELECT * FROM tips WHERE id = ?').get(id) as TipRow | undefined;
  return row && toTip(row);
}

/** Tips matching the filter, newest first (createdAt, then insertion order), with the total count. */
export function listTips(prep: Prepare, filter: TipFilter): { total: number; tips: Tip[] } {
  const clauses: string[] = [];
  const params: Record<string, string | number> = {};
  for (const [key, column] of [
    ['roundId', 'round_id'],
    ['unitId', 'unit_id'],
    ['status', 'status'],
  ] as const) {
    const value = filter[key];
    if (value === undefined) continue;
    clauses.push(`${column} = @${key}`);
    params[key] = value;
  }
  if (filter.minLevel !== undefined) {
    clauses.push('level_rank >= @minRank');
    params.minRank = levelRank(filter.minLevel);
  }
  const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
  const { total } = prep(`SELECT count(*) AS total FROM tips ${where}`).get(params) as { total: number };
  const rows = prep(
    `SELECT * FROM tips ${where} ORDER BY created_ms DESC, seq DESC LIMIT @limit OFFSET @offset`,
  ).all({
    ...params,
    limit: clampInt(filter.limit, TIPS_DEFAULT_LIMIT, 0, TIPS_MAX_LIMIT),
    offset: clampInt(filter.offset, 0, 0, Number.MAX_SAFE_INTEGER),
  }) as TipRow[];
  return { total, tips: rows.map(toTip) };
}
