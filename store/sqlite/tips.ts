import { StoreError } from '../../core/errors.js';
import { type DismissReason, levelRank, type Tip, type TipHistoryEntry } from '../../core/types.js';
import { clampInt } from '../query.js';
import type { TipFilter, TipWorkflowUpdate } from '../store.js';
import { isoToEpochMs } from '../time.js';
import { type TipRow, toTip } from './rows.js';
import type { Prepare } from './statements.js';
import { insertSuggestion } from './suggestions.js';

/** Page size of listTips when none is given. */
export const TIPS_DEFAULT_LIMIT = 50;
/** Largest page size of listTips. */
export const TIPS_MAX_LIMIT = 500;

/** A tips row with the workflow columns of schema step 4. */
export interface WorkflowTipRow extends TipRow {
  assignee: string | null;
  due_at: string | null;
  result: string | null;
  dismiss_reason: string | null;
  updated_at: string | null;
}

/** A tips row as a Tip, workflow fields included (absent when NULL). */
export function toWorkflowTip(row: WorkflowTipRow): Tip {
  const tip = toTip(row);
  if (row.assignee !== null) tip.assignee = row.assignee;
  if (row.due_at !== null) tip.dueAt = row.due_at;
  if (row.result !== null) tip.result = row.result;
  if (row.dismiss_reason !== null) tip.dismissReason = row.dismiss_reason as DismissReason;
  if (row.updated_at !== null) tip.updatedAt = row.updated_at;
  return tip;
}

/** One tip by id. */
export function getTip(prep: Prepare, id: string): Tip | undefined {
  const row = prep('SELECT * FROM tips WHERE id = ?').get(id) as WorkflowTipRow | undefined;
  return row && toWorkflowTip(row);
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
  }) as WorkflowTipRow[];
  return { total, tips: rows.map(toWorkflowTip) };
}

/**
 * Apply one workflow step; the caller runs it inside one immediate transaction. The status check and the
 * update are one statement, so two concurrent steps from the same status cannot both succeed.
 */
export function updateTipWorkflow(prep: Prepare, update: TipWorkflowUpdate): Tip {
  const { tipId, patch, entry } = update;
  const current = getTip(prep, tipId);
  if (!current) throw new StoreError('E_STORE_NOT_FOUND', `updateTipWorkflow: no tip ${tipId}`);
  const atMs = isoToEpochMs(entry.at);
  if (atMs === undefined)
    throw new StoreError('E_STORE_INPUT', `tip ${tipId}: at is not an ISO time: ${entry.at}`);
  const dueMs = patch.dueAt === undefined ? undefined : isoToEpochMs(patch.dueAt);
  if (patch.dueAt !== undefined && dueMs === undefined) {
    throw new StoreError('E_STORE_INPUT', `tip ${tipId}: dueAt is not an ISO time: ${patch.dueAt}`);
  }
  const result = prep(
    `UPDATE tips SET status = @status, team = coalesce(@team, team), assignee = coalesce(@assignee, assignee),
       due_at = coalesce(@dueAt, due_at), due_ms = coalesce(@dueMs, due_ms), result = coalesce(@result, result),
       dismiss_reason = coalesce(@dismissReason, dismiss_reason), updated_at = @at
     WHERE id = @tipId AND status = @expected`,
  ).run({
    status: patch.status,
    team: patch.team ?? null,
    assignee: patch.assignee ?? null,
    dueAt: patch.dueAt ?? null,
    dueMs: dueMs ?? null,
    result: patch.result ?? null,
    dismissReason: patch.dismissReason ?? null,
    at: entry.at,
    tipId,
    expected: update.expectedStatus,
  });
  if (result.changes === 0) {
    throw new StoreError(
      'E_STORE_CONFLICT',
      `tip ${tipId} is ${current.status}, not ${update.expectedStatus}: it was changed meanwhile`,
    );
  }
  const { next } = prep('SELECT coalesce(max(seq), 0) + 1 AS next FROM tip_history WHERE tip_id = ?').get(
    tipId,
  ) as { next: number };
  prep(
    `INSERT INTO tip_history (tip_id, seq, at, actor, action, from_status, to_status, note, details)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    tipId,
    next,
    entry.at,
    entry.actor,
    entry.action,
    entry.from,
    entry.to,
    entry.note ?? null,
    entry.details === undefined ? null : JSON.stringify(entry.details),
  );
  if (update.suggestion) {
    insertSuggestion(prep, {
      tip: current,
      phrase: update.suggestion.phrase,
      at: entry.at,
      by: entry.actor,
    });
  }
  const updated = getTip(prep, tipId);
  if (!updated) throw new StoreError('E_STORE_NOT_FOUND', `updateTipWorkflow: tip ${tipId} vanished`);
  return updated;
}

interface HistoryRow {
  tip_id: string;
  seq: number;
  at: string;
  actor: string;
  action: string;
  from_status: string;
  to_status: string;
  note: string | null;
  details: string | null;
}

/** The history of a tip, oldest first. */
export function tipHistory(prep: Prepare, tipId: string): TipHistoryEntry[] {
  const rows = prep('SELECT * FROM tip_history WHERE tip_id = ? ORDER BY seq').all(tipId) as HistoryRow[];
  return rows.map((r) => ({
    tipId: r.tip_id,
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action as TipHistoryEntry['action'],
    from: r.from_status as TipHistoryEntry['from'],
    to: r.to_status as TipHistoryEntry['to'],
    ...(r.note !== null && { note: r.note }),
    ...(r.details !== null && { details: JSON.parse(r.details) as Record<string, string> }),
  }));
}

/** Open tips (assigned or in progress) due before `nowMs`, most overdue first. */
export function overdueTips(prep: Prepare, nowMs: number): Tip[] {
  const rows = prep(
    `SELECT * FROM tips WHERE status IN ('assigned', 'in_progress') AND due_ms IS NOT NULL AND due_ms < ?
     ORDER BY due_ms, seq`,
  ).all(nowMs) as WorkflowTipRow[];
  return rows.map(toWorkflowTip);
}
