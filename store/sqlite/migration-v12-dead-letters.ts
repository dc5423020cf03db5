import type { Migration } from './schema.js';

// Why: an admin needs to mark a dead alert handled (told by phone, channel fixed) without losing the record
// (issue 21); a handled dead letter stays dead but leaves the unhandled count. Never edit this step once
// released: append a new one.
const SQL = `
ALTER TABLE outbox ADD COLUMN handled_at TEXT;
ALTER TABLE outbox ADD COLUMN handled_by TEXT;
`;

/** Schema step 12: dead alerts an admin marked handled. */
export const MIGRATION_V12: Migration = {
  version: 12,
  description: 'handled mark of dead alerts',
  sql: SQL,
};
