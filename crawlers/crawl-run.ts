import { type Dispatcher, ProxyAgent } from 'undici';
import type { SourceConfig } from '../config/schema.js';
import { FetchError, type FetchErrorCode } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { ExtractedArticle, FetchEvidence } from '../core/types.js';
import { guardUrl } from './address-guard.js';
import { type FetchedPage, type FetchPageOptions, fetchPage } from './fetch-page.js';
import { createGuardedAgent } from './guarded-connect.js';
import { createHostGate, type HostGate } from './host-gate.js';
import type { AcceptKind, RawFetchOptions } from './http-fetch.js';
import type { PageItem } from './page-articles.js';
import { RobotsCache } from './robots.js';
import type { CrawlContext, CrawlSink, ExtractedPage, SourceCrawlStats, Validators } from './types.js';

/** Skip code used when the sink's onArticle throws (not a fetch problem, so not a FetchErrorCode). */
export const SINK_ERROR_CODE = 'E_CRAWL_SINK';

/** Skip code of an article the store could not write because the data directory's disk is full. */
export const STORE_FULL_CODE = 'E_STORE_FULL';

/** Flag set on an article whose publish date lay after its fetch time and was clamped to it. */
export const FUTURE_DATE_FLAG = 'future-date-clamped';

/** Crawlee retries per request: one retry for network trouble and 5xx, none for final answers such as 404. */
export const MAX_RETRIES = 1;

/** What was fetched for an article, as evidence; `screenshot` only from the browser. */
export type EvidenceSource = Pick<
  FetchedPage,
  'bytes' | 'contentType' | 'status' | 'finalUrl' | 'fetchedAt'
> & {
  screenshot?: Uint8Array;
};

/**
 * The bookkeeping of crawling one source once: stats, skips, robots, guard, politeness (host gate, proxy),
 * conditional GETs, known URLs, delivery with evidence. Call dispose() when done.
 */
export class CrawlRun {
  readonly stats: SourceCrawlStats;
  readonly source: SourceConfig;
  readonly context: CrawlContext;
  readonly logger: Logger;
  private readonly sink: CrawlSink;
  private readonly robots: RobotsCache | undefined;
  private readonly gate: HostGate;
  /**
   * The source's proxy (http:// URLs in absolute form as a standard forward proxy takes them, CONNECT for
   * https), else a guarded agent: every connection's address is checked (see guarded-connect).
   */
  private readonly dispatcher: Dispatcher;
  /** Items delivered so far (maxItems applies to the whole run, over pages and queries). */
  private taken = 0;

  private readonly pendingValidators = new Map<string, Validators>();
  private begun?: Promise<void>;
  private resuming = false;

  constructor(source: SourceConfig, sink: CrawlSink, context: CrawlContext) {
    this.source = source;
    this.sink = sink;
    this.context = context;
    this.logger = context.logger.child({ component: 'crawler', source: source.id, type: source.type });
    this.stats = { sourceId: source.id, fetched: 0, skipped: 0 };
    this.gate = context.hostGate ?? createHostGate();
    this.dispatcher = source.proxy
      ? new ProxyAgent({ uri: source.proxy, proxyTunnel: false })
      : createGuardedAgent(context.crawl);
    const respect = context.crawl.respectRobotsTxt && source.respectRobotsTxt !== false;
    this.robots = respect ? new RobotsCache(this.rawOptions(), this.logger) : undefined;
  }

  /** Options for fetchRaw: settings, per-source overrides, gate and proxy. */
  rawOptions(): Omit<RawFetchOptions, 'accept'> {
    const { crawl } = this.context;
    return {
      userAgent: this.userAgent(),
      timeoutMs: crawl.timeoutSecs * 1000,
      maxBytes: crawl.maxPageBytes,
      allowPrivateAddresses: crawl.allowPrivateAddresses,
      allowPrivateHosts: crawl.allowPrivateHosts,
      maxRetryAfterMs: crawl.maxRetryAfterSecs * 1000,
      gate: this.gate,
      delayMs: (this.source.delaySecs ?? crawl.delaySecs) * 1000,
      dispatcher: this.dispatcher,
    };
  }

  /** The per-host politeness gate of this run (shared with the cycle when the context gives one). */
  hostGate(): HostGate {
    return this.gate;
  }

  /** The User-Agent of this source. */
  userAgent(): string {
    return this.source.userAgent ?? this.context.crawl.userAgent;
  }

  /** Options for fetchPage. */
  pageOptions(accept?: AcceptKind): FetchPageOptions {
    const { crawl, timezone, now } = this.context;
    return {
      crawl,
      timezone,
      logger: this.logger,
      encoding: this.source.encoding,
      now,
      fetch: this.rawOptions(),
      ...(accept ? { accept } : {}),
    };
  }

  /** Fetches an article page (robots checked first). */
  async fetchArticle(url: string): Promise<FetchedPage> {
    await this.assertAllowed(url);
    return fetchPage(url, this.pageOptions());
  }

  /**
   * Fetches a list page, feed or API with a conditional GET when validators are known; a 304 comes back with
   * `notModified`. Call remember() once its items are queued.
   */
  async fetchList(url: string, accept: AcceptKind, conditional = true): Promise<FetchedPage> {
    await this.assertAllowed(url);
    this.begun ??= this.begin();
    await this.begun;
    const validators =
      conditional && !this.resuming
        ? await this.context.validators?.get(url).catch(() => undefined)
        : undefined;
    const options = this.pageOptions(accept);
    const page = await fetchPage(url, { ...options, fetch: { ...options.fetch, validators } });
    if (page.notModified) this.logger.info({ url }, 'not modified since last crawl');
    return page;
  }

  /**
   * Keeps a list page's validators for the next conditional GET. They are saved only when the whole crawl
   * ends cleanly (see dispose): saved earlier, a crash or a failed article would leave items that a later 304
   * hides until the list page changes.
   */
  async remember(url: string, page: FetchedPage): Promise<void> {
    if (!this.context.validators || (!page.etag && !page.lastModified)) return;
    this.pendingValidators.set(url, {
      ...(page.etag ? { etag: page.etag } : {}),
      ...(page.lastModified ? { lastModified: page.lastModified } : {}),
    });
  }

  /**
   * True when the previous crawl of this source never finished cleanly (killed, or pages and items failed):
   * this one then reads every page up to maxPages, without conditional GETs or the incremental stop.
   */
  get resumingIncomplete(): boolean {
    return this.resuming;
  }

  // The run marker is kept with the validators (a reserved key) so it lives in whichever store holds them.
  private async begin(): Promise<void> {
    const cache = this.context.validators;
    if (!cache) return;
    const key = runMarkerKey(this.source.id);
    const marker = await cache.get(key).catch(() => undefined);
    this.resuming = marker?.etag === RUN_IN_PROGRESS;
    if (this.resuming) this.logger.info('the last crawl of this source did not finish; reading every page');
    await cache
      .set(key, { etag: RUN_IN_PROGRESS })
      .catch((err) => this.logger.warn({ err }, 'run marker failed'));
  }

  private async commit(): Promise<void> {
    const cache = this.context.validators;
    if (!cache || !this.begun || this.stats.error || this.stats.skipped > 0 || this.aborted()) return;
    try {
      for (const [url, v] of this.pendingValidators) await cache.set(url, v);
      await cache.set(runMarkerKey(this.source.id), { etag: RUN_COMPLETE });
    } catch (err) {
      this.logger.warn({ err }, 'validator cache failed');
    }
  }

  now(): Date {
    return this.context.now?.() ?? new Date();
  }

  /** True once the crawl was told to stop: pages still in flight are abandoned, not skipped or delivered. */
  aborted(): boolean {
    return this.context.signal?.aborted === true;
  }

  /** Reports a skipped page (logged at warn, counted, passed to the sink); `wholeSource` also sets stats.error. */
  skip(url: string, error: unknown, wholeSource = false): void {
    // A page that failed because the crawl was stopped under it is fetched again on the next run.
    if (this.aborted()) return;
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

  /** A list page or feed answered with no items: likely a layout change; reported in stats and as a skip. */
  emptyList(url: string, what: string): void {
    this.stats.emptyList = true;
    this.skip(url, new FetchError('E_FETCH_EMPTY', url, `${what} (the page layout may have changed)`));
  }

  /**
   * Checks robots.txt and (for fetches done by the browser) the private-address guard; throws FetchError
   * E_FETCH_ROBOTS / E_FETCH_PRIVATE_ADDRESS.
   */
  async assertAllowed(url: string, checkAddress = false): Promise<void> {
    if (checkAddress) await guardUrl(url, this.context.crawl);
    if (this.robots && !(await this.robots.isAllowed(url, this.userAgent()))) {
      throw new FetchError('E_FETCH_ROBOTS', url, 'disallowed by robots.txt');
    }
  }

  /** Items still allowed this run (maxItems over all pages and queries). */
  remaining(): number {
    return Math.max(0, (this.source.maxItems ?? this.context.crawl.maxItemsPerSource) - this.taken);
  }

  /** The URLs not yet known to the sink, within the run's maxItems; `all` tells whether every URL was known. */
  async selectNew(urls: readonly string[]): Promise<string[]> {
    return (await this.partitionNew(urls)).fresh;
  }

  /** Like selectNew, also saying whether every listed URL was already known (incremental stop). */
  async partitionNew(urls: readonly string[]): Promise<{ fresh: string[]; allKnown: boolean }> {
    const unique = [...new Set(urls)];
    let known = new Set<string>();
    try {
      known = await this.sink.knownUrls(unique);
    } catch (err) {
      this.logger.error({ err }, 'sink.knownUrls threw; fetching all');
    }
    const fresh = unique.filter((u) => !known.has(u)).slice(0, this.remaining());
    this.taken += fresh.length;
    this.logger.debug({ listed: urls.length, known: known.size, taken: fresh.length }, 'links selected');
    return { fresh, allKnown: unique.length > 0 && unique.every((u) => known.has(u)) };
  }

  /** Delivers every item of a fetched page (an article, or a forum thread and its replies) with its evidence. */
  async deliverItems(items: PageItem[], evidence: EvidenceSource): Promise<void> {
    for (const item of items) {
      await this.deliver(item.url, item.page, evidence, item.parentUrl);
    }
  }

  /** Turns an extracted page into an article and hands it to the sink; an empty body is a skip. */
  async deliver(
    url: string,
    page: ExtractedPage,
    evidence: EvidenceSource,
    parentUrl?: string,
  ): Promise<void> {
    if (this.aborted()) return;
    if (!page.body.trim()) {
      this.skip(url, new FetchError('E_FETCH_EMPTY', url, 'no article text found on the page'));
      return;
    }
    const fetchedAt = evidence.fetchedAt;
    const article: ExtractedArticle = {
      url,
      sourceId: this.source.id,
      sourceName: page.siteName || this.source.name,
      sourceType: this.source.type,
      title: page.title || page.body.slice(0, 40),
      body: page.body,
      fetchedAt,
      ...(page.author ? { author: page.author } : {}),
      ...(parentUrl ? { parentUrl } : {}),
      evidence: toEvidence(evidence),
    };
    if (page.publishedAt) {
      if (Date.parse(page.publishedAt) > Date.parse(fetchedAt)) {
        this.logger.warn(
          { url, publishedAt: page.publishedAt, fetchedAt },
          'publish date in the future; clamped',
        );
        article.publishedAt = fetchedAt;
        article.flags = [FUTURE_DATE_FLAG];
      } else {
        article.publishedAt = page.publishedAt;
      }
    }
    try {
      await this.sink.onArticle(article);
      this.stats.fetched++;
    } catch (err) {
      // A full disk keeps its own code so the cycle can report it as what it is.
      const code = (err as { code?: string }).code === STORE_FULL_CODE ? STORE_FULL_CODE : SINK_ERROR_CODE;
      this.skip(
        url,
        Object.assign(new Error(`sink rejected the article: ${(err as Error).message}`), { code }),
      );
    }
  }

  /** Saves the validators and the finished-run marker when the crawl ended cleanly, then releases the proxy. */
  async dispose(): Promise<void> {
    await this.begun?.catch(() => undefined);
    await this.commit();
    // close() would wait for requests in flight; a stopped crawl drops them.
    const release = this.aborted() ? this.dispatcher.destroy() : this.dispatcher.close();
    await release.catch(() => undefined);
  }
}

const RUN_IN_PROGRESS = 'yuqing-run-in-progress';
const RUN_COMPLETE = 'yuqing-run-complete';

/** Reserved validator-cache key of a source's run marker (never a fetchable URL). */
export function runMarkerKey(sourceId: string): string {
  return `yuqing:run:${sourceId}`;
}

function toEvidence(e: EvidenceSource): FetchEvidence {
  const evidence: FetchEvidence = {
    body: new Uint8Array(e.bytes.buffer, e.bytes.byteOffset, e.bytes.byteLength),
    contentType: e.contentType,
    status: e.status,
    finalUrl: e.finalUrl,
    fetchedAt: e.fetchedAt,
  };
  if (e.screenshot) evidence.screenshot = e.screenshot;
  return evidence;
}

function codeOf(error: unknown): string {
  if (error instanceof FetchError) return error.code;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === SINK_ERROR_CODE || code === STORE_FULL_CODE) return code;
  const name = (error as { name?: string } | undefined)?.name ?? '';
  const message = error instanceof Error ? error.message : '';
  if (/timeout/i.test(name) || /timed out/i.test(message)) return 'E_FETCH_TIMEOUT' satisfies FetchErrorCode;
  return 'E_FETCH_UNREACHABLE' satisfies FetchErrorCode;
}
