import { runBasicCrawler } from './basic-runner.js';
import { CrawlRun } from './crawl-run.js';
import { createCrawleeEnv } from './crawlee-env.js';
import { ARTICLE, handleListPage, LIST, pageNumber } from './list-pages.js';
import { extractPageItems } from './page-articles.js';
import type { SourceCrawler } from './types.js';

/**
 * Crawls an `html` source: the list page (conditional GET), its article links (source.list.item or a guess),
 * unknown ones only, following list.next up to maxPages until a page holds only known items; each article page
 * is extracted (forum threads into the thread and its replies) and handed to the sink with its evidence.
 */
export const crawlHtml: SourceCrawler = async (source, sink, context) => {
  const run = new CrawlRun(source, sink, context);
  const env = await createCrawleeEnv(run.logger);
  try {
    await env.queue.addRequest({ url: source.url, label: LIST });
    await runBasicCrawler(
      run,
      env,
      {
        [LIST]: async (request) => {
          const page = await run.fetchList(request.url, 'html', pageNumber(request) === 1);
          await handleListPage(run, env.queue, request, page, page.html);
        },
        [ARTICLE]: async (request) => {
          const page = await run.fetchArticle(request.url);
          const items = extractPageItems(page.html, page.finalUrl, source, {
            timezone: context.timezone,
            now: run.now(),
          });
          await run.deliverItems(items, page);
        },
      },
      async (request, error) =>
        run.skip(request.url, error, request.label === LIST && pageNumber(request) === 1),
    );
  } finally {
    await env.dispose();
    await run.dispose();
  }
  return run.stats;
};
