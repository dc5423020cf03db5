import type { Migration } from './schema.js';

// Why some choices:
// - The workflow fields live on `tips` (one row per tip, read by every list); due_ms is epoch ms because ISO
//   strings with different offsets do not sort as text.
// - tip_history is append-only: triggers refuse UPDATE and DELETE, so a change is never overwritten.
// - Accepted suggestions are the exclusions; one pending or accepted row per (round, unit, phrase).
// Never edit this step once released: append a new one.
const SQL = `
ALTER TABLE tips ADD COLUMN assignee TEXT;
ALTER TABLE tips ADD COLUMN due_at TEXT;
ALTER TABLE tips ADD COLUMN due_ms INTEGER;
ALTER TABLE tips ADD COLUMN result TEXT;
ALTER TABLE tips ADD COLUMN dismiss_reason TEXT;
ALTER TABLE tips ADD COLUMN updated_at TEXT;
CREATE INDEX tips_due ON tips(status, due_ms);
CREATE INDEX tips_round_created ON tips(round_id, created_ms);

CREATE TABLE tip_history (
  tip_id TEXT NOT NULL REFERENCES tips(id),
  seq INTEGER NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  note TEXT,
  details TEXT,
  PRIMARY KEY (tip_id, seq)
) WITHOUT ROWID;
CREATE TRIGGER tip_history_no_update BEFORE UPDATE ON tip_history
BEGIN
  SELECT RAISE(ABORT, 'tip_history is append-only');
END;
CREATE TRIGGER tip_history_no_delete BEFORE DELETE ON tip_history
BEGIN
  SELECT RAISE(ABORT, 'tip_history is append-only');
END;

CREATE TABLE exclusion_suggestions (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  round_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  phrase TEXT NOT NULL,
  tip_id TEXT NOT NULL REFERENCES tips(id),
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  decided_at TEXT,
  decided_by TEXT
);
CREATE UNIQUE INDEX exclusion_suggestions_open ON exclusion_suggestions(round_id, unit_id, phrase)
  WHERE status IN ('pending', 'accepted');
CREATE INDEX exclusion_suggestions_status ON exclusion_suggestions(status);
`;

/** Schema step 4: tip workflow, history and suggestions (issue 5). */
export const MIGRATION_V4: Migration = {
  version: 4,
  description: 'tip workflow, history and suggestions (issue 5)',
  sql: SQL,
};
