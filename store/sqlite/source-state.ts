// Per-source crawl bookkeeping and source health.
import type { SourceDayCount, SourceHealthState, SourceRun, SourceState } from '../store.js';
import { type SourceStateRow, toSourceState } from './rows.js';
import type { Prepare } from './statements.js';

/** A row of `source_state` with the columns schema step 2 added. */
interface SourceHealthRow extends SourceStateRow {
  last_error_at: string | null;
  failing_since: string | null;
  empty_list_at: string | null;
}

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

/** The health state of one source, if it ever ran. */
export function getSourceHealthState(prep: Prepare, sourceId: string): SourceHealthState | undefined {
  const row = prep('SELECT * FROM source_state WHERE source_id = ?').get(sourceId) as
    | SourceHealthRow
    | undefined;
  return row && toHealthState(row);
}

/** Health states of every source that ever ran, by source id. */
export function listSourceHealthStates(prep: Prepare): SourceHealthState[] {
  return (prep('SELECT * FROM source_state ORDER BY source_id').all() as SourceHealthRow[]).map(
    toHealthState,
  );
}

// An empty list is remembered until a successful run; a run failing for another reason (unreachable) says
// nothing about the layout, so it keeps the earlier warning.
const SUCCESS = `
  INSERT INTO source_state (source_id, last_run_at, last_success_at, consecutive_failures, items_stored)
  VALUES (@sourceId, @at, @at, 0, @stored)
  ON CONFLICT (source_id) DO UPDATE SET last_run_at = @at, last_success_at = @at, last_error = NULL,
    consecutive_failures = 0, items_stored = items_stored + @stored, failing_since = NULL,
    empty_list_at = CASE WHEN @emptyList THEN @at ELSE NULL END`;

const FAILURE = `
  INSERT INTO source_state (source_id, last_run_at, last_error, last_error_at, consecutive_failures,
    items_stored, failing_since, empty_list_at)
  VALUES (@sourceId, @at, @error, @at, 1, @stored, @at, CASE WHEN @emptyList THEN @at END)
  ON CONFLICT (source_id) DO UPDATE SET last_run_at = @at, last_error = @error, last_error_at = @at,
    consecutive_failures = consecutive_failures + 1, items_stored = items_stored + @stored,
    failing_since = coalesce(failing_since, @at),
    empty_list_at = CASE WHEN @emptyList THEN @at ELSE empty_list_at END`;

/**
 * A success clears lastError, the failure streak and (unless the list was empty again) the layout warning;
 * items stored count on failed runs too.
 */
export function recordSourceRun(prep: Prepare, run: SourceRun): void {
  const stored = Math.max(0, Math.floor(Number.isFinite(run.stored) ? run.stored : 0));
  const emptyList = run.emptyList ? 1 : 0;
  if (run.ok) prep(SUCCESS).run({ sourceId: run.sourceId, at: run.at, stored, emptyList });
  else {
    const error = run.error ?? '未知错误';
    prep(FAILURE).run({ sourceId: run.sourceId, at: run.at, stored, error, emptyList });
  }
}

/** Stored items per source and local day since `since`; `stored_at` is UTC ISO text, so it sorts as text. */
export function countStoredBySourceDay(
  prep: Prepare,
  since: string,
  utcOffsetMinutes: number,
): SourceDayCount[] {
  const offset = `${utcOffsetMinutes >= 0 ? '+' : '-'}${Math.abs(Math.trunc(utcOffsetMinutes))} minutes`;
  return prep(
    `SELECT source_id AS sourceId, date(stored_at, @offset) AS day, count(*) AS count FROM articles
     WHERE stored_at >= @since GROUP BY source_id, day ORDER BY source_id, day`,
  ).all({ since, offset }) as SourceDayCount[];
}

function toHealthState(row: SourceHealthRow): SourceHealthState {
  return {
    ...toSourceState(row),
    ...(row.last_error_at === null ? {} : { lastErrorAt: row.last_error_at }),
    ...(row.failing_since === null ? {} : { failingSince: row.failing_since }),
    ...(row.empty_list_at === null ? {} : { emptyListAt: row.empty_list_at }),
  };
}
