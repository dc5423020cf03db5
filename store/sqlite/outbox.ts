// Alert outbox queries: the sender polls due rows and records each delivery attempt.
import { StoreError } from '../../core/errors.js';
import type { OutboxAlert } from '../../core/types.js';
import { clampInt } from '../query.js';
import { type OutboxRow, toOutboxAlert } from './rows.js';
import type { Prepare } from './statements.js';

/** Pending alerts with next attempt at or before `nowMs`, oldest first. */
export function dueAlerts(prep: Prepare, nowMs: number, limit: number): OutboxAlert[] {
  const rows = prep(
    `SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_ms <= ? ORDER BY created_ms, seq LIMIT ?`,
  ).all(nowMs, clampInt(limit, 0, 0, Number.MAX_SAFE_INTEGER)) as OutboxRow[];
  return rows.map(toOutboxAlert);
}

/** Alerts with the status (all when absent), newest first. */
export function listAlerts(prep: Prepare, status?: OutboxAlert['status']): OutboxAlert[] {
  const rows = (
    status === undefined
      ? prep('SELECT * FROM outbox ORDER BY created_ms DESC, seq DESC').all()
      : prep('SELECT * FROM outbox WHERE status = ? ORDER BY created_ms DESC, seq DESC').all(status)
  ) as OutboxRow[];
  return rows.map(toOutboxAlert);
}

/** Mark delivered; the delivery counts as an attempt. */
export function markAlertSent(prep: Prepare, id: string, at: string): void {
  const result = prep(
    "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
  ).run(at, id);
  if (result.changes === 0) throw new StoreError('E_STORE_NOT_FOUND', `markAlertSent: no alert ${id}`);
}

/** Record a failed attempt: pending again from `nextAttemptAt`, or dead. */
export function markAlertFailed(
  prep: Prepare,
  id: string,
  failure: { error: string; nextAttemptAt: string; nextAttemptMs: number; dead: boolean },
): void {
  const result = prep(
    `UPDATE outbox SET status = ?, attempts = attempts + 1, last_error = ?, next_attempt_at = ?, next_attempt_ms = ?
     WHERE id = ?`,
  ).run(failure.dead ? 'dead' : 'pending', failure.error, failure.nextAttemptAt, failure.nextAttemptMs, id);
  if (result.changes === 0) throw new StoreError('E_STORE_NOT_FOUND', `markAlertFailed: no alert ${id}`);
}
