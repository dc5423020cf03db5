// Where `yuqing store migrate` writes: another SQLite file or an Elasticsearch cluster. Writes are idempotent
// (insert-or-ignore by primary key, index by derived id), so a resumed migration may repeat a batch safely.
import type Database from 'better-sqlite3';
import type { Segmenter } from '../../pipeline/types.js';
import { searchGrams } from '../search-grams.js';
import type { Row } from './sqlite-source.js';

/** A store being filled from SQLite rows. */
export interface MigrationTarget {
  /** Write one batch of a table's rows. */
  write(table: string, rows: readonly Row[]): Promise<void>;
  /** After the last table: counters, refresh. */
  finish(): Promise<void>;
}

/** An article row with its search tokens made again with the target's dictionary. */
export function retokenize(row: Row, segmenter: Segmenter): Row {
  const title = String(row.title ?? '');
  const body = String(row.body ?? '');
  return {
    ...row,
    title_tokens: segmenter.cutForSearch(title).join(' '),
    body_tokens: segmenter.cutForSearch(body).join(' '),
    title_grams: searchGrams(title),
    body_grams: searchGrams(body),
  };
}

/**
 * A SQLite target (an initialized SqliteStore's database): rows are inserted as they are, columns the target
 * does not have are dropped, article tokens are re-segmented; insertion order keeps the source's order.
 */
export function sqliteTarget(db: Database.Database, segmenter: Segmenter): MigrationTarget {
  const columns = new Map<string, Set<string>>();
  const columnsOf = (table: string) => {
    let set = columns.get(table);
    if (!set) {
      set = new Set(
        (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name),
      );
      columns.set(table, set);
    }
    return set;
  };
  return {
    async write(table, rows) {
      const known = columnsOf(table);
      if (known.size === 0) return;
      const insertAll = db.transaction((batch: readonly Row[]) => {
        for (const raw of batch) {
          const row = table === 'articles' ? retokenize(raw, segmenter) : raw;
          // seq is copied too: it is the FTS rowid, the insertion order and the audit number.
          const keep = Object.keys(row).filter((c) => known.has(c));
          const sql = `INSERT OR IGNORE INTO ${table} (${keep.join(', ')}) VALUES (${keep.map(() => '?').join(', ')})`;
          db.prepare(sql).run(...keep.map((c) => row[c] as never));
        }
      });
      insertAll(rows);
    },
    async finish() {},
  };
}
