import type { Migration } from './schema.js';

// Why: the login throttle forgot every failure on restart (issue 23). One row per (attempt, key) so one attempt
// counts under its user, its address and the global key; (key, at_ms) answers "how many since" by index.
// Never edit this step once released: append a new one.
const SQL = `
CREATE TABLE login_failures (
  id TEXT NOT NULL,
  key TEXT NOT NULL,
  at TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  PRIMARY KEY (id, key)
) WITHOUT ROWID;
CREATE INDEX login_failures_key_time ON login_failures(key, at_ms);
CREATE INDEX login_failures_time ON login_failures(at_ms);
`;

/** Schema step 11: failed logins for the persistent login throttle. */
export const MIGRATION_V11: Migration = {
  version: 11,
  description: 'failed logins for the login throttle',
  sql: SQL,
};
