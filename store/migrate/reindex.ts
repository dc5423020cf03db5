// `yuqing store reindex` on SQLite: re-segment every article with the current dictionary; the FTS triggers
// rebuild the index rows as the token columns change.
import type Database from 'better-sqlite3';
import type { Segmenter } from '../../pipeline/types.js';
import { retokenize } from './target.js';

/** Re-segment every stored article in batches; returns how many were rewritten. */
export function reindexSqlite(
  db: Database.Database,
  segmenter: Segmenter,
  onProgress?: (done: number, total: number) => void,
  batchSize = 500,
): number {
  const total = (db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
  const read = db.prepare('SELECT seq, title, body FROM articles WHERE seq > ? ORDER BY seq LIMIT ?');
  const update = db.prepare(
    'UPDATE articles SET title_tokens = ?, body_tokens = ?, title_grams = ?, body_grams = ? WHERE seq = ?',
  );
  let last = 0;
  let done = 0;
  for (;;) {
    const rows = read.all(last, batchSize) as { seq: number; title: string; body: string }[];
    if (rows.length === 0) break;
    db.transaction(() => {
      for (const row of rows) {
        const t = retokenize(row, segmenter);
        update.run(
          t.title_tokens as string,
          t.body_tokens as string,
          t.title_grams as string,
          t.body_grams as string,
          row.seq,
        );
      }
    })();
    last = rows[rows.length - 1]?.seq ?? last;
    done += rows.length;
    onProgress?.(done, total);
  }
  return done;
}
