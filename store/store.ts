import type {
  DismissReason,
  Level,
  Notice,
  OutboxAlert,
  PhaseName,
  ProcessedArticle,
  SourceType,
  Tip,
  TipHistoryEntry,
  TipStatus,
} from '../core/types.js';

/** An article as stored: the processed article plus its story cluster. */
export interface StoredArticle extends ProcessedArticle {
  clusterId: string;
  storedAt: string;
}

/** A story: the first item seen and the near-duplicates that joined it. */
export interface Cluster {
  id: string;
  /** Id of the first article of the story. */
  firstArticleId: string;
  /** Number of articles in the cluster (1 = no reposts yet). */
  size: number;
  /** Highest level of any member. */
  level: Level;
  createdAt: string;
  updatedAt: string;
}

/** A tip to create, and the channels its alerts go to (one outbox row each). */
export interface NewTip {
  tip: Tip;
  channels: string[];
  /**
   * Channel → `realert` wait in ms (routes with `realert:`; absent = never). When the tip exists at the same
   * level and this ingest is new activity of its story, a channel whose last alert for the tip was sent longer
   * ago than its wait gets one re-alert (再次提醒).
   */
  realertMs?: Readonly<Record<string, number>>;
}

/** Everything one ingested item writes, applied in one transaction so a crash leaves all or nothing. */
export interface IngestRecord {
  article: ProcessedArticle;
  /** Join this existing cluster, or start a new one (whose id is the article's id) when absent. */
  joinClusterId?: string;
  /**
   * Tips to create; a tip whose (roundId, clusterId, unitId) exists is ignored with its alerts, unless its level
   * is higher than the stored one: then the stored tip takes the new level, score and parts, and one upgrade
   * alert per channel is queued.
   */
  tips: NewTip[];
  /**
   * A forum reply's thread story re-assessed with the reply counted in its spread: written like `tips` (create,
   * upgrade, realert) but under each tip's own clusterId, which must be a stored cluster.
   */
  threadTips?: NewTip[];
}

/** What an ingest did. */
export interface IngestResult {
  articleId: string;
  clusterId: string;
  /** False when the URL was already stored (nothing written). */
  inserted: boolean;
  /** Size of the cluster after this ingest. */
  clusterSize: number;
  /** Ids of tips actually created (duplicates of existing tips are left out). */
  createdTipIds: string[];
  /** Ids of existing tips whose level this ingest raised (each got one upgrade alert per channel). */
  escalatedTipIds?: string[];
  /** Ids of existing tips that got a re-alert (再次提醒) on at least one channel. */
  realertTipIds?: string[];
}

/** Search request. `terms` are already segmented by the caller; every term must occur (AND). */
export interface SearchQuery {
  terms: string[];
  roundId?: string;
  unitId?: string;
  /** Exact level; `minLevel` for "at least". */
  level?: Level;
  minLevel?: Level;
  phase?: PhaseName;
  sourceId?: string;
  sourceType?: SourceType;
  /** ISO dates/times, inclusive bounds on publishedAt (fetchedAt when unknown). */
  from?: string;
  to?: string;
  sort?: 'time' | 'score';
  limit?: number;
  offset?: number;
  // ---- console search syntax and scope (issue #6) ----
  /** Exact phrases that must each occur in the title or body. */
  phrases?: string[];
  /** Words or phrases none of which may occur. */
  exclude?: string[];
  /** Groups of alternatives: each group needs at least one of its words (A OR B). */
  anyOf?: string[][];
  /** Only items whose story has a tip in this status (of `roundId` when given). */
  tipStatus?: TipStatus;
  /** One hit per story (cluster): its best-ranked matching copy, with `matchedInCluster`. */
  foldClusters?: boolean;
  /** Only items mentioning a unit inside one of these entries (absent = no restriction; empty = nothing). */
  scope?: ScopeEntry[];
}

/** One search result. `highlights` are HTML-escaped snippets with matches in <mark>…</mark>. */
export interface SearchHit {
  id: string;
  title: string;
  url: string;
  source: string;
  sourceId: string;
  publishedAt?: string;
  level: Level;
  score: number;
  /** Ids of the watched units the item mentions (names are in the round config). */
  units: string[];
  clusterId: string;
  clusterSize: number;
  highlights: string[];
  /** Folded searches: copies of the story that match the query. */
  matchedInCluster?: number;
}

/** Search response. */
export interface SearchResult {
  total: number;
  /** True when counting stopped early: `total` is a lower bound ("1000+"); absent when exact (issue #8). */
  totalCapped?: boolean;
  hits: SearchHit[];
}

/** Filter for listing tips. */
export interface TipFilter {
  roundId?: string;
  unitId?: string;
  status?: Tip['status'];
  minLevel?: Level;
  limit?: number;
  offset?: number;
}

/** Per-source crawl bookkeeping, for source health and incremental crawling. */
export interface SourceState {
  sourceId: string;
  lastRunAt?: string;
  lastSuccessAt?: string;
  lastError?: string;
  consecutiveFailures: number;
  itemsStored: number;
}

/** Outcome of one source run, recorded after each cycle. */
export interface SourceRun {
  sourceId: string;
  at: string;
  ok: boolean;
  error?: string;
  stored: number;
  /** The list page or feed answered with no items (likely layout change); kept as a warning until items return. */
  emptyList?: boolean;
}

/** What is kept as proof (取证) of a stored item; the files live under `<dataDir>/evidence/<path>`. */
export interface EvidenceRecord {
  articleId: string;
  /** SHA-256 (hex) of the raw response bytes, recorded when they were saved. */
  sha256: string;
  /** Raw response size in bytes. */
  size: number;
  contentType: string;
  status: number;
  /** URL after redirects. */
  finalUrl: string;
  /** ISO time of the fetch. */
  fetchedAt: string;
  /** Folder of the evidence files, relative to the evidence root. */
  path: string;
  /** SHA-256 (hex) and size of the full-page screenshot (browser sources). */
  screenshotSha256?: string;
  screenshotSize?: number;
  /** ISO time the evidence was written. */
  savedAt: string;
}

/** A source's state plus what source health reports beyond it. */
export interface SourceHealthState extends SourceState {
  /** ISO time of the last failed run. */
  lastErrorAt?: string;
  /** First failed run of the current failure streak (absent when the last run succeeded). */
  failingSince?: string;
  /** Last run whose list page or feed gave no items (likely layout change); cleared by a successful run. */
  emptyListAt?: string;
}

/** Items of one source stored on one local day. */
export interface SourceDayCount {
  sourceId: string;
  /** YYYY-MM-DD in the requested offset. */
  day: string;
  count: number;
}

/** HTTP validators of a URL, for conditional GET. */
export interface HttpValidators {
  etag?: string;
  lastModified?: string;
}

/** The persistence contract every backend (SQLite, Elasticsearch) implements; one contract test suite covers it. */
export interface Store {
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
  /** What a 舆情简报 of a round over [from, to] reports (both ISO times, inclusive). */
  reportData(roundId: string, from: string, to: string): Promise<ReportData>;

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

// ---- console accounts, sessions, audit (issue #6) ----

/** What a console account may do: admin everything, officer all rounds without setup, team its own scope. */
export type UserRole = 'admin' | 'officer' | 'team';

/** A local console account. */
export interface UserAccount {
  name: string;
  role: UserRole;
  /** Team accounts: the rounds they see. */
  rounds: string[];
  /** Team accounts: the units they see (empty = every unit of their rounds). */
  units: string[];
  /** Display name of the 巡察组 of a team account. */
  team?: string;
  /** `scrypt$N$r$p$saltB64$hashB64`. */
  passwordHash: string;
  disabled: boolean;
  /** A one-time password was issued: only the password change works until it is replaced. */
  mustChangePassword: boolean;
  createdAt: string;
  updatedAt?: string;
  lastLoginAt?: string;
}

/** Fields of an account to change; `team: null` clears the team. */
export interface UserPatch {
  role?: UserRole;
  rounds?: string[];
  units?: string[];
  team?: string | null;
  passwordHash?: string;
  disabled?: boolean;
  mustChangePassword?: boolean;
  lastLoginAt?: string;
  updatedAt?: string;
}

/** A login session; the random id itself is only in the cookie, the store keeps its SHA-256. */
export interface SessionRecord {
  idHash: string;
  user: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  ip?: string;
}

/** One audit entry as stored. */
export interface AuditEntry {
  seq: number;
  at: string;
  user: string;
  /** login, login_failed, logout, search, view_item, export, tip_change, config_change… */
  action: string;
  target?: string;
  detail?: Record<string, unknown>;
  ip?: string;
}

/** An audit entry to append (the store numbers it). */
export type NewAuditEntry = Omit<AuditEntry, 'seq'>;

/** Filter of the audit log. */
export interface AuditFilter {
  user?: string;
  action?: string;
  /** ISO bounds on `at`, inclusive. */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

/** A search a user saved under a name: the console's search parameters as given. */
export interface SavedSearch {
  id: string;
  user: string;
  name: string;
  params: Record<string, string>;
  createdAt: string;
}

/** A free-text note on a tip. */
export interface TipNote {
  id: string;
  tipId: string;
  at: string;
  user: string;
  text: string;
}

/** One entry of an access scope: a round, and optionally only some of its units. */
export interface ScopeEntry {
  roundId: string;
  /** Absent or empty = every unit of the round. */
  unitIds?: string[];
}

/** Filter of the console's tip board. */
export interface ConsoleTipFilter extends TipFilter {
  /** Only tips inside one of these entries (absent = no restriction; empty = nothing). */
  scope?: ScopeEntry[];
  team?: string;
  /** Only tips of this story. */
  clusterId?: string;
  /** Only tips assigned/in progress whose due time is before this ISO time. */
  overdueAt?: string;
}

/** A page of the tip board and the count of each status under the same filter without `status`. */
export interface ConsoleTipList {
  total: number;
  tips: Tip[];
  counts: Record<TipStatus, number>;
}

/** What the situation dashboard asks for. */
export interface DashboardQuery {
  roundId: string;
  /** ISO bounds of the period, inclusive. */
  from: string;
  to: string;
  /** Offset of the local day from UTC, for the daily trend. */
  utcOffsetMinutes: number;
  /** Only these units (a team account's scope); absent = every unit. */
  unitIds?: string[];
}

/** Raw numbers of the situation dashboard. */
export interface DashboardData {
  /** Items of the round in the period per unit and level (the item's overall level). */
  unitLevels: UnitLevelCounts[];
  /** Open tips (new, assigned, in progress) of the round per unit and level, whatever their age. */
  openTips: UnitLevelCounts[];
  /** Items per local day and level; days without items are left out. */
  trend: { day: string; level: Level; count: number }[];
  /** Items per source type. */
  sourceTypes: { type: string; count: number }[];
  /** Most frequent risk terms and title words of the period, most frequent first (at most 60). */
  topTerms: { term: string; count: number }[];
}

/** The fields a workflow step sets on a tip; absent fields are left as they are. */
export interface TipWorkflowPatch {
  status: TipStatus;
  team?: string;
  assignee?: string;
  dueAt?: string;
  result?: string;
  dismissReason?: DismissReason;
}

/** One workflow step to persist (built by alerts/workflow from the tip as read). */
export interface TipWorkflowUpdate {
  tipId: string;
  /** The status the step was planned from; another change in between is a conflict. */
  expectedStatus: TipStatus;
  patch: TipWorkflowPatch;
  /** History entry without tipId and seq (the store numbers them). */
  entry: Omit<TipHistoryEntry, 'tipId' | 'seq'>;
  /** A phrase proposed as an exclusion of the tip's round (a 误报 dismissal). */
  suggestion?: { phrase: string };
}

/** State of an exclusion suggestion. */
export type SuggestionStatus = 'pending' | 'accepted' | 'rejected';

/** A phrase proposed, from a 误报 dismissal, as "not a risk here" for a round and unit. */
export interface ExclusionSuggestion {
  id: string;
  roundId: string;
  unitId: string;
  phrase: string;
  /** The dismissed tip it came from. */
  tipId: string;
  status: SuggestionStatus;
  createdAt: string;
  createdBy: string;
  decidedAt?: string;
  decidedBy?: string;
}

/** An admin's decision on a suggestion. */
export interface SuggestionDecision {
  status: 'accepted' | 'rejected';
  by: string;
  at: string;
}

/** Counts of a unit's articles in a period, by level. */
export interface UnitLevelCounts {
  unitId: string;
  counts: Record<Level, number>;
}

/** A story (cluster) ranked by spread in a report. */
export interface TopStory {
  clusterId: string;
  /** Title and link of the story's first article. */
  title: string;
  url: string;
  sourceName: string;
  publishedAt?: string;
  /** Articles in the cluster (all time), and distinct sources among them. */
  size: number;
  sites: number;
  level: Level;
  /** Units of the round the story's articles in the period mention. */
  unitIds: string[];
}

/** The raw numbers of a report; alerts/report turns them into the document. */
export interface ReportData {
  roundId: string;
  from: string;
  to: string;
  /** Only units with at least one article in the period; by the level of the article's assessment for the round. */
  unitLevels: UnitLevelCounts[];
  /** Tips of the round created in the period, oldest first, with their current status. */
  newTips: Tip[];
  /** Up to 10 stories with articles about the round's units in the period, by size, then sites. */
  topStories: TopStory[];
  /** Every tip of the round by current status (the open backlog). */
  tipStatusCounts: Record<TipStatus, number>;
}
