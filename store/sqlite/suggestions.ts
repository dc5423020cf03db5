// Exclusion suggestions from 误报 dismissals; the accepted ones are the rounds' learned exclusions.
import { createHash } from 'node:crypto';
import { StoreError } from '../../core/errors.js';
import type { Tip } from '../../core/types.js';
import type { ExclusionSuggestion, SuggestionDecision, SuggestionStatus } from '../store.js';
import type { Prepare } from './statements.js';

interface SuggestionRow {
  id: string;
  round_id: string;
  unit_id: string;
  phrase: string;
  tip_id: string;
  status: string;
  created_at: string;
  created_by: string;
  decided_at: string | null;
  decided_by: string | null;
}

function toSuggestion(row: SuggestionRow): ExclusionSuggestion {
  return {
    id: row.id,
    roundId: row.round_id,
    unitId: row.unit_id,
    phrase: row.phrase,
    tipId: row.tip_id,
    status: row.status as SuggestionStatus,
    createdAt: row.created_at,
    createdBy: row.created_by,
    ...(row.decided_at !== null && { decidedAt: row.decided_at }),
    ...(row.decided_by !== null && { decidedBy: row.decided_by }),
  };
}

/** Short id people can type: 10 hex digits of the hash of round, unit, phrase and time. */
function suggestionId(tip: Tip, phrase: string, at: string): string {
  return createHash('sha256')
    .update(`${tip.roundId}\u0000${tip.unitId}\u0000${phrase}\u0000${at}`)
    .digest('hex')
    .slice(0, 10);
}

/**
 * Record a pending suggestion unless the same (round, unit, phrase) is already pending or accepted; returns
 * the id of the new or existing suggestion.
 */
export function insertSuggestion(
  prep: Prepare,
  input: { tip: Tip; phrase: string; at: string; by: string },
): string {
  const { tip, phrase, at, by } = input;
  const existing = prep(
    `SELECT id FROM exclusion_suggestions WHERE round_id = ? AND unit_id = ? AND phrase = ?
       AND status IN ('pending', 'accepted')`,
  ).get(tip.roundId, tip.unitId, phrase) as { id: string } | undefined;
  if (existing) return existing.id;
  const id = suggestionId(tip, phrase, at);
  prep(
    `INSERT INTO exclusion_suggestions (id, round_id, unit_id, phrase, tip_id, status, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)`,
  ).run(id, tip.roundId, tip.unitId, phrase, tip.id, at, by);
  return id;
}

/** Suggestions with the status (all when absent), newest first. */
export function listSuggestions(prep: Prepare, status?: SuggestionStatus): ExclusionSuggestion[] {
  const rows = (
    status === undefined
      ? prep('SELECT * FROM exclusion_suggestions ORDER BY seq DESC').all()
      : prep('SELECT * FROM exclusion_suggestions WHERE status = ? ORDER BY seq DESC').all(status)
  ) as SuggestionRow[];
  return rows.map(toSuggestion);
}

/** Accept or reject a pending suggestion. */
export function decideSuggestion(
  prep: Prepare,
  id: string,
  decision: SuggestionDecision,
): ExclusionSuggestion {
  const row = prep('SELECT * FROM exclusion_suggestions WHERE id = ?').get(id) as SuggestionRow | undefined;
  if (!row) throw new StoreError('E_STORE_NOT_FOUND', `decideSuggestion: no suggestion ${id}`);
  if (row.status !== 'pending') {
    throw new StoreError('E_STORE_CONFLICT', `suggestion ${id} is already ${row.status}`);
  }
  prep('UPDATE exclusion_suggestions SET status = ?, decided_at = ?, decided_by = ? WHERE id = ?').run(
    decision.status,
    decision.at,
    decision.by,
    id,
  );
  return toSuggestion({ ...row, status: decision.status, decided_at: decision.at, decided_by: decision.by });
}
