// Domain types shared by the stages: crawlers → pipeline → store → alerts → console.

// The labels live in labels.ts (bundled by the SPA too); re-exported for the server's existing imports.
export { DISMISS_REASON_LABELS, LEVEL_LABELS, PHASE_LABELS, TIP_STATUS_LABELS } from './labels.js';

/** Risk level; the UI shows 红/橙/黄/绿. Ordered from most to least severe. */
export type Level = 'red' | 'orange' | 'yellow' | 'green';

/** All levels, most severe first. */
export const LEVELS: readonly Level[] = ['red', 'orange', 'yellow', 'green'];

/** Numeric rank: red 3 … green 0, so `rank(a) >= rank(b)` means a is at least as severe as b. */
export function levelRank(level: Level): number {
  return 3 - LEVELS.indexOf(level);
}

/** Inspection phase names; 进驻 / 反馈 / 整改. */
export type PhaseName = 'entry' | 'feedback' | 'rectification';

/** Kind of source an item came from. */
export type SourceType = 'rss' | 'html' | 'browser' | 'search' | 'json';

/** An article as extracted from one fetched page, before the pipeline. */
export interface ExtractedArticle {
  /** Final URL after redirects; the identity of the item. */
  url: string;
  sourceId: string;
  /** Display name of the site (from the page, else the source's configured name). */
  sourceName: string;
  sourceType: SourceType;
  title: string;
  /** Plain text; paragraphs separated by "\n". */
  body: string;
  /** ISO 8601 with offset, e.g. 2025-05-13T07:34:00+08:00; absent when the page gives no date. */
  publishedAt?: string;
  /** ISO 8601 with offset. */
  fetchedAt: string;
  author?: string;
  /** For a forum reply stored as its own item: the URL of the thread it belongs to. */
  parentUrl?: string;
  /** Notes about the extraction, e.g. `future-date-clamped`; shown with the item. */
  flags?: string[];
  /** What was fetched, kept as proof (取证); dropped once saved to the evidence store. */
  evidence?: FetchEvidence;
}

/** The raw fetch behind an item, kept as evidence (取证) so it survives the page's deletion at its source. */
export interface FetchEvidence {
  /** Response body bytes as received (after content-encoding is undone, before charset decoding). */
  body: Uint8Array;
  contentType: string;
  status: number;
  /** URL after redirects. */
  finalUrl: string;
  /** ISO 8601 time of the fetch. */
  fetchedAt: string;
  /** Full-page PNG screenshot (browser sources). */
  screenshot?: Uint8Array;
}

/** Where in an item a term or unit was found. */
export type Where = 'title' | 'body';

/** The matching rule behind a unit mention. */
export type MatchRule = 'name' | 'alias' | 'derived' | 'child' | 'person';

/** One occurrence of a unit in an item, with the evidence of why it counts. */
export interface UnitMention {
  /** The text that matched (full name or alias). */
  text: string;
  where: Where;
  /** Character offset in the title or body. */
  offset: number;
  /** Which rule made the match (full name, configured alias, derived abbreviation, subordinate unit, person). */
  rule?: MatchRule;
  /** For a child or person match: the subordinate unit's or person's configured name. */
  detail?: string;
}

/** A watched unit mentioned by an item. */
export interface UnitMatch {
  roundId: string;
  unitId: string;
  unitName: string;
  team?: string;
  mentions: UnitMention[];
  /** This unit's own risk score: the sum of `parts` (the assessment's score is its best unit's). */
  score?: number;
  /** This unit's own level; alerts for the unit should use it (falls back to the assessment's level). */
  level?: Level;
  /** The addends of this unit's score. */
  parts?: ScorePart[];
}

/** One named addend of a risk score; the parts of an explanation sum to the score. */
export interface ScorePart {
  /** What kind of evidence: a lexicon term, a unit mention in the title, spread, phase... */
  kind: 'term' | 'unit' | 'spread' | 'phase' | 'context' | 'sentiment' | 'source' | 'problem';
  /** Human-readable Chinese label, e.g. `标题命中「违规收费」(侵害群众利益) ×1`. */
  label: string;
  term?: string;
  category?: string;
  where?: Where;
  /** Lexicon weight of the term (before title multiplier and count). */
  weight?: number;
  count?: number;
  /** Points this part adds to the score (may be negative for context that lowers risk). */
  points: number;
  unitId?: string;
  phase?: PhaseName;
  /** Term parts: plain-text snippet (≤ 60 characters) around the term's first counted occurrence. */
  context?: string;
  /** Problem parts: the rectification-ledger problem (问题清单) the item is about. */
  problemId?: string;
}

/** The scorer's verdict on an item for one round. */
export interface Assessment {
  roundId: string;
  /** The round's phase the item falls in (by publish time, else fetch time). */
  phase?: PhaseName;
  /** Watched units of this round the item mentions; empty = never a tip. */
  units: UnitMatch[];
  score: number;
  level: Level;
  parts: ScorePart[];
}

/** An item after the pure pipeline stages: normalized, segmented, fingerprinted and scored. */
export interface ProcessedArticle extends ExtractedArticle {
  /** Stable id derived from the URL. */
  id: string;
  /** SHA-256 (hex) of the normalized title + body, for exact duplicates. */
  contentHash: string;
  /** 64-bit SimHash over jieba tokens, 16 lowercase hex digits. */
  simhash: string;
  /** jieba search-mode tokens (the index terms), space-separated. */
  titleTokens: string;
  bodyTokens: string;
  /** One per round being watched; sorted by score, highest first. */
  assessments: Assessment[];
  /** The highest score and level over all assessments (green/0 when none). */
  score: number;
  level: Level;
}

/** Lifecycle of a tip (线索); the workflow issue extends this. */
export type TipStatus = 'new' | 'assigned' | 'in_progress' | 'closed' | 'dismissed';

/** A high-risk item about a watched unit, handed to the unit's inspection team. */
export interface Tip {
  id: string;
  roundId: string;
  unitId: string;
  unitName: string;
  team?: string;
  clusterId: string;
  articleId: string;
  title: string;
  url: string;
  sourceName: string;
  publishedAt?: string;
  level: Level;
  score: number;
  phase?: PhaseName;
  /** The assessment parts behind the score, for the alert and the console. */
  parts: ScorePart[];
  status: TipStatus;
  createdAt: string;
  /** Person the tip is assigned to (分办), besides or instead of the team. */
  assignee?: string;
  /** ISO time by which the tip should be closed; past it (not closed/dismissed) it is overdue. */
  dueAt?: string;
  /** Outcome recorded when the tip is closed (办结结果). */
  result?: string;
  /** Why the tip was dismissed (已排除). */
  dismissReason?: DismissReason;
  /** ISO time of the last workflow change. */
  updatedAt?: string;
}

/** Why a tip is dismissed: 误报 (false positive), 无关 (irrelevant), 重复 (duplicate). */
export type DismissReason = 'false_positive' | 'irrelevant' | 'duplicate';

/** A workflow step of a tip: 分办 assign, 处置 start, 办结 close, 排除 dismiss. */
export type TipAction = 'assign' | 'start' | 'close' | 'dismiss';

/** One recorded change of a tip; history is append-only, never overwritten. */
export interface TipHistoryEntry {
  tipId: string;
  /** 1, 2, 3… per tip, in the order the changes were made. */
  seq: number;
  /** ISO time of the change. */
  at: string;
  /** Who made the change (a name, a login, `cli`). */
  actor: string;
  action: TipAction;
  from: TipStatus;
  to: TipStatus;
  note?: string;
  /** What the step set: team, assignee, dueAt, result, reason, phrase… */
  details?: Record<string, string>;
}

/** Delivery state of one alert (one tip × one channel) in the outbox. */
export type AlertStatus = 'pending' | 'sent' | 'dead';

/** A row of the alert outbox. */
export interface OutboxAlert {
  id: string;
  /** The tip alerted; empty on a notice row. */
  tipId: string;
  /** Notice rows only: the queued notice (source health, digest, test...). */
  noticeId?: string;
  /** Tip rows: the level this alert announces. */
  level?: Level;
  /** Tip rows: sent because the story's level rose (升级). */
  upgrade?: boolean;
  /** Tip rows: the same story at the same level again after the route's `realert` wait (再次提醒). */
  realert?: boolean;
  channel: string;
  status: AlertStatus;
  attempts: number;
  /** ISO time before which the sender must not try again. */
  nextAttemptAt: string;
  lastError?: string;
  sentAt?: string;
  createdAt: string;
}

/** A message that is not a tip: a source-health warning, an overdue reminder, a digest, a test message. */
export interface Notice {
  kind: 'source-health' | 'overdue' | 'digest' | 'test';
  /** One-line Chinese subject. */
  title: string;
  /** Body as plain lines; robots render them as markdown lines, email as paragraphs. */
  lines: string[];
  /** Full HTML body for email (digests); robots use `lines`. */
  html?: string;
  /** Email attachments (the digest's .docx); robots only name the file. */
  attachments?: NoticeAttachment[];
}

/** A file attached to a notice email. */
export interface NoticeAttachment {
  filename: string;
  contentType: string;
  /** File content, base64-encoded so the notice can wait in the outbox as JSON. */
  contentBase64: string;
}
