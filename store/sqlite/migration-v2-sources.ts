import type { Migration } from './schema.js';

// Placeholder until the step is written: append statements, and never edit it once released.
const SQL = `SELECT 1;`;

/** Schema step 2: evidence and source health (issue 3). */
export const MIGRATION_V2: Migration = {
  version: 2,
  description: 'evidence and source health (issue 3)',
  sql: SQL,
};
