import type { SourceConfig } from '../config/schema.js';
import { runBasicCrawler } from './basic-runner.js';
import { CrawlRun } from './crawl-run.js';
import { createCrawleeEnv } from './crawlee-env.js';
import { looksLikeFeed, parseFeed } from './feed.js';
import { FeedEntries } from './feed-entries.js';
import { collectLinks } from './links.js';
import { ARTICLE } from './list-pages.js';
import { extractPageItems } from './page-articles.js';
import type { SearchTerms, SourceCrawler } from './types.js';

const QUERY = 'query';
const PAGE = 'page';

/** Queries per cycle when the source sets no `queries`. */
export const DEFAULT_QUERIES = 20;

/**
 * The queries of a `search` source: every unit name and alias, each combined with each risk term when the
 * source has riskTerms (a list, or `keywords` for the rounds' keywords), at most source.queries of them. Terms
 * go in the outer loop so that a small limit still covers every unit with the first term.
 */
export function searchQueries(
  source: Pick<SourceConfig, 'riskTerms' | 'queries'>,
  terms?: SearchTerms,
): string[] {
  const names = terms?.names ?? [];
  const risk = source.riskTerms === 'keywords' ? (terms?.keywords ?? []) : (source.riskTerms ?? []);
  const all = risk.length > 0 ? risk.flatMap((r) => names.map((n) => `${n} ${r}`)) : names;
  return [...new Set(all.map((q) => q.trim()).filter(Boolean))].slice(0, source.queries ?? DEFAULT_QUERIES);
}

/** The source URL with {query} replaced by the URL-encoded query. */
export function searchUrl(template: string, query: string): string {
  return template.replace(/\{query\}|%7Bquery%7D/gi, encodeURIComponent(query));
}

/**
 * Crawls a `search` source: the URL template once per query (see searchQueries); an answer that is a feed is read
 * as RSS/Atom, anything else as a list page (list.item or guessed links). Results are new articles about watched
 * units on sites not otherwise listed. A query that returns nothing is normal, so no empty-list report.
 */
export const crawlSearch: SourceCrawler = async (source, sink, context) => {
  const run = new CrawlRun(source, sink, context);
  const queries = context.search?.queries ?? searchQueries(source, context.search);
  if (queries.length === 0) {
    run.logger.info('no unit names to search for');
    return run.stats;
  }
  const env = await createCrawleeEnv(run.logger);
  const entries = new FeedEntries(run);
  let answered = 0;
  let lastError: unknown;
  try {
    await env.queue.addRequests(
      queries.map((query) => ({ url: searchUrl(source.url, query), label: QUERY, userData: { query } })),
    );
    await runBasicCrawler(
      run,
      env,
      {
        [QUERY]: async (request) => {
          const page = await run.fetchList(request.url, 'any');
          answered++;
          if (page.notModified) return;
          if (looksLikeFeed(page.html, page.contentType)) {
            const feed = parseFeed(page.html, page.finalUrl);
            await entries.take(env.queue, page, feed.entries.slice(0, run.remaining()));
          } else {
            const links = collectLinks(page.html, page.finalUrl, source.list?.item);
            const fresh = await run.selectNew(links);
            await env.queue.addRequests(fresh.map((url) => ({ url, label: PAGE })));
          }
          await run.remember(request.url, page);
          run.logger.debug({ query: request.userData.query }, 'search answered');
        },
        [ARTICLE]: (request) => entries.handleArticle(request),
        [PAGE]: async (request) => {
          const page = await run.fetchArticle(request.url);
          const items = extractPageItems(page.html, page.finalUrl, source, {
            timezone: context.timezone,
            now: run.now(),
          });
          await run.deliverItems(items, page);
        },
      },
      async (request, error) => {
        if (request.label === ARTICLE) await entries.fallBack(request, error);
        else {
          if (request.label === QUERY) lastError = error;
          run.skip(request.url, error);
        }
      },
    );
    if (answered === 0 && lastError) {
      const code = (lastError as { code?: string }).code ?? 'E_FETCH_UNREACHABLE';
      run.stats.error = `${code}: every query failed (${(lastError as Error).message})`;
    }
  } finally {
    await env.dispose();
    await run.dispose();
  }
  return run.stats;
};
