// Alert outbox queries: the sender polls due rows and records each delivery attempt. A row is a tip alert
// (one per tip, level and channel) or a notice (one per dedup key and channel).
import { randomUUID } from 'node:crypto';
import { StoreError } from '../../core/errors.js';
import type { Level, Notice, OutboxAlert } from '../../core/types.js';
import { clampInt } from '../query.js';
import { isoToEpochMs } from '../time.js';
import { type OutboxRow, toOutboxAlert } from './rows.js';
import type { Prepare } from './statements.js';

/** Dedup key of a tip alert: one alert per tip and level on each channel. */
export function tipDedupKey(tipId: string, level: Level): string {
  return `tip:${tipId}:${level}`;
}

/** Queue one pending alert per channel for a tip at a level; a (tip, level, channel) already queued is skipped. */
export function queueTipAlerts(
  prep: Prepare,
  tip: { id: string; level: Level },
  channels: readonly string[],
  upgrade: boolean,
  now: string,
): void {
  const nowMs = isoToEpochMs(now) ?? Date.now();
  const insert = prep(
    `INSERT OR IGNORE INTO outbox (id, kind, tip_id, level, upgrade, dedup_key, channel, status, attempts,
       next_attempt_at, next_attempt_ms, created_at, created_ms)
     VALUES (?, 'tip', ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?)`,
  );
  const key = tipDedupKey(tip.id, tip.level);
  for (const channel of channels) {
    insert.run(randomUUID(), tip.id, tip.level, upgrade ? 1 : 0, key, channel, now, nowMs, now, nowMs);
  }
}

/** Dedup key of a re-alert: at most one per earlier alert, so a replayed ingest cannot queue it twice. */
export function realertDedupKey(tipId: string, level: Level, previousAlertId: string): string {
  return `tip:${tipId}:${level}:realert:${previousAlertId}`;
}

/**
 * Queue one re-alert (再次提醒) per channel whose wait (ms) has passed since its last alert of the tip: sent at
 * (or, when never delivered, queued at) least `wait` ago. A channel with a pending alert of the tip, or none at
 * all, gets nothing. Returns the channels queued.
 */
export function queueRealerts(
  prep: Prepare,
  tip: { id: string; level: Level },
  waits: Readonly<Record<string, number>>,
  now: string,
): string[] {
  const nowMs = isoToEpochMs(now) ?? Date.now();
  const last = prep(
    `SELECT id, status, sent_at, created_ms FROM outbox WHERE tip_id = ? AND channel = ?
     ORDER BY created_ms DESC, seq DESC LIMIT 1`,
  );
  const insert = prep(
    `INSERT OR IGNORE INTO outbox (id, kind, tip_id, level, upgrade, realert, dedup_key, channel, status, attempts,
       next_attempt_at, next_attempt_ms, created_at, created_ms)
     VALUES (?, 'tip', ?, ?, 0, 1, ?, ?, 'pending', 0, ?, ?, ?, ?)`,
  );
  const queued: string[] = [];
  for (const [channel, wait] of Object.entries(waits)) {
    if (!(wait > 0)) continue;
    const row = last.get(tip.id, channel) as
      | { id: string; status: string; sent_at: string | null; created_ms: number }
      | undefined;
    if (!row || row.status === 'pending') continue;
    const lastMs = (row.sent_at === null ? undefined : isoToEpochMs(row.sent_at)) ?? row.created_ms;
    if (nowMs - lastMs < wait) continue;
    const key = realertDedupKey(tip.id, tip.level, row.id);
    const result = insert.run(randomUUID(), tip.id, tip.level, key, channel, now, nowMs, now, nowMs);
    if (result.changes > 0) queued.push(channel);
  }
  return queued;
}

/** Queue a notice to each channel unless (dedupKey, channel) was queued before; the ids queued. */
export function enqueueNotice(
  prep: Prepare,
  channels: readonly string[],
  notice: Notice,
  dedupKey: string,
  now: string,
): string[] {
  if (!dedupKey) throw new StoreError('E_STORE_INPUT', 'enqueueNotice: dedupKey is empty');
  const known = prep('SELECT 1 FROM outbox WHERE dedup_key = ? AND channel = ?');
  const fresh = [...new Set(channels)].filter((c) => !known.get(dedupKey, c));
  if (fresh.length === 0) return [];
  const nowMs = isoToEpochMs(now) ?? Date.now();
  const noticeId = randomUUID();
  prep('INSERT INTO notices (id, kind, body, created_at) VALUES (?, ?, ?, ?)').run(
    noticeId,
    notice.kind,
    JSON.stringify(notice),
    now,
  );
  const insert = prep(
    `INSERT INTO outbox (id, kind, notice_id, dedup_key, channel, status, attempts, next_attempt_at,
       next_attempt_ms, created_at, created_ms)
     VALUES (?, 'notice', ?, ?, ?, 'pending', 0, ?, ?, ?, ?)`,
  );
  return fresh.map((channel) => {
    const id = randomUUID();
    insert.run(id, noticeId, dedupKey, channel, now, nowMs, now, nowMs);
    return id;
  });
}

/** A queued notice by id. */
export function getNotice(prep: Prepare, id: string): Notice | undefined {
  const row = prep('SELECT body FROM notices WHERE id = ?').get(id) as { body: string } | undefined;
  return row && (JSON.parse(row.body) as Notice);
}

// A claim is live while lease_until_ms is in the future; NULL or a past lease leaves the alert free.
const DUE = `status = 'pending' AND next_attempt_ms <= ? AND (lease_until_ms IS NULL OR lease_until_ms <= ?)`;

/** Pending alerts with next attempt at or before `nowMs` and no live claim, oldest first. */
export function dueAlerts(prep: Prepare, nowMs: number, limit: number): OutboxAlert[] {
  const rows = prep(`SELECT * FROM outbox WHERE ${DUE} ORDER BY created_ms, seq LIMIT ?`).all(
    nowMs,
    nowMs,
    clampInt(limit, 0, 0, Number.MAX_SAFE_INTEGER),
  ) as OutboxRow[];
  return rows.map(toOutboxAlert);
}

/**
 * Claim up to `limit` due alerts for `owner` until `leaseUntilMs`, oldest first. One UPDATE … RETURNING: SQLite
 * runs it under the file's write lock, so a second process on the same file sees the rows already leased.
 */
export function claimAlerts(
  prep: Prepare,
  claim: { nowMs: number; owner: string; leaseUntilMs: number; limit: number },
): OutboxAlert[] {
  const rows = prep(
    `UPDATE outbox SET claimed_by = ?, lease_until_ms = ?
     WHERE seq IN (SELECT seq FROM outbox WHERE ${DUE} ORDER BY created_ms, seq LIMIT ?)
     RETURNING *`,
  ).all(
    claim.owner,
    claim.leaseUntilMs,
    claim.nowMs,
    claim.nowMs,
    clampInt(claim.limit, 0, 0, Number.MAX_SAFE_INTEGER),
  ) as (OutboxRow & { seq: number; created_ms: number })[];
  // RETURNING gives no order guarantee.
  rows.sort((a, b) => a.created_ms - b.created_ms || a.seq - b.seq);
  return rows.map(toOutboxAlert);
}

/** End `owner`'s live claims on these alerts; alerts claimed by another owner are left alone. */
export function releaseAlerts(prep: Prepare, ids: readonly string[], owner: string): void {
  const release = prep(
    "UPDATE outbox SET lease_until_ms = NULL WHERE id = ? AND claimed_by = ? AND status = 'pending'",
  );
  for (const id of ids) release.run(id, owner);
}

/** Owners with a live claim at `nowMs`. */
export function claimHolders(prep: Prepare, nowMs: number): string[] {
  const rows = prep(
    `SELECT DISTINCT claimed_by FROM outbox
     WHERE status = 'pending' AND lease_until_ms > ? AND claimed_by IS NOT NULL ORDER BY claimed_by`,
  ).all(nowMs) as { claimed_by: string }[];
  return rows.map((r) => r.claimed_by);
}

/** End every live claim of `owner`; the number of alerts freed. */
export function releaseClaimsOf(prep: Prepare, owner: string): number {
  return prep(
    `UPDATE outbox SET lease_until_ms = NULL
     WHERE claimed_by = ? AND status = 'pending' AND lease_until_ms IS NOT NULL`,
  ).run(owner).changes;
}

/** E_STORE_NOT_FOUND for an unknown alert, E_STORE_CONFLICT when `owner` does not hold its claim. */
function missed(prep: Prepare, what: string, id: string, owner: string | undefined): StoreError {
  const row = prep('SELECT claimed_by, status FROM outbox WHERE id = ?').get(id) as
    | { claimed_by: string | null; status: string }
    | undefined;
  if (!row) return new StoreError('E_STORE_NOT_FOUND', `${what}: no alert ${id}`);
  const holder = row.claimed_by ?? 'nobody';
  return new StoreError(
    'E_STORE_CONFLICT',
    `${what}: alert ${id} is not claimed by ${owner} (status ${row.status}, claimed by ${holder})`,
  );
}

// With an owner, a mark applies only to a pending alert that owner claimed (its lease may have run out as long
// as nobody else took it).
const HELD = "AND (? IS NULL OR (claimed_by = ? AND status = 'pending'))";

/** Alerts with the status (all when absent), newest first. */
export function listAlerts(prep: Prepare, status?: OutboxAlert['status']): OutboxAlert[] {
  const rows = (
    status === undefined
      ? prep('SELECT * FROM outbox ORDER BY created_ms DESC, seq DESC').all()
      : prep('SELECT * FROM outbox WHERE status = ? ORDER BY created_ms DESC, seq DESC').all(status)
  ) as OutboxRow[];
  return rows.map(toOutboxAlert);
}

/** Mark delivered; the delivery counts as an attempt and ends the claim. */
export function markAlertSent(prep: Prepare, id: string, at: string, owner?: string): void {
  const result = prep(
    `UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL,
       lease_until_ms = NULL WHERE id = ? ${HELD}`,
  ).run(at, id, owner ?? null, owner ?? null);
  if (result.changes === 0) throw missed(prep, 'markAlertSent', id, owner);
}

/** Mark several delivered by one merged message; the caller runs it in one transaction. */
export function markAlertsSent(prep: Prepare, ids: readonly string[], at: string, owner?: string): void {
  const carrier = ids[0];
  const update = prep(
    `UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL,
       merged_into = ?, lease_until_ms = NULL WHERE id = ? ${HELD}`,
  );
  for (const id of ids) {
    const result = update.run(
      at,
      ids.length > 1 ? (carrier ?? null) : null,
      id,
      owner ?? null,
      owner ?? null,
    );
    if (result.changes === 0) throw missed(prep, 'markAlertsSent', id, owner);
  }
}

/** Record a failed attempt: pending again from `nextAttemptAt`, or dead; ends the claim. */
export function markAlertFailed(
  prep: Prepare,
  id: string,
  failure: { error: string; nextAttemptAt: string; nextAttemptMs: number; dead: boolean; owner?: string },
): void {
  const owner = failure.owner ?? null;
  const result = prep(
    `UPDATE outbox SET status = ?, attempts = attempts + 1, last_error = ?, next_attempt_at = ?, next_attempt_ms = ?,
       lease_until_ms = NULL WHERE id = ? ${HELD}`,
  ).run(
    failure.dead ? 'dead' : 'pending',
    failure.error,
    failure.nextAttemptAt,
    failure.nextAttemptMs,
    id,
    owner,
    owner,
  );
  if (result.changes === 0) throw missed(prep, 'markAlertFailed', id, failure.owner);
}

/** The alert if it is dead (and, with `unhandled`, not yet handled); the typed error otherwise. */
function deadRow(prep: Prepare, what: string, id: string, unhandled: boolean): OutboxRow {
  const row = prep('SELECT * FROM outbox WHERE id = ?').get(id) as OutboxRow | undefined;
  if (!row) throw new StoreError('E_STORE_NOT_FOUND', `${what}: no alert ${id}`);
  if (row.status !== 'dead')
    throw new StoreError('E_STORE_CONFLICT', `${what}: alert ${id} is ${row.status}`);
  if (unhandled && row.handled_at)
    throw new StoreError('E_STORE_CONFLICT', `${what}: alert ${id} was handled by ${row.handled_by ?? '?'}`);
  return row;
}

/** Put a dead alert back in the queue from `at` with a fresh attempt count; the caller runs it in a transaction. */
export function requeueAlert(prep: Prepare, id: string, at: string, atMs: number): OutboxAlert {
  deadRow(prep, 'requeueAlert', id, false);
  const row = prep(
    `UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, next_attempt_ms = ?,
       lease_until_ms = NULL, handled_at = NULL, handled_by = NULL
     WHERE id = ? RETURNING *`,
  ).get(at, atMs, id) as OutboxRow;
  return toOutboxAlert(row);
}

/** Mark a dead alert handled; the caller runs it in a transaction. */
export function markAlertHandled(prep: Prepare, id: string, by: string, at: string): OutboxAlert {
  deadRow(prep, 'markAlertHandled', id, true);
  const row = prep('UPDATE outbox SET handled_at = ?, handled_by = ? WHERE id = ? RETURNING *').get(
    at,
    by,
    id,
  ) as OutboxRow;
  return toOutboxAlert(row);
}
