import type { Settings, SourceConfig } from '../config/schema.js';
import type { Logger } from '../core/log.js';
import type { ExtractedArticle } from '../core/types.js';
import type { HostGate } from './host-gate.js';

/** A page or source that produced no article, and why (always logged, counted as skipped). */
export interface SkippedPage {
  sourceId: string;
  url: string;
  /** A stable code such as E_FETCH_HTTP_STATUS (see core/errors.ts). */
  code: string;
  reason: string;
}

/** Where a crawl delivers its results; implemented by the crawl cycle. */
export interface CrawlSink {
  /** Which of these URLs are already stored; those are not fetched again. */
  knownUrls(urls: readonly string[]): Promise<Set<string>>;
  /** Called for each extracted article as soon as it is ready; a throw here is logged and counted as a skip. */
  onArticle(article: ExtractedArticle): Promise<void>;
  /** Called for every page or source skipped, with its reason. */
  onSkip(skip: SkippedPage): void;
}

/** Counts from crawling one source once. */
export interface SourceCrawlStats {
  sourceId: string;
  /** Article pages (or feed entries) fetched and extracted. */
  fetched: number;
  /** Pages or whole sources skipped (each also reported through onSkip). */
  skipped: number;
  /** Set when the source as a whole failed (list page or feed unreachable, 500, not a feed...). */
  error?: string;
  /** The list page or feed answered but gave no items at all (a selector matching nothing: likely a layout change). */
  emptyList?: boolean;
  /** The crawl was stopped before it finished (the scheduler stopping): its counts and outcome are not final. */
  aborted?: boolean;
}

/** What a crawler needs besides the source. */
export interface CrawlContext {
  crawl: Settings['crawl'];
  timezone: string;
  logger: Logger;
  /** Injected clock, for relative dates such as 3小时前. */
  now?: () => Date;
  /** Per-host politeness shared across sources and cycles; without it each crawl gets its own. */
  hostGate?: HostGate;
  /** ETag / Last-Modified of list pages, feeds and APIs, for conditional GETs; without it none are sent. */
  validators?: ValidatorCache;
  /** What `search` sources look for: the watched units' names and aliases, and the rounds' keywords. */
  search?: SearchTerms;
  /** Stops the crawl early (the scheduler stopping): nothing more is fetched or delivered, nothing is committed. */
  signal?: AbortSignal;
}

/** HTTP validators of one URL's last answer. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

/** Remembers validators per URL; a 304 answer then means "nothing new" (no error, not an empty list). */
export interface ValidatorCache {
  get(url: string): Promise<Validators | undefined>;
  set(url: string, validators: Validators): Promise<void>;
}

/** Query inputs of `search` sources, computed by the caller from the active rounds. */
export interface SearchTerms {
  /** Unit names and aliases, most important first, without duplicates. */
  names: string[];
  /** The rounds' keyword terms (used when a source has `riskTerms: keywords`). */
  keywords: string[];
  /** This cycle's queries, chosen by the rotation (search-rotation.ts); absent = the first `queries` of all. */
  queries?: string[];
}

/** Crawls one source of a given type. */
export type SourceCrawler = (
  source: SourceConfig,
  sink: CrawlSink,
  context: CrawlContext,
) => Promise<SourceCrawlStats>;

/** The generic extractor's output for one page. */
export interface ExtractedPage {
  title: string;
  /** ISO 8601 with offset, or undefined when no date was found. */
  publishedAt?: string;
  body: string;
  author?: string;
  /** Site name from <meta property="og:site_name"> or similar hints. */
  siteName?: string;
  /** Set when no article text qualified and the body is the page's description (og:description) instead. */
  partial?: boolean;
  /** What the page is: an article (or thread), or a list of links to them; set by classifyPage. */
  kind?: 'article' | 'list';
  /** On a list page: the article links found, absolute, in page order. */
  links?: string[];
}
