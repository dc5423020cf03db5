import type { Migration } from './schema.js';

// Placeholder until the step is written: append statements, and never edit it once released.
const SQL = `SELECT 1;`;

/** Schema step 4: tip workflow, history and suggestions (issue 5). */
export const MIGRATION_V4: Migration = {
  version: 4,
  description: 'tip workflow, history and suggestions (issue 5)',
  sql: SQL,
};
