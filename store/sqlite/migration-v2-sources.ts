import type { Migration } from './schema.js';

// Why some choices:
// - evidence rows hold the SHA-256 recorded at save time, so `--verify` compares the files against a value
//   kept apart from them (a tampered meta.json next to a tampered response cannot pass).
// - evidence.article_id cascades with its article: an item purged from the store takes its record along.
// - failing_since is the start of the current failure streak; it keys the one admin notice of a streak.
// - empty_list_at is the last run whose list page or feed gave no items (likely layout change).
// - articles_stored_at serves the per-source items-per-day counts (stored_at is always UTC ISO text).
// - http_validators keeps ETag / Last-Modified per URL for conditional GET of list pages and feeds.
// Released once: append statements in a later step, never edit these.
const SQL = `
CREATE TABLE evidence (
  article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  status INTEGER NOT NULL,
  final_url TEXT NOT NULL,
  fetched_at TEXT NOT NULL,
  path TEXT NOT NULL,
  screenshot_sha256 TEXT,
  screenshot_size INTEGER,
  saved_at TEXT NOT NULL
) WITHOUT ROWID;

ALTER TABLE source_state ADD COLUMN last_error_at TEXT;
ALTER TABLE source_state ADD COLUMN failing_since TEXT;
ALTER TABLE source_state ADD COLUMN empty_list_at TEXT;

CREATE INDEX articles_stored_at ON articles(stored_at);

CREATE TABLE http_validators (
  url TEXT PRIMARY KEY,
  etag TEXT,
  last_modified TEXT,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;
`;

/** Schema step 2: evidence and source health (issue 3). */
export const MIGRATION_V2: Migration = {
  version: 2,
  description: 'evidence and source health (issue 3)',
  sql: SQL,
};
