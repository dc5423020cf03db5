import type {
  Level,
  Notice,
  OutboxAlert,
  PhaseName,
  ProcessedArticle,
  SourceType,
  Tip,
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
}

/** Everything one ingested item writes, applied in one transaction so a crash leaves all or nothing. */
export interface IngestRecord {
  article: ProcessedArticle;
  /** Join this existing cluster, or start a new one (whose id is the article's id) when absent. */
  joinClusterId?: string;
  /** Tips to create; a tip whose (roundId, clusterId, unitId) exists is ignored with its alerts. */
  tips: NewTip[];
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
}

/** Search response. */
export interface SearchResult {
  total: number;
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

  /** Alerts whose status is pending and nextAttemptAt ≤ now, oldest first. */
  dueAlerts(now: string, limit: number): Promise<OutboxAlert[]>;
  /** Alerts by status, for the console and `yuqing alerts`. */
  listAlerts(status?: OutboxAlert['status']): Promise<OutboxAlert[]>;
  markAlertSent(id: string, at: string): Promise<void>;
  /** Record a failed attempt: pending again at `nextAttemptAt`, or dead when `dead` is true. */
  markAlertFailed(id: string, error: string, nextAttemptAt: string, dead: boolean): Promise<void>;

  getSourceState(sourceId: string): Promise<SourceState | undefined>;
  listSourceStates(): Promise<SourceState[]>;
  recordSourceRun(run: SourceRun): Promise<void>;

  // ---- evidence and source health (issue #3) ----

  // ---- cluster alerts, escalation and delivery (issue #5) ----
  /**
   * Queue a notice to each channel through the outbox (same retries and dead-letter as tips). `dedupKey` makes
   * it idempotent: a second call with the same key and channel queues nothing. Returns the ids queued.
   */
  enqueueNotice(channels: readonly string[], notice: Notice, dedupKey: string): Promise<string[]>;

  // ---- tip workflow (issue #5) ----
}
