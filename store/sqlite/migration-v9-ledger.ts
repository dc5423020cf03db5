import type { Migration } from './schema.js';

// search_cursors keeps each search source's rotation (next query, when each unit was last searched) as JSON.
// Problems are keyed by (round, id): 问题编号 are only unique within a round. Links are keyed by problem and
// article so matching the same item again (a re-crawl) does not add a second link; time_ms orders a problem's
// items by publish time (else link time). Never edit this step once released: append a new one.
const SQL = `
CREATE TABLE problems (
  round_id TEXT NOT NULL,
  id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  category TEXT,
  terms TEXT NOT NULL,
  raised_on TEXT,
  deadline TEXT,
  status TEXT NOT NULL,
  team TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (round_id, id)
);
CREATE INDEX problems_unit ON problems(round_id, unit_id);

CREATE TABLE problem_links (
  round_id TEXT NOT NULL,
  problem_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  article_id TEXT NOT NULL,
  cluster_id TEXT NOT NULL,
  title TEXT NOT NULL,
  url TEXT NOT NULL,
  published_at TEXT,
  time_ms INTEGER NOT NULL,
  linked_at TEXT NOT NULL,
  recurrence INTEGER NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (round_id, problem_id, article_id)
);
CREATE INDEX problem_links_story ON problem_links(round_id, unit_id, cluster_id);

CREATE TABLE search_cursors (
  source_id TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`;

/** Schema step 9: the rectification ledger (问题清单), its links to items, and search cursors (issue 20). */
export const MIGRATION_V9: Migration = {
  version: 9,
  description: 'rectification ledger and search cursors',
  sql: SQL,
};
