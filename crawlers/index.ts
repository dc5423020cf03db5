import type { SourceConfig } from '../config/schema.js';
import { crawlBrowser } from './browser-crawler.js';
import { crawlHtml } from './html-crawler.js';
import { crawlJson } from './json-crawler.js';
import { crawlRss } from './rss-crawler.js';
import { crawlSearch } from './search-crawler.js';
import type { SourceCrawler } from './types.js';

export { createHostGate, type HostGate } from './host-gate.js';
export { searchQueries } from './search-crawler.js';
export type {
  CrawlContext,
  CrawlSink,
  ExtractedPage,
  SearchTerms,
  SkippedPage,
  SourceCrawler,
  SourceCrawlStats,
  ValidatorCache,
  Validators,
} from './types.js';
export { createMemoryValidatorCache } from './validator-cache.js';

const CRAWLERS: Record<SourceConfig['type'], SourceCrawler> = {
  rss: crawlRss,
  html: crawlHtml,
  browser: crawlBrowser,
  search: crawlSearch,
  json: crawlJson,
};

/**
 * Crawls one source once, dispatching on source.type, and returns its counts. Never throws: a failure of the
 * whole source (or an unexpected bug) is reported as a skip and in stats.error.
 */
export const crawlSource: SourceCrawler = async (source, sink, context) => {
  const started = Date.now();
  const logger = context.logger.child({ component: 'crawler', source: source.id });
  const crawler = CRAWLERS[source.type];
  try {
    const stats = await crawler(source, sink, context);
    if (context.signal?.aborted) {
      logger.info({ ...stats, ms: Date.now() - started }, '抓取因停止而中断，下次启动时重新抓取');
      return { ...stats, aborted: true };
    }
    logger.info({ ...stats, ms: Date.now() - started }, 'source crawled');
    return stats;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    logger.error({ err }, 'source crawl failed unexpectedly');
    try {
      sink.onSkip({ sourceId: source.id, url: source.url, code: 'E_FETCH_UNREACHABLE', reason });
    } catch {
      // The sink already failed us once; the stats below still carry the error.
    }
    return { sourceId: source.id, fetched: 0, skipped: 1, error: `E_FETCH_UNREACHABLE: ${reason}` };
  }
};
