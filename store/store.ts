// The persistence contract; records and queries are in store-types.ts and re-exported here.

import type { Notice, OutboxAlert, Tip, TipHistoryEntry } from '../core/types.js';
import type { CursorStore } from './cursor-types.js';
import type { LedgerStore } from './ledger-types.js';
import type { LoginFailureStore } from './login-failure-types.js';
import type {
  AuditEntry,
  AuditFilter,
  Cluster,
  ConsoleTipFilter,
  ConsoleTipList,
  DashboardData,
  DashboardQuery,
  EvidenceRecord,
  ExclusionSuggestion,
  HttpValidators,
  IngestRecord,
  IngestResult,
  NewAuditEntry,
  ReportData,
  ReportDataScope,
  SavedSearch,
  SearchQuery,
  SearchResult,
  SessionRecord,
  SourceDayCount,
  SourceHealthState,
  SourceRun,
  SourceState,
  StoredArticle,
  SuggestionDecision,
  SuggestionStatus,
  TipFilter,
  TipNote,
  TipWorkflowUpdate,
  UserAccount,
  UserPatch,
} from './store-types.js';

export type * from './cursor-types.js';
export type * from './ledger-types.js';
export type * from './login-failure-types.js';
export type * from './store-types.js';

/** The persistence contract every backend (SQLite, Elasticsearch) implements; one contract test suite covers it. */
export interface Store {
  /** The rectification ledger (问题清单 and linked items, issue 20). */
  readonly ledger: LedgerStore;
  /** Search sources' query rotation (issue 20). */
  readonly cursors: CursorStore;
  /** Failed logins the login throttle counts (issue 23). */
  readonly loginFailures: LoginFailureStore;
  /** Create tables/indices if needed; idempotent. */
  init(): Promise<void>;
  close(): Promise<void>;

  /** Which of these URLs are already stored (so they are not fetched again). */
  knownUrls(urls: readonly string[]): Promise<Set<string>>;
  /** The cluster of an article with exactly this content hash, if any. */
  findByContentHash(contentHash: string): Promise<{ articleId: string; clusterId: string } | undefined>;
  /** The cluster of the nearest article whose SimHash is within `maxDistance` bits, if any. */
  findNearDuplicate(
    simhash: string,
    maxDistance: number,
  ): Promise<{ articleId: string; clusterId: string; distance: number } | undefined>;
  /**
   * The story (cluster) of a stored item whose text contains most of this body's, or is mostly contained in it:
   * shingle containment over distinctive shingles, candidates from the LSH band index (never a scan). Undefined
   * when none reaches the threshold or the body is too short to judge (see pipeline/story-shingles.ts).
   */
  findSameStory(
    body: string,
  ): Promise<{ articleId: string; clusterId: string; containment: number } | undefined>;
  /** Store an item, its cluster membership, its tips and their outbox rows atomically. */
  ingest(record: IngestRecord): Promise<IngestResult>;

  getArticle(id: string): Promise<StoredArticle | undefined>;
  getCluster(id: string): Promise<Cluster | undefined>;
  /** Articles of a cluster, first first. */
  clusterArticles(clusterId: string): Promise<StoredArticle[]>;
  search(query: SearchQuery): Promise<SearchResult>;
  countArticles(): Promise<number>;

  getTip(id: string): Promise<Tip | undefined>;
  listTips(filter?: TipFilter): Promise<{ total: number; tips: Tip[] }>;

  /** Alerts whose status is pending and nextAttemptAt ≤ now, and not under a live claim, oldest first. */
  dueAlerts(now: string, limit: number): Promise<OutboxAlert[]>;
  /** Alerts by status, for the console and `yuqing alerts`. */
  listAlerts(status?: OutboxAlert['status']): Promise<OutboxAlert[]>;
  /** Mark delivered; with `owner`, only while that owner holds the claim (E_STORE_CONFLICT otherwise). */
  markAlertSent(id: string, at: string, owner?: string): Promise<void>;
  /**
   * Record a failed attempt: pending again at `nextAttemptAt`, or dead when `dead` is true. With `owner`, only
   * while that owner holds the claim (E_STORE_CONFLICT otherwise).
   */
  markAlertFailed(
    id: string,
    error: string,
    nextAttemptAt: string,
    dead: boolean,
    owner?: string,
  ): Promise<void>;

  getSourceState(sourceId: string): Promise<SourceState | undefined>;
  listSourceStates(): Promise<SourceState[]>;
  recordSourceRun(run: SourceRun): Promise<void>;

  // ---- evidence and source health (issue #3) ----
  /** Record (or replace) where and what the evidence of a stored item is; E_STORE_NOT_FOUND for an unknown item. */
  putEvidence(record: EvidenceRecord): Promise<void>;
  /** The evidence record of an item, if its evidence was saved. */
  getEvidence(articleId: string): Promise<EvidenceRecord | undefined>;
  /** A source's state with its health details, if it ever ran. */
  getSourceHealthState(sourceId: string): Promise<SourceHealthState | undefined>;
  /** Health details of every source that ever ran, by source id. */
  listSourceHealthStates(): Promise<SourceHealthState[]>;
  /**
   * Items stored per source and local day since `since` (ISO), days as YYYY-MM-DD at `utcOffsetMinutes`
   * from UTC (the configured timezone's offset).
   */
  countStoredBySourceDay(since: string, utcOffsetMinutes: number): Promise<SourceDayCount[]>;
  /** ETag / Last-Modified last seen for a URL (conditional GET). */
  getValidators(url: string): Promise<HttpValidators | undefined>;
  /** Remember a URL's validators; both absent forgets the URL. */
  putValidators(url: string, validators: HttpValidators): Promise<void>;

  // ---- cluster alerts, escalation and delivery (issue #5) ----
  /**
   * Queue a notice to each channel through the outbox (same retries and dead-letter as tips). `dedupKey` makes
   * it idempotent: a second call with the same key and channel queues nothing. Returns the ids queued.
   */
  enqueueNotice(channels: readonly string[], notice: Notice, dedupKey: string): Promise<string[]>;
  /** A queued notice by id, for the sender. */
  getNotice(id: string): Promise<Notice | undefined>;
  /**
   * Mark several alerts sent in one transaction (one merged robot message carried them all); with `owner`, only
   * while that owner holds the claim of every one (E_STORE_CONFLICT otherwise).
   */
  markAlertsSent(ids: readonly string[], at: string, owner?: string): Promise<void>;
  /**
   * Claim up to `limit` due alerts (as dueAlerts: pending, nextAttemptAt ≤ now, no live claim) for `owner`
   * until now + leaseMs, atomically: two instances never both get one alert. Marking an alert ends its claim;
   * a lease that runs out (its instance crashed) makes the alert claimable again. Oldest first.
   */
  claimAlerts(now: string, owner: string, leaseMs: number, limit: number): Promise<OutboxAlert[]>;
  /** End `owner`'s claims on these alerts without an attempt (left for a later run); others are ignored. */
  releaseAlerts(ids: readonly string[], owner: string): Promise<void>;
  /** Owners holding a live claim at `now`, so a sender can spot one whose process is gone. */
  claimHolders(now: string): Promise<string[]>;
  /** End every live claim of `owner` (an instance known to be gone); the number of alerts freed. */
  releaseClaimsOf(owner: string): Promise<number>;
  /** Stored items that are forum replies (parentUrl) to any of these thread URLs. */
  countReplies(threadUrls: readonly string[]): Promise<number>;

  // ---- tip workflow (issue #5) ----
  /**
   * Apply one workflow step atomically: check the tip is still in `expectedStatus` (StoreError E_STORE_CONFLICT
   * otherwise, E_STORE_NOT_FOUND for an unknown tip), set the new fields, append the history entry and, when
   * given, record the exclusion suggestion. Returns the updated tip.
   */
  updateTipWorkflow(update: TipWorkflowUpdate): Promise<Tip>;
  /** The history of a tip, oldest first (empty for an unknown tip). */
  tipHistory(tipId: string): Promise<TipHistoryEntry[]>;
  /** Tips assigned or in progress whose dueAt is before `now`, most overdue first. */
  overdueTips(now: string): Promise<Tip[]>;
  /** Exclusion suggestions, newest first; all when `status` is absent. */
  listSuggestions(status?: SuggestionStatus): Promise<ExclusionSuggestion[]>;
  /**
   * Accept or reject a pending suggestion (E_STORE_NOT_FOUND for an unknown id, E_STORE_CONFLICT when it was
   * already decided). Accepted suggestions are the exclusions the processor applies.
   */
  decideSuggestion(id: string, decision: SuggestionDecision): Promise<ExclusionSuggestion>;
  /**
   * What a 舆情简报 of a round over [from, to] reports (both ISO times, inclusive); with `scope.unitIds`, only
   * about those units (see ReportDataScope).
   */
  reportData(roundId: string, from: string, to: string, scope?: ReportDataScope): Promise<ReportData>;

  // ---- console accounts, sessions, audit (issue #6) ----
  /** Add an account; StoreError E_STORE_CONFLICT when the name is taken. */
  createUser(user: UserAccount): Promise<void>;
  /** An account by name. */
  getUser(name: string): Promise<UserAccount | undefined>;
  /** Every account, by name. */
  listUsers(): Promise<UserAccount[]>;
  /** Change an account (E_STORE_NOT_FOUND for an unknown name); returns the updated account. */
  updateUser(name: string, patch: UserPatch): Promise<UserAccount>;
  /** Store a new session (its id is stored only as a hash). */
  createSession(session: SessionRecord): Promise<void>;
  /** A session by the hash of its id, if it exists and has not expired at `now`. */
  getSession(idHash: string, now: string): Promise<SessionRecord | undefined>;
  /** Move a session's expiry (sliding sessions). */
  touchSession(idHash: string, expiresAt: string): Promise<void>;
  /** End one session; ending an unknown session is not an error. */
  deleteSession(idHash: string): Promise<void>;
  /** End every session of an account (password change, disabling); returns how many ended. */
  deleteUserSessions(user: string): Promise<number>;
  /** Append an audit entry (the log is append-only: the backend refuses updates and deletes). */
  appendAudit(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Audit entries, newest first, with the total matching the filter. */
  listAudit(filter?: AuditFilter): Promise<{ total: number; entries: AuditEntry[] }>;
  /** A user's saved searches, newest first. */
  listSavedSearches(user: string): Promise<SavedSearch[]>;
  /** Save a search; E_STORE_CONFLICT when the user already has one with that name. */
  createSavedSearch(search: SavedSearch): Promise<void>;
  /** Delete one of the user's saved searches; false when it does not exist (or is another user's). */
  deleteSavedSearch(user: string, id: string): Promise<boolean>;
  /** Add a note to a tip (E_STORE_NOT_FOUND for an unknown tip). */
  addTipNote(note: TipNote): Promise<void>;
  /** A tip's notes, oldest first. */
  tipNotes(tipId: string): Promise<TipNote[]>;
  /**
   * Store a tip made by hand from an item (no alerts are queued); E_STORE_CONFLICT when the story already has a
   * tip for that round and unit, E_STORE_NOT_FOUND when the article is unknown.
   */
  createTip(tip: Tip): Promise<Tip>;
  /** Tips for the console board: TipFilter plus access scope, team and overdue filters and per-status counts. */
  listConsoleTips(filter: ConsoleTipFilter): Promise<ConsoleTipList>;
  /** The numbers of the situation dashboard of one round over a period. */
  dashboardData(query: DashboardQuery): Promise<DashboardData>;
}
