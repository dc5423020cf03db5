// Reading an embedded SQLite store table by table, in a stable order, for `yuqing store migrate`.
import type Database from 'better-sqlite3';

/** A table to copy and the order its rows are read in (stable, so an offset resumes exactly). */
export interface SourceTable {
  name: string;
  orderBy: string;
}

/** Everything a migration copies, parents before children. Sessions are not copied (users log in again). */
export const SOURCE_TABLES: readonly SourceTable[] = [
  { name: 'clusters', orderBy: 'rowid' },
  { name: 'articles', orderBy: 'seq' },
  { name: 'article_units', orderBy: 'article_id, round_id, unit_id' },
  { name: 'article_phases', orderBy: 'article_id, round_id' },
  { name: 'tips', orderBy: 'seq' },
  { name: 'tip_history', orderBy: 'tip_id, seq' },
  { name: 'notices', orderBy: 'rowid' },
  { name: 'outbox', orderBy: 'seq' },
  { name: 'exclusion_suggestions', orderBy: 'seq' },
  { name: 'evidence', orderBy: 'article_id' },
  { name: 'source_state', orderBy: 'source_id' },
  { name: 'http_validators', orderBy: 'url' },
  { name: 'users', orderBy: 'name' },
  { name: 'audit', orderBy: 'seq' },
  { name: 'saved_searches', orderBy: 'id' },
  { name: 'tip_notes', orderBy: 'seq' },
  // The rectification ledger and search rotation (step 9) and the story index (step 10): without them a
  // migrated store would lose its 问题清单, restart every search rotation and split the next repost of an old story.
  { name: 'problems', orderBy: 'round_id, id' },
  { name: 'problem_links', orderBy: 'round_id, problem_id, article_id' },
  { name: 'search_cursors', orderBy: 'source_id' },
  { name: 'story_bands', orderBy: 'band, seq' },
];

/** One row as read: column → value. */
export type Row = Record<string, unknown>;

/** Whether the database has the table (older schema versions lack some). */
export function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** Number of rows of a table. */
export function countRows(db: Database.Database, table: SourceTable): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table.name}`).get() as { n: number }).n;
}

/** A page of rows in the table's order. */
export function readRows(db: Database.Database, table: SourceTable, offset: number, limit: number): Row[] {
  return db
    .prepare(`SELECT * FROM ${table.name} ORDER BY ${table.orderBy} LIMIT ? OFFSET ?`)
    .all(limit, offset) as Row[];
}
