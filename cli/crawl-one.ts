import type { SourceConfig } from '../config/schema.js';
import { crawlSource } from '../crawlers/index.js';
import type { CrawlSink, SourceCrawlStats } from '../crawlers/types.js';
import type { App } from './app.js';
import type { CycleSummary } from './cycle.js';
import { ingestArticle } from './ingest-article.js';

/** Crawl one source, feeding each article to the store through the ingest queue, and record the run. */
export async function crawlOne(
  app: App,
  source: SourceConfig,
  summary: CycleSummary,
): Promise<SourceCrawlStats> {
  let stored = 0;
  const sink: CrawlSink = {
    knownUrls: (urls) => app.store.knownUrls(urls),
    onArticle: (article) =>
      app.ingestQueue(async () => {
        if (await ingestArticle(app, article, summary)) stored += 1;
      }),
    onSkip: (skip) => {
      summary.skips.push(skip);
    },
  };
  const at = new Date().toISOString();
  let stats: SourceCrawlStats;
  try {
    stats = await crawlSource(source, sink, {
      crawl: app.config.settings.crawl,
      timezone: app.config.settings.timezone,
      logger: app.logger,
    });
  } catch (error) {
    // crawlSource is not supposed to throw; if it does, the cycle still goes on with the other sources.
    const reason = error instanceof Error ? error.message : String(error);
    app.logger.error({ component: 'cycle', source: source.id, err: error }, 'source crawl failed');
    sink.onSkip({ sourceId: source.id, url: source.url, code: 'E_FETCH_UNREACHABLE', reason });
    stats = { sourceId: source.id, fetched: 0, skipped: 1, error: reason };
  }
  await app.store.recordSourceRun({ sourceId: source.id, at, ok: !stats.error, error: stats.error, stored });
  return stats;
}
