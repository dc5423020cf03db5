import type { Request, RequestQueue } from 'crawlee';
import type { CrawlRun } from './crawl-run.js';
import { loadHtml } from './extract/load-html.js';
import type { FetchedPage } from './fetch-page.js';
import { absoluteUrl, collectLinks } from './links.js';

/** Request labels shared by the list-page crawlers. */
export const LIST = 'list';
export const ARTICLE = 'article';

/** Pages read per cycle when list.next is set and maxPages is not. */
export const DEFAULT_MAX_PAGES = 5;

/** The "next page" URL of a list page, from the `list.next` selector (a link or an element containing one). */
export function nextPageUrl(html: string, pageUrl: string, selector: string | undefined): string | undefined {
  if (!selector) return undefined;
  const $ = loadHtml(html, pageUrl);
  const el = $(selector).first();
  const href = el.is('a[href]') ? el.attr('href') : el.find('a[href]').first().attr('href');
  const url = absoluteUrl(href, pageUrl);
  return url && url !== absoluteUrl(pageUrl, pageUrl) ? url : undefined;
}

/** The page number (1 = the source's own URL) of a list request. */
export function pageNumber(request: Request): number {
  return (request.userData.page as number | undefined) ?? 1;
}

/**
 * Handles one answered list page: queues its unknown article links, reports a first page without items as an
 * empty list, remembers the first page's validators, and queues the next page unless every item on this page
 * was already known (incremental stop), maxPages is reached or maxItems is used up.
 */
export async function handleListPage(
  run: CrawlRun,
  queue: RequestQueue,
  request: Request,
  page: FetchedPage,
  html: string,
): Promise<void> {
  if (page.notModified) return;
  const list = run.source.list;
  const number = pageNumber(request);
  const links = collectLinks(html, page.finalUrl, list?.item);
  if (links.length === 0) {
    const what = list?.item ? `list selector "${list.item}" matched nothing` : 'no article links found';
    if (number === 1) run.emptyList(request.url, what);
    else run.logger.info({ url: request.url, page: number }, 'list page without items; paging stops');
    return;
  }
  const { fresh, allKnown } = await run.partitionNew(links);
  await queue.addRequests(fresh.map((url) => ({ url, label: ARTICLE })));
  if (number === 1) await run.remember(request.url, page);
  const next = nextPageUrl(html, page.finalUrl, list?.next);
  const maxPages = list?.maxPages ?? DEFAULT_MAX_PAGES;
  if (!next || number >= maxPages || run.remaining() === 0) return;
  if (allKnown && !run.resumingIncomplete) {
    run.logger.info({ url: request.url, page: number }, 'every item on this page is known; paging stops');
    return;
  }
  await queue.addRequest({ url: next, label: LIST, userData: { page: number + 1 } });
}
