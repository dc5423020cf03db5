import type { Migration } from './schema.js';

// Placeholder until the step is written: append statements, and never edit it once released.
const SQL = `SELECT 1;`;

/** Schema step 3: cluster alerts, escalation and delivery (issue 5). */
export const MIGRATION_V3: Migration = {
  version: 3,
  description: 'cluster alerts, escalation and delivery (issue 5)',
  sql: SQL,
};
