import type { Request } from 'crawlee';
import { runBasicCrawler } from './basic-runner.js';
import { CrawlRun } from './crawl-run.js';
import { createCrawleeEnv } from './crawlee-env.js';
import { parseChineseDate } from './dates.js';
import { extractArticle } from './extract/article.js';
import { type FeedEntry, parseFeed } from './feed.js';
import { fetchPage, isoIn } from './fetch-page.js';
import type { SourceCrawler } from './types.js';

const FEED = 'feed';
const ARTICLE = 'article';

/**
 * Crawls an `rss` source (RSS 2.0, RSS 1.0 or Atom): the newest entries up to maxItems, unknown ones only; each
 * entry's page is fetched and extracted, and when that fails the entry's own title/description/date are used
 * so that a feed item is not lost.
 */
export const crawlRss: SourceCrawler = async (source, sink, context) => {
  const run = new CrawlRun(source, sink, context);
  const env = await createCrawleeEnv(run.logger);
  const dateOptions = () => ({ timezone: context.timezone, now: run.now() });
  const entryOf = (request: Request) => request.userData.entry as FeedEntry;

  const deliverEntry = async (request: Request, error: unknown) => {
    const entry = entryOf(request);
    if (!entry.description.trim()) {
      run.skip(request.url, error);
      return;
    }
    run.logger.warn(
      { url: request.url, reason: (error as Error).message },
      'article page failed; using the feed entry',
    );
    const publishedAt = entry.date ? parseChineseDate(entry.date, dateOptions()) : undefined;
    const page = { title: entry.title, body: entry.description, ...(publishedAt ? { publishedAt } : {}) };
    await run.deliver(request.url, page, isoIn(run.now(), context.timezone));
  };

  try {
    await env.queue.addRequest({ url: source.url, label: FEED });
    await runBasicCrawler(
      run,
      env,
      {
        [FEED]: async (request) => {
          await run.assertAllowed(request.url);
          const page = await fetchPage(request.url, { ...run.pageOptions(), accept: 'feed' });
          const feed = parseFeed(page.html, page.finalUrl);
          const limit = source.maxItems ?? context.crawl.maxItemsPerSource;
          const entries = feed.entries.slice(0, limit);
          const fresh = new Set(await run.selectNew(entries.map((e) => e.url)));
          const requests = entries.filter((e) => fresh.has(e.url));
          await env.queue.addRequests(
            requests.map((entry) => ({ url: entry.url, label: ARTICLE, userData: { entry } })),
          );
        },
        [ARTICLE]: async (request) => {
          const entry = entryOf(request);
          await run.assertAllowed(request.url);
          const page = await fetchPage(request.url, run.pageOptions());
          const extracted = extractArticle(page.html, page.finalUrl, {
            ...dateOptions(),
            selectors: source.article,
          });
          if (!extracted.body.trim()) {
            await deliverEntry(request, new Error('no article text on the page'));
            return;
          }
          const feedDate = entry.date ? parseChineseDate(entry.date, dateOptions()) : undefined;
          const publishedAt = feedDate ?? extracted.publishedAt;
          await run.deliver(
            page.finalUrl,
            { ...extracted, title: entry.title || extracted.title, ...(publishedAt ? { publishedAt } : {}) },
            page.fetchedAt,
          );
        },
      },
      async (request, error) => {
        if (request.label === FEED) run.skip(request.url, error, true);
        else await deliverEntry(request, error);
      },
    );
  } finally {
    await env.dispose();
  }
  return run.stats;
};
