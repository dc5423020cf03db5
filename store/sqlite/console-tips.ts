// The console's tip board and hand-made tips (issue #6).
import { StoreError } from '../../core/errors.js';
import { levelRank, type Tip, type TipStatus } from '../../core/types.js';
import { clampInt } from '../query.js';
import type { ConsoleTipFilter, ConsoleTipList } from '../store.js';
import { isoToEpochMs } from '../time.js';
import { type SqlParams, scopeCondition } from './scope-sql.js';
import type { Prepare } from './statements.js';
import { insertTipRow } from './tip-insert.js';
import { getTip, TIPS_DEFAULT_LIMIT, TIPS_MAX_LIMIT, toWorkflowTip, type WorkflowTipRow } from './tips.js';

const STATUSES: readonly TipStatus[] = ['new', 'assigned', 'in_progress', 'closed', 'dismissed'];

/** WHERE clauses of the filter except `status` (the tab counts need the rest alone). */
function baseClauses(filter: ConsoleTipFilter): { clauses: string[]; params: SqlParams } {
  const clauses: string[] = [];
  const params: SqlParams = {};
  if (filter.roundId !== undefined) {
    clauses.push('round_id = @roundId');
    params.roundId = filter.roundId;
  }
  if (filter.unitId !== undefined) {
    clauses.push('unit_id = @unitId');
    params.unitId = filter.unitId;
  }
  if (filter.clusterId !== undefined) {
    clauses.push('cluster_id = @clusterId');
    params.clusterId = filter.clusterId;
  }
  if (filter.team !== undefined) {
    clauses.push('team = @team');
    params.team = filter.team;
  }
  if (filter.minLevel !== undefined) {
    clauses.push('level_rank >= @minRank');
    params.minRank = levelRank(filter.minLevel);
  }
  if (filter.overdueAt !== undefined) {
    const ms = isoToEpochMs(filter.overdueAt);
    if (ms === undefined)
      throw new StoreError('E_STORE_INPUT', `overdueAt is not an ISO time: ${filter.overdueAt}`);
    clauses.push("status IN ('assigned', 'in_progress') AND due_ms IS NOT NULL AND due_ms < @overdueMs");
    params.overdueMs = ms;
  }
  if (filter.scope !== undefined) {
    clauses.push(scopeCondition(filter.scope, { round: 'round_id', unit: 'unit_id' }, params, 'sc'));
  }
  return { clauses, params };
}

const where = (clauses: readonly string[]) => (clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '');

/** Tips of the board, most severe first and newest first within a level, with the total and per-status counts. */
export function listConsoleTips(prep: Prepare, filter: ConsoleTipFilter): ConsoleTipList {
  const { clauses, params } = baseClauses(filter);
  const countRows = prep(`SELECT status, count(*) AS n FROM tips ${where(clauses)} GROUP BY status`).all(
    params,
  ) as { status: TipStatus; n: number }[];
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<TipStatus, number>;
  for (const row of countRows) counts[row.status] = row.n;
  if (filter.status !== undefined) {
    clauses.push('status = @status');
    params.status = filter.status;
  }
  const { total } = prep(`SELECT count(*) AS total FROM tips ${where(clauses)}`).get(params) as {
    total: number;
  };
  const rows = prep(
    `SELECT * FROM tips ${where(clauses)} ORDER BY level_rank DESC, created_ms DESC, seq DESC LIMIT @limit OFFSET @offset`,
  ).all({
    ...params,
    limit: clampInt(filter.limit, TIPS_DEFAULT_LIMIT, 0, TIPS_MAX_LIMIT),
    offset: clampInt(filter.offset, 0, 0, Number.MAX_SAFE_INTEGER),
  }) as WorkflowTipRow[];
  return { total, tips: rows.map(toWorkflowTip), counts };
}

/** Insert a hand-made tip under its article's cluster; no outbox rows. */
export function createTip(prep: Prepare, tip: Tip): Tip {
  const createdMs = isoToEpochMs(tip.createdAt);
  if (createdMs === undefined) {
    throw new StoreError('E_STORE_INPUT', `createTip: createdAt is not an ISO time: ${tip.createdAt}`);
  }
  const article = prep('SELECT cluster_id FROM articles WHERE id = ?').get(tip.articleId) as
    | { cluster_id: string }
    | undefined;
  if (!article) throw new StoreError('E_STORE_NOT_FOUND', `createTip: no article ${tip.articleId}`);
  const inserted = insertTipRow(prep, tip, article.cluster_id, createdMs, tip.createdAt);
  if (!inserted) {
    throw new StoreError(
      'E_STORE_CONFLICT',
      `createTip: the story already has a tip for ${tip.roundId}/${tip.unitId} (or the id ${tip.id} is taken)`,
    );
  }
  const stored = getTip(prep, tip.id);
  if (!stored) throw new StoreError('E_STORE_IO', `createTip: tip ${tip.id} not readable after insert`);
  return stored;
}
