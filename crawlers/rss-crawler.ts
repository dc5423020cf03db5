import { runBasicCrawler } from './basic-runner.js';
import { CrawlRun } from './crawl-run.js';
import { createCrawleeEnv } from './crawlee-env.js';
import { parseFeed } from './feed.js';
import { FeedEntries } from './feed-entries.js';
import { ARTICLE } from './list-pages.js';
import type { SourceCrawler } from './types.js';

const FEED = 'feed';

/**
 * Crawls an `rss` source (RSS 2.0, RSS 1.0/RDF or Atom, bridges such as RSSHub included) with a conditional GET:
 * the newest entries up to maxItems, unknown ones only; each entry's page is fetched and extracted, and when
 * that fails the entry's own title/description/date are used so that a feed item is not lost.
 */
export const crawlRss: SourceCrawler = async (source, sink, context) => {
  const run = new CrawlRun(source, sink, context);
  const env = await createCrawleeEnv(run.logger);
  const entries = new FeedEntries(run);
  try {
    await env.queue.addRequest({ url: source.url, label: FEED });
    await runBasicCrawler(
      run,
      env,
      {
        [FEED]: async (request) => {
          const page = await run.fetchList(request.url, 'feed');
          if (page.notModified) return;
          const feed = parseFeed(page.html, page.finalUrl);
          if (feed.entries.length === 0) {
            run.emptyList(request.url, 'the feed has no entries');
            return;
          }
          const limit = source.maxItems ?? context.crawl.maxItemsPerSource;
          await entries.take(env.queue, page, feed.entries.slice(0, limit));
          await run.remember(request.url, page);
        },
        [ARTICLE]: (request) => entries.handleArticle(request),
      },
      async (request, error) => {
        if (request.label === FEED) run.skip(request.url, error, true);
        else await entries.fallBack(request, error);
      },
    );
  } finally {
    await env.dispose();
    await run.dispose();
  }
  return run.stats;
};
