// Per-source crawl bookkeeping.
import type { SourceRun, SourceState } from '../store.js';
import { type SourceStateRow, toSourceState } from './rows.js';
import type { Prepare } from './statements.js';

/** The state of one source, if it ever ran. */
export function getSourceState(prep: Prepare, sourceId: string): SourceState | undefined {
  const row = prep('SELECT * FROM source_state WHERE source_id = ?').get(sourceId) as
    | SourceStateRow
    | undefined;
  return row && toSourceState(row);
}

/** All source states, by source id. */
export function listSourceStates(prep: Prepare): SourceState[] {
  return (prep('SELECT * FROM source_state ORDER BY source_id').all() as SourceStateRow[]).map(toSourceState);
}

const SUCCESS = `
  INSERT INTO source_state (source_id, last_run_at, last_success_at, consecutive_failures, items_stored)
  VALUES (@sourceId, @at, @at, 0, @stored)
  ON CONFLICT (source_id) DO UPDATE SET last_run_at = @at, last_success_at = @at, last_error = NULL,
    consecutive_failures = 0, items_stored = items_stored + @stored`;

const FAILURE = `
  INSERT INTO source_state (source_id, last_run_at, last_error, consecutive_failures, items_stored)
  VALUES (@sourceId, @at, @error, 1, @stored)
  ON CONFLICT (source_id) DO UPDATE SET last_run_at = @at, last_error = @error,
    consecutive_failures = consecutive_failures + 1, items_stored = items_stored + @stored`;

/** A success clears lastError and the failure streak; items stored count on failed runs too. */
export function recordSourceRun(prep: Prepare, run: SourceRun): void {
  const stored = Math.max(0, Math.floor(Number.isFinite(run.stored) ? run.stored : 0));
  if (run.ok) prep(SUCCESS).run({ sourceId: run.sourceId, at: run.at, stored });
  else prep(FAILURE).run({ sourceId: run.sourceId, at: run.at, stored, error: run.error ?? '未知错误' });
}
