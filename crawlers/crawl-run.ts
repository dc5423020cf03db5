import type { SourceConfig } from '../config/schema.js';
import { FetchError, type FetchErrorCode } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { ExtractedArticle } from '../core/types.js';
import { assertPublicUrl } from './address-guard.js';
import type { FetchPageOptions } from './fetch-page.js';
import type { RawFetchOptions } from './http-fetch.js';
import { RobotsCache } from './robots.js';
import type { CrawlContext, CrawlSink, ExtractedPage, SourceCrawlStats } from './types.js';

/** Skip code used when the sink's onArticle throws (not a fetch problem, so not a FetchErrorCode). */
export const SINK_ERROR_CODE = 'E_CRAWL_SINK';

/** Crawlee retries per request: one retry for network trouble and 5xx, none for final answers such as 404. */
export const MAX_RETRIES = 1;

/** The bookkeeping of crawling one source once: stats, skips, robots, guard, known URLs, delivery. */
export class CrawlRun {
  readonly stats: SourceCrawlStats;
  readonly source: SourceConfig;
  readonly context: CrawlContext;
  readonly logger: Logger;
  private readonly sink: CrawlSink;
  private readonly robots: RobotsCache | undefined;

  constructor(source: SourceConfig, sink: CrawlSink, context: CrawlContext) {
    this.source = source;
    this.sink = sink;
    this.context = context;
    this.logger = context.logger.child({ component: 'crawler', source: source.id, type: source.type });
    this.stats = { sourceId: source.id, fetched: 0, skipped: 0 };
    const respect = context.crawl.respectRobotsTxt && source.respectRobotsTxt !== false;
    this.robots = respect ? new RobotsCache(this.rawOptions(), this.logger) : undefined;
  }

  /** Options for fetchRaw from the crawl settings. */
  rawOptions(): Omit<RawFetchOptions, 'accept'> {
    const { crawl } = this.context;
    return {
      userAgent: crawl.userAgent,
      timeoutMs: crawl.timeoutSecs * 1000,
      maxBytes: crawl.maxPageBytes,
      allowPrivateAddresses: crawl.allowPrivateAddresses,
    };
  }

  /** Options for fetchPage. */
  pageOptions(): FetchPageOptions {
    const { crawl, timezone, now } = this.context;
    return { crawl, timezone, logger: this.logger, encoding: this.source.encoding, now };
  }

  now(): Date {
    return this.context.now?.() ?? new Date();
  }

  /** Reports a skipped page (logged at warn, counted, passed to the sink); `wholeSource` also sets stats.error. */
  skip(url: string, error: unknown, wholeSource = false): void {
    const code = codeOf(error);
    const reason = error instanceof Error ? error.message : String(error);
    this.stats.skipped++;
    if (wholeSource) this.stats.error = `${code}: ${reason}`;
    this.logger.warn({ url, code, reason }, wholeSource ? 'source failed' : 'page skipped');
    try {
      this.sink.onSkip({ sourceId: this.source.id, url, code, reason });
    } catch (err) {
      this.logger.error({ url, err }, 'sink.onSkip threw');
    }
  }

  /**
   * Checks robots.txt and (for fetches done by the browser) the private-address guard; throws FetchError
   * E_FETCH_ROBOTS / E_FETCH_PRIVATE_ADDRESS.
   */
  async assertAllowed(url: string, checkAddress = false): Promise<void> {
    if (checkAddress && !this.context.crawl.allowPrivateAddresses) await assertPublicUrl(url);
    if (this.robots && !(await this.robots.isAllowed(url))) {
      throw new FetchError('E_FETCH_ROBOTS', url, 'disallowed by robots.txt');
    }
  }

  /** The first maxItems URLs, without those the sink already knows. */
  async selectNew(urls: readonly string[]): Promise<string[]> {
    const limit = this.source.maxItems ?? this.context.crawl.maxItemsPerSource;
    const taken = [...new Set(urls)].slice(0, limit);
    let known = new Set<string>();
    try {
      known = await this.sink.knownUrls(taken);
    } catch (err) {
      this.logger.error({ err }, 'sink.knownUrls threw; fetching all');
    }
    const fresh = taken.filter((u) => !known.has(u));
    this.logger.debug(
      { listed: urls.length, taken: taken.length, known: taken.length - fresh.length },
      'links selected',
    );
    return fresh;
  }

  /** Turns an extracted page into an article and hands it to the sink; an empty body or title is a skip. */
  async deliver(url: string, page: ExtractedPage, fetchedAt: string): Promise<void> {
    if (!page.body.trim()) {
      this.skip(url, new FetchError('E_FETCH_EMPTY', url, 'no article text found on the page'));
      return;
    }
    const article: ExtractedArticle = {
      url,
      sourceId: this.source.id,
      sourceName: page.siteName || this.source.name,
      sourceType: this.source.type,
      title: page.title || page.body.slice(0, 40),
      body: page.body,
      fetchedAt,
      ...(page.publishedAt ? { publishedAt: page.publishedAt } : {}),
      ...(page.author ? { author: page.author } : {}),
    };
    try {
      await this.sink.onArticle(article);
      this.stats.fetched++;
    } catch (err) {
      this.skip(
        url,
        Object.assign(new Error(`sink rejected the article: ${(err as Error).message}`), {
          code: SINK_ERROR_CODE,
        }),
      );
    }
  }
}

function codeOf(error: unknown): string {
  if (error instanceof FetchError) return error.code;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === SINK_ERROR_CODE) return code;
  const name = (error as { name?: string } | undefined)?.name ?? '';
  const message = error instanceof Error ? error.message : '';
  if (/timeout/i.test(name) || /timed out/i.test(message)) return 'E_FETCH_TIMEOUT' satisfies FetchErrorCode;
  return 'E_FETCH_UNREACHABLE' satisfies FetchErrorCode;
}
