import type { Migration } from './schema.js';

// Why: a forum reply is stored as its own item and keeps the URL of its thread (`parent_url`), so the thread's
// story can count its replies in its spread. `outbox.realert` marks an alert sent again at the same level after a
// route's `realert` wait; the (tip_id, channel, created_ms) index finds the last alert of a tip on a channel.
// Never edit this step once released: append a new one.
const SQL = `
ALTER TABLE articles ADD COLUMN parent_url TEXT;
CREATE INDEX articles_parent_url ON articles(parent_url) WHERE parent_url IS NOT NULL;
ALTER TABLE outbox ADD COLUMN realert INTEGER NOT NULL DEFAULT 0;
CREATE INDEX outbox_tip_channel ON outbox(tip_id, channel, created_ms);
`;

/** Schema step 6: forum replies linked to their thread, and alert re-sends (issue 5). */
export const MIGRATION_V6: Migration = { version: 6, description: 'thread links and realert', sql: SQL };
