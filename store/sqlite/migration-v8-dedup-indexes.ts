import type { Migration } from './schema.js';

// Why: the articles row stores the body and the token/gram text before cluster_id and simhash, so a duplicate
// lookup that reads those columns from the table walks the overflow pages of every candidate row (several kB
// each). Covering indexes let both lookups read index pages only: the content-hash index carries seq (for
// "earliest wins"), id and cluster_id; each band index carries the full SimHash (the rowid, seq, is in every
// index entry). They supersede the single-column indexes of step 1, which are dropped.
// Never edit this step once released: append a new one.
const SQL = `
CREATE INDEX articles_content_hash_cover ON articles(content_hash, seq, id, cluster_id);
CREATE INDEX articles_sh0_cover ON articles(sh0, simhash);
CREATE INDEX articles_sh1_cover ON articles(sh1, simhash);
CREATE INDEX articles_sh2_cover ON articles(sh2, simhash);
CREATE INDEX articles_sh3_cover ON articles(sh3, simhash);
CREATE INDEX articles_sh4_cover ON articles(sh4, simhash);
DROP INDEX IF EXISTS articles_content_hash;
DROP INDEX IF EXISTS articles_sh0;
DROP INDEX IF EXISTS articles_sh1;
DROP INDEX IF EXISTS articles_sh2;
DROP INDEX IF EXISTS articles_sh3;
DROP INDEX IF EXISTS articles_sh4;
`;

/** Schema step 8: covering indexes for the exact and near-duplicate lookups (issue 8, pipeline throughput). */
export const MIGRATION_V8: Migration = { version: 8, description: 'covering dedup indexes', sql: SQL };
