import type { Migration } from './schema.js';

// Why the outbox is rebuilt: a row may now be a notice (no tip), and one tip may be alerted again when its
// story's level rises, so UNIQUE(tip_id, channel) gives way to UNIQUE(dedup_key, channel). Tip rows keep their
// ids and get the dedup key `tip:<tipId>:<level>` (one alert per tip, level and channel).
// `merged_into` names the alert whose message carried this one when a burst to a robot was merged.
const SQL = `
CREATE TABLE notices (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE outbox_v3 (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL DEFAULT 'tip',
  tip_id TEXT REFERENCES tips(id),
  notice_id TEXT REFERENCES notices(id),
  level TEXT,
  upgrade INTEGER NOT NULL DEFAULT 0,
  dedup_key TEXT NOT NULL,
  channel TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  next_attempt_ms INTEGER NOT NULL,
  last_error TEXT,
  sent_at TEXT,
  merged_into TEXT,
  created_at TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  UNIQUE (dedup_key, channel),
  CHECK ((kind = 'tip' AND tip_id IS NOT NULL) OR (kind = 'notice' AND notice_id IS NOT NULL))
);

INSERT INTO outbox_v3 (seq, id, kind, tip_id, level, upgrade, dedup_key, channel, status, attempts,
  next_attempt_at, next_attempt_ms, last_error, sent_at, created_at, created_ms)
SELECT o.seq, o.id, 'tip', o.tip_id, t.level, 0, 'tip:' || o.tip_id || ':' || t.level, o.channel, o.status,
  o.attempts, o.next_attempt_at, o.next_attempt_ms, o.last_error, o.sent_at, o.created_at, o.created_ms
FROM outbox o JOIN tips t ON t.id = o.tip_id;

DROP TABLE outbox;
ALTER TABLE outbox_v3 RENAME TO outbox;
CREATE INDEX outbox_due ON outbox(status, next_attempt_ms);
CREATE INDEX outbox_created ON outbox(created_ms);
CREATE INDEX outbox_tip ON outbox(tip_id);
`;

/** Schema step 3: cluster alerts, escalation and delivery (issue 5). */
export const MIGRATION_V3: Migration = {
  version: 3,
  description: 'cluster alerts, escalation and delivery (issue 5)',
  sql: SQL,
};
