// Records and queries of the Store contract (store.ts holds the interface itself).
import type { Level, PhaseName, ProcessedArticle, SourceType, Tip, TipStatus } from '../core/types.js';
import type { ScopeEntry } from './store-console-types.js';

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
   * Without joinClusterId: look the story up again (findSameStory) as part of the write and join it when a copy
   * was stored meanwhile (another source in the same cycle, another process). SQLite does it inside the write
   * transaction; Elasticsearch just before the cluster is created (a narrow window remains there).
   */
  recheckStory?: boolean;
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

export type * from './store-console-types.js';
