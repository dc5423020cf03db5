import type Database from 'better-sqlite3';
import { StoreError } from '../../core/errors.js';
import type { Logger } from '../../core/log.js';
import { MIGRATION_V2 } from './migration-v2-sources.js';
import { MIGRATION_V3 } from './migration-v3-alerts.js';
import { MIGRATION_V4 } from './migration-v4-tip-workflow.js';
import { MIGRATION_V5 } from './migration-v5-console.js';
import { MIGRATION_V6 } from './migration-v6-threads.js';
import { MIGRATION_V7 } from './migration-v7-claims.js';
import { MIGRATION_V8 } from './migration-v8-dedup-indexes.js';
import { MIGRATION_V9 } from './migration-v9-ledger.js';
import { MIGRATION_V10 } from './migration-v10-story-bands.js';
import { MIGRATION_V11 } from './migration-v11-login-failures.js';

/** One schema step; `version` is the `PRAGMA user_version` the database has after it runs. */
export interface Migration {
  version: number;
  description: string;
  sql: string;
  /** Data work after `sql`, in the same transaction (e.g. re-deriving stored values). */
  run?: (db: Database.Database) => void;
}

// Why some choices:
// - articles has an INTEGER `seq` rowid so the external-content FTS table keeps stable rowids (VACUUM may
//   renumber the implicit rowid of a table keyed by TEXT).
// - time_ms = coalesce(published, fetched) as UTC epoch ms: ISO strings with different offsets do not sort
//   as text.
// - sh0..sh4 are the 13/13/13/13/12-bit bands of the SimHash: two hashes within 4 bits share a band (pigeonhole).
// - articles.cluster_id and clusters.first_article_id reference each other, hence the deferred key.
// - unicode61 splits on spaces and punctuation only, so each space-separated jieba token is one FTS token.
// - title_grams/body_grams hold searchGrams() of title and body (CJK bigrams) for substring search; they are
//   the last columns so that reads selecting the other columns never load them.
const V1 = `
CREATE TABLE clusters (
  id TEXT PRIMARY KEY,
  first_article_id TEXT NOT NULL,
  size INTEGER NOT NULL,
  level TEXT NOT NULL,
  level_rank INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE articles (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  url TEXT NOT NULL UNIQUE,
  source_id TEXT NOT NULL,
  source_name TEXT NOT NULL,
  source_type TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  published_at TEXT,
  fetched_at TEXT NOT NULL,
  author TEXT,
  time_ms INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  simhash TEXT NOT NULL,
  sh0 INTEGER NOT NULL,
  sh1 INTEGER NOT NULL,
  sh2 INTEGER NOT NULL,
  sh3 INTEGER NOT NULL,
  sh4 INTEGER NOT NULL,
  title_tokens TEXT NOT NULL,
  body_tokens TEXT NOT NULL,
  assessments TEXT NOT NULL,
  score REAL NOT NULL,
  level TEXT NOT NULL,
  level_rank INTEGER NOT NULL,
  cluster_id TEXT NOT NULL REFERENCES clusters(id) DEFERRABLE INITIALLY DEFERRED,
  stored_at TEXT NOT NULL,
  title_grams TEXT NOT NULL,
  body_grams TEXT NOT NULL
);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_sh0 ON articles(sh0);
CREATE INDEX articles_sh1 ON articles(sh1);
CREATE INDEX articles_sh2 ON articles(sh2);
CREATE INDEX articles_sh3 ON articles(sh3);
CREATE INDEX articles_sh4 ON articles(sh4);
CREATE INDEX articles_time ON articles(time_ms);
CREATE INDEX articles_score ON articles(score, time_ms);
CREATE INDEX articles_cluster ON articles(cluster_id, seq);
CREATE INDEX articles_source ON articles(source_id);

CREATE TABLE article_units (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  round_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  PRIMARY KEY (article_id, round_id, unit_id)
) WITHOUT ROWID;
CREATE INDEX article_units_round_unit ON article_units(round_id, unit_id);
CREATE INDEX article_units_unit ON article_units(unit_id);

CREATE TABLE article_phases (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  round_id TEXT NOT NULL,
  phase TEXT NOT NULL,
  PRIMARY KEY (article_id, round_id)
) WITHOUT ROWID;
CREATE INDEX article_phases_phase ON article_phases(phase, round_id);

CREATE VIRTUAL TABLE articles_fts USING fts5(
  title_tokens, body_tokens, title_grams, body_grams, content='articles', content_rowid='seq', tokenize='unicode61'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title_tokens, body_tokens, title_grams, body_grams)
    VALUES (new.seq, new.title_tokens, new.body_tokens, new.title_grams, new.body_grams);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title_tokens, body_tokens, title_grams, body_grams)
    VALUES ('delete', old.seq, old.title_tokens, old.body_tokens, old.title_grams, old.body_grams);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title_tokens, body_tokens, title_grams, body_grams ON articles
BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title_tokens, body_tokens, title_grams, body_grams)
    VALUES ('delete', old.seq, old.title_tokens, old.body_tokens, old.title_grams, old.body_grams);
  INSERT INTO articles_fts(rowid, title_tokens, body_tokens, title_grams, body_grams)
    VALUES (new.seq, new.title_tokens, new.body_tokens, new.title_grams, new.body_grams);
END;

CREATE TABLE tips (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  round_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  unit_name TEXT NOT NULL,
  team TEXT,
  cluster_id TEXT NOT NULL REFERENCES clusters(id),
  article_id TEXT NOT NULL REFERENCES articles(id),
  title TEXT NOT NULL,
  url TEXT NOT NULL,
  source_name TEXT NOT NULL,
  published_at TEXT,
  level TEXT NOT NULL,
  level_rank INTEGER NOT NULL,
  score REAL NOT NULL,
  phase TEXT,
  parts TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  UNIQUE (round_id, cluster_id, unit_id)
);
CREATE INDEX tips_created ON tips(created_ms);
CREATE INDEX tips_unit ON tips(unit_id, round_id);
CREATE INDEX tips_status ON tips(status);

CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  tip_id TEXT NOT NULL REFERENCES tips(id),
  channel TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  next_attempt_ms INTEGER NOT NULL,
  last_error TEXT,
  sent_at TEXT,
  created_at TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  UNIQUE (tip_id, channel)
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_ms);
CREATE INDEX outbox_created ON outbox(created_ms);

CREATE TABLE source_state (
  source_id TEXT PRIMARY KEY,
  last_run_at TEXT,
  last_success_at TEXT,
  last_error TEXT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  items_stored INTEGER NOT NULL DEFAULT 0
);
`;

/** Every schema step in order; append new steps, never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, description: 'initial schema', sql: V1 },
  MIGRATION_V2,
  MIGRATION_V3,
  MIGRATION_V4,
  MIGRATION_V5,
  MIGRATION_V6,
  MIGRATION_V7,
  MIGRATION_V8,
  MIGRATION_V9,
  MIGRATION_V10,
  MIGRATION_V11,
];

/** The schema version this code expects. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/**
 * Bring the database to SCHEMA_VERSION, each step in its own transaction. Throws StoreError E_STORE_VERSION
 * when the file was written by a newer version of this program.
 */
export function migrate(
  db: Database.Database,
  logger: Logger,
  migrations: readonly Migration[] = MIGRATIONS,
): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (current > latest) {
    throw new StoreError(
      'E_STORE_VERSION',
      `database schema version ${current} is newer than this program supports (${latest})`,
    );
  }
  for (const step of migrations) {
    if (step.version <= current) continue;
    // IMMEDIATE takes the write lock first, and the version is read again under it: two processes opening a
    // new file at once (several instances on one store) would otherwise both run the same step.
    const applied = db
      .transaction(() => {
        if ((db.pragma('user_version', { simple: true }) as number) >= step.version) return false;
        db.exec(step.sql);
        step.run?.(db);
        db.pragma(`user_version = ${step.version}`);
        return true;
      })
      .immediate();
    if (applied)
      logger.info({ version: step.version, description: step.description }, 'store schema migrated');
  }
}
