import { runBasicCrawler } from './basic-runner.js';
import { CrawlRun } from './crawl-run.js';
import { createCrawleeEnv } from './crawlee-env.js';
import { extractArticle } from './extract/article.js';
import { fetchPage } from './fetch-page.js';
import { collectLinks } from './links.js';
import type { SourceCrawler } from './types.js';

const LIST = 'list';
const ARTICLE = 'article';

/**
 * Crawls an `html` source: the list page, its article links (source.list.item or a guess), unknown ones only,
 * each article page extracted (source.article selectors or the generic extractor) and handed to the sink.
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
          await run.assertAllowed(request.url);
          const page = await fetchPage(request.url, run.pageOptions());
          const links = collectLinks(page.html, page.finalUrl, source.list?.item);
          const fresh = await run.selectNew(links);
          await env.queue.addRequests(fresh.map((url) => ({ url, label: ARTICLE })));
        },
        [ARTICLE]: async (request) => {
          await run.assertAllowed(request.url);
          const page = await fetchPage(request.url, run.pageOptions());
          const extracted = extractArticle(page.html, page.finalUrl, {
            timezone: context.timezone,
            now: run.now(),
            selectors: source.article,
          });
          await run.deliver(page.finalUrl, extracted, page.fetchedAt);
        },
      },
      async (request, error) => run.skip(request.url, error, request.label === LIST),
    );
  } finally {
    await env.dispose();
  }
  return run.stats;
};
