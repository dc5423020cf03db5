import type Database from 'better-sqlite3';
import { type Level, levelRank } from '../../core/types.js';
import { bestStoryMatch, storyBands, storyShingles } from '../../pipeline/story-shingles.js';
import type { Migration } from './schema.js';
import { statementCache } from './statements.js';
import { insertStoryBands, storyCandidates } from './story-index.js';

// Why: stories were grouped by a whole-text SimHash, which splits reposts with a lead-in, 编者按, trailer or
// truncation (issue 19). story_bands holds the LSH band keys of each item's MinHash so the near-duplicate
// lookup is an index probe; WITHOUT ROWID keeps (band, seq) as the table's own B-tree.
// Never edit this step once released: append a new one.
const SQL = `
CREATE TABLE story_bands (
  band INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (band, seq)
) WITHOUT ROWID;
`;

const BATCH = 500;

/**
 * Index every stored item and re-cluster by containment, oldest first: an item of the same story as an earlier
 * one in another cluster brings its whole cluster into the earlier one. Tips move with it, except a tip whose
 * (round, unit) the earlier story already has: that one stays on the old cluster row, which is kept for it.
 * Returns how many clusters were merged.
 */
export function reclusterByContainment(db: Database.Database): number {
  const prep = statementCache(db);
  let merged = 0;
  let after = -1;
  for (;;) {
    const rows = prep('SELECT seq, cluster_id, body FROM articles WHERE seq > ? ORDER BY seq LIMIT ?').all(
      after,
      BATCH,
    ) as { seq: number; cluster_id: string; body: string }[];
    if (rows.length === 0) break;
    for (const row of rows) {
      after = row.seq;
      const bands = storyBands(row.body);
      const match = bestStoryMatch(storyShingles(row.body), storyCandidates(prep, bands));
      const current = (
        prep('SELECT cluster_id FROM articles WHERE seq = ?').get(row.seq) as { cluster_id: string }
      ).cluster_id;
      if (match && match.clusterId !== current) {
        mergeCluster(db, current, match.clusterId);
        merged++;
      }
      insertStoryBands(prep, row.seq, bands);
    }
  }
  return merged;
}

/** Move the items (and the tips that do not collide) of cluster `from` into `into`; sizes and levels follow. */
function mergeCluster(db: Database.Database, from: string, into: string): void {
  db.prepare('UPDATE articles SET cluster_id = ? WHERE cluster_id = ?').run(into, from);
  db.prepare('UPDATE OR IGNORE tips SET cluster_id = ? WHERE cluster_id = ?').run(into, from);
  const top = db
    .prepare('SELECT count(*) AS n, max(level_rank) AS rank FROM articles WHERE cluster_id = ?')
    .get(into) as { n: number; rank: number };
  const level = db
    .prepare('SELECT level FROM articles WHERE cluster_id = ? AND level_rank = ? LIMIT 1')
    .get(into, top.rank) as { level: Level } | undefined;
  db.prepare('UPDATE clusters SET size = ?, level = ?, level_rank = ? WHERE id = ?').run(
    top.n,
    level?.level ?? 'green',
    level ? levelRank(level.level) : 0,
    into,
  );
  if (db.prepare('SELECT 1 FROM tips WHERE cluster_id = ? LIMIT 1').get(from)) {
    db.prepare('UPDATE clusters SET size = 0 WHERE id = ?').run(from);
  } else {
    db.prepare('DELETE FROM clusters WHERE id = ?').run(from);
  }
}

/** Schema step 10: the story band index, and existing items re-clustered by containment (issue 19). */
export const MIGRATION_V10: Migration = {
  version: 10,
  description: 'story band index, re-clustered by containment',
  sql: SQL,
  run: (db) => {
    reclusterByContainment(db);
  },
};
