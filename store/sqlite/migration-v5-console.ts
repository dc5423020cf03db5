import type { Migration } from './schema.js';

// Why some choices:
// - sessions keep only the SHA-256 of the random id: a copy of the database does not log anyone in.
// - audit is append-only: triggers refuse UPDATE and DELETE, so nobody (admins included) edits the record.
// - tips_cluster lets search filter by "the story has a tip in status X" without scanning tips.
// Never edit this step once released: append a new one.
const SQL = `
CREATE TABLE users (
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL,
  rounds TEXT NOT NULL,
  units TEXT NOT NULL,
  team TEXT,
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  must_change INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT,
  last_login_at TEXT
) WITHOUT ROWID;

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user TEXT NOT NULL REFERENCES users(name),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  expires_ms INTEGER NOT NULL,
  ip TEXT
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(user);

CREATE TABLE audit (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  user TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT,
  detail TEXT,
  ip TEXT
);
CREATE INDEX audit_at ON audit(at_ms);
CREATE INDEX audit_user ON audit(user, at_ms);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
  SELECT RAISE(ABORT, 'audit is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
  SELECT RAISE(ABORT, 'audit is append-only');
END;

CREATE TABLE saved_searches (
  id TEXT PRIMARY KEY,
  user TEXT NOT NULL,
  name TEXT NOT NULL,
  params TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (user, name)
) WITHOUT ROWID;

CREATE TABLE tip_notes (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  tip_id TEXT NOT NULL REFERENCES tips(id),
  at TEXT NOT NULL,
  user TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX tip_notes_tip ON tip_notes(tip_id, seq);

CREATE INDEX tips_cluster ON tips(cluster_id, status);
`;

/** Schema step 5: console accounts, sessions, audit log, saved searches and tip notes (issue 6). */
export const MIGRATION_V5: Migration = {
  version: 5,
  description: 'console accounts, sessions, audit, saved searches, tip notes (issue 6)',
  sql: SQL,
};
