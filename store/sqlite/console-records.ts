// The console's append-only audit log, saved searches and tip notes (issue #6).
import { StoreError } from '../../core/errors.js';
import { clampInt } from '../query.js';
import type { AuditEntry, AuditFilter, NewAuditEntry, SavedSearch, TipNote } from '../store.js';
import { isoToEpochMs } from '../time.js';
import type { Prepare } from './statements.js';

interface AuditRow {
  seq: number;
  at: string;
  user: string;
  action: string;
  target: string | null;
  detail: string | null;
  ip: string | null;
}

function toAudit(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    user: row.user,
    action: row.action,
    ...(row.target === null ? {} : { target: row.target }),
    ...(row.detail === null ? {} : { detail: JSON.parse(row.detail) as Record<string, unknown> }),
    ...(row.ip === null ? {} : { ip: row.ip }),
  };
}

function requireMs(name: string, iso: string): number {
  const ms = isoToEpochMs(iso);
  if (ms === undefined) throw new StoreError('E_STORE_INPUT', `${name} is not an ISO time: ${iso}`);
  return ms;
}

/** Append one entry and return it numbered. */
export function appendAudit(prep: Prepare, entry: NewAuditEntry): AuditEntry {
  const result = prep(
    'INSERT INTO audit (at, at_ms, user, action, target, detail, ip) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(
    entry.at,
    requireMs('appendAudit.at', entry.at),
    entry.user,
    entry.action,
    entry.target ?? null,
    entry.detail === undefined ? null : JSON.stringify(entry.detail),
    entry.ip ?? null,
  );
  return { ...entry, seq: Number(result.lastInsertRowid) };
}

/** Entries matching the filter, newest first (limit default 50, at most 500). */
export function listAudit(prep: Prepare, filter: AuditFilter): { total: number; entries: AuditEntry[] } {
  const clauses: string[] = [];
  const params: Record<string, string | number> = {};
  if (filter.user !== undefined) {
    clauses.push('user = @user');
    params.user = filter.user;
  }
  if (filter.action !== undefined) {
    clauses.push('action = @action');
    params.action = filter.action;
  }
  if (filter.from !== undefined) {
    clauses.push('at_ms >= @fromMs');
    params.fromMs = requireMs('listAudit.from', filter.from);
  }
  if (filter.to !== undefined) {
    clauses.push('at_ms <= @toMs');
    params.toMs = requireMs('listAudit.to', filter.to);
  }
  const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
  const { total } = prep(`SELECT count(*) AS total FROM audit ${where}`).get(params) as { total: number };
  const rows = prep(`SELECT * FROM audit ${where} ORDER BY seq DESC LIMIT @limit OFFSET @offset`).all({
    ...params,
    limit: clampInt(filter.limit, 50, 0, 500),
    offset: clampInt(filter.offset, 0, 0, Number.MAX_SAFE_INTEGER),
  }) as AuditRow[];
  return { total, entries: rows.map(toAudit) };
}

interface SavedRow {
  id: string;
  user: string;
  name: string;
  params: string;
  created_at: string;
}

/** A user's saved searches, newest first. */
export function listSavedSearches(prep: Prepare, user: string): SavedSearch[] {
  const rows = prep('SELECT * FROM saved_searches WHERE user = ? ORDER BY created_at DESC, id').all(
    user,
  ) as SavedRow[];
  return rows.map((r) => ({
    id: r.id,
    user: r.user,
    name: r.name,
    params: JSON.parse(r.params) as Record<string, string>,
    createdAt: r.created_at,
  }));
}

/** Insert a saved search; E_STORE_CONFLICT on a duplicate id or (user, name). */
export function createSavedSearch(prep: Prepare, s: SavedSearch): void {
  const result = prep(
    'INSERT OR IGNORE INTO saved_searches (id, user, name, params, created_at) VALUES (?, ?, ?, ?, ?)',
  ).run(s.id, s.user, s.name, JSON.stringify(s.params), s.createdAt);
  if (result.changes === 0) {
    throw new StoreError(
      'E_STORE_CONFLICT',
      `createSavedSearch: ${s.user} already has a search named ${s.name}`,
    );
  }
}

/** Delete one of the user's saved searches. */
export function deleteSavedSearch(prep: Prepare, user: string, id: string): boolean {
  return prep('DELETE FROM saved_searches WHERE id = ? AND user = ?').run(id, user).changes > 0;
}

/** Add a note; E_STORE_NOT_FOUND for an unknown tip. */
export function addTipNote(prep: Prepare, note: TipNote): void {
  if (!prep('SELECT 1 FROM tips WHERE id = ?').get(note.tipId)) {
    throw new StoreError('E_STORE_NOT_FOUND', `addTipNote: no tip ${note.tipId}`);
  }
  prep('INSERT INTO tip_notes (id, tip_id, at, user, text) VALUES (?, ?, ?, ?, ?)').run(
    note.id,
    note.tipId,
    note.at,
    note.user,
    note.text,
  );
}

/** A tip's notes, oldest first. */
export function tipNotes(prep: Prepare, tipId: string): TipNote[] {
  const rows = prep('SELECT id, tip_id, at, user, text FROM tip_notes WHERE tip_id = ? ORDER BY seq').all(
    tipId,
  ) as { id: string; tip_id: string; at: string; user: string; text: string }[];
  return rows.map((r) => ({ id: r.id, tipId: r.tip_id, at: r.at, user: r.user, text: r.text }));
}
