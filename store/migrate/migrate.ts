// `yuqing store migrate`: copy every table of an embedded store into another store, batch by batch, with a
// checkpoint file so an interrupted run resumes where it stopped.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { countRows, hasTable, readRows, SOURCE_TABLES } from './sqlite-source.js';
import type { MigrationTarget } from './target.js';

/** Rows copied per table so far. */
export type Checkpoint = Record<string, number>;

/** Progress of one batch, for the command's output. */
export interface MigrationProgress {
  table: string;
  copied: number;
  total: number;
}

/** What a migration run did. */
export interface MigrationSummary {
  tables: { table: string; copied: number; total: number }[];
  resumed: boolean;
}

/** Options of a migration run. */
export interface MigrationOptions {
  source: Database.Database;
  target: MigrationTarget;
  /** JSON file holding the checkpoint; deleted when the migration completes. */
  checkpointPath: string;
  batchSize?: number;
  onProgress?: (progress: MigrationProgress) => void;
  /** Test hook: stop (throwing) after this many batches, as an interruption would. */
  stopAfterBatches?: number;
}

function readCheckpoint(path: string): Checkpoint | undefined {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as Checkpoint;
}

/** Write the checkpoint atomically (temp file + rename), so a crash never leaves half a file. */
function saveCheckpoint(path: string, checkpoint: Checkpoint): void {
  writeFileSync(`${path}.tmp`, JSON.stringify(checkpoint));
  renameSync(`${path}.tmp`, path);
}

/** Copy every table, resuming from the checkpoint when one exists. */
export async function migrateStore(options: MigrationOptions): Promise<MigrationSummary> {
  const batch = Math.max(1, options.batchSize ?? 500);
  const previous = readCheckpoint(options.checkpointPath);
  const checkpoint: Checkpoint = { ...previous };
  const summary: MigrationSummary = { tables: [], resumed: previous !== undefined };
  let batches = 0;
  for (const table of SOURCE_TABLES) {
    if (!hasTable(options.source, table.name)) continue;
    const total = countRows(options.source, table);
    let copied = checkpoint[table.name] ?? 0;
    while (copied < total) {
      if (options.stopAfterBatches !== undefined && batches >= options.stopAfterBatches) {
        throw new Error(`migration stopped after ${batches} batches (test interruption)`);
      }
      const rows = readRows(options.source, table, copied, batch);
      if (rows.length === 0) break;
      await options.target.write(table.name, rows);
      copied += rows.length;
      batches += 1;
      checkpoint[table.name] = copied;
      saveCheckpoint(options.checkpointPath, checkpoint);
      options.onProgress?.({ table: table.name, copied, total });
    }
    summary.tables.push({ table: table.name, copied, total });
  }
  await options.target.finish();
  rmSync(options.checkpointPath, { force: true });
  return summary;
}
