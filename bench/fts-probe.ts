import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ProcessedArticle } from '../core/types.js';
import { searchGrams } from '../store/search-grams.js';
import { nowMs } from './timing.js';

/** Times the full-text index alone: what every stored article costs the store at the least. */
export interface FtsProbe {
  /** Index `articles` (one transaction each, as ingest commits them); returns the ms spent. */
  index(articles: readonly ProcessedArticle[]): number;
  close(): void;
}

/**
 * A scratch SQLite file (WAL, synchronous=NORMAL like the store) holding only a contentless FTS5 table with the
 * store's four indexed columns and tokenizer. Inserting an article's token and gram text into it is exactly the
 * index work of the store's articles_fts trigger, without the article row, the other indexes, units or tips.
 * The grams are computed before the clock starts: only SQLite's work is timed.
 */
export function openFtsProbe(): FtsProbe {
  const dir = mkdtempSync(join(tmpdir(), 'yuqing-fts-probe-'));
  const db = new Database(join(dir, 'fts.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE VIRTUAL TABLE fts USING fts5(
    title_tokens, body_tokens, title_grams, body_grams, content='', tokenize='unicode61')`);
  const insert = db.prepare(
    'INSERT INTO fts (rowid, title_tokens, body_tokens, title_grams, body_grams) VALUES (?, ?, ?, ?, ?)',
  );
  const insertOne = db.transaction((rowid: number, a: ProcessedArticle, grams: readonly [string, string]) => {
    insert.run(rowid, a.titleTokens, a.bodyTokens, grams[0], grams[1]);
  });
  let rowid = 0;
  return {
    index(articles) {
      const grams = articles.map((a) => [searchGrams(a.title), searchGrams(a.body)] as const);
      const start = nowMs();
      for (const [i, a] of articles.entries()) insertOne.immediate(++rowid, a, grams[i] ?? ['', '']);
      return nowMs() - start;
    },
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
