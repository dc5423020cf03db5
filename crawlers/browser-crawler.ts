import { PlaywrightCrawler } from 'crawlee';
import type { Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { handlerTimeoutSecs } from './basic-runner.js';
import { type BrowserProxy, startBrowserProxy } from './browser-proxy.js';
import { type BrowserRouteOptions, type PageVerdict, routeBrowserRequests } from './browser-routes.js';
import { chromiumArgs, chromiumExecutablePath } from './chromium.js';
import { runUntilAborted } from './crawl-abort.js';
import { CrawlRun, MAX_RETRIES } from './crawl-run.js';
import { createCrawleeEnv } from './crawlee-env.js';
import type { FetchedPage } from './fetch-page.js';
import { isRetryable } from './http-fetch.js';
import { handleListPage, LIST, pageNumber } from './list-pages.js';
import { extractPageItems } from './page-articles.js';
import type { SourceCrawler } from './types.js';

/** Browser-source options besides the source: a hook to see refused requests (tests). */
export interface BrowserHooks {
  onBlocked?: (url: string) => void;
}

/**
 * Crawls a `browser` source with Chromium: list pages are rendered (waitFor, scroll for infinite lists) and
 * their links collected after scripts ran, with list.next paging as for `html`; each article page is rendered,
 * extracted and screenshotted (full page, kept as evidence). The HTML document itself is fetched by fetchPage
 * (guard, gate, size cap, charset) and handed to the browser; every other request is checked by the guard.
 */
export const crawlBrowser: SourceCrawler = (source, sink, context) =>
  crawlBrowserWith(source, sink, context, {});

/** crawlBrowser with hooks. */
export async function crawlBrowserWith(
  ...[source, sink, context, hooks]: [...Parameters<SourceCrawler>, BrowserHooks]
): ReturnType<SourceCrawler> {
  const run = new CrawlRun(source, sink, context);
  const env = await createCrawleeEnv(run.logger);
  const { crawl } = context;
  const timeoutMs = crawl.timeoutSecs * 1000;
  const documents = new Map<string, { doc: FetchedPage; verdict: PageVerdict }>();

  const settle = async (page: Page, selector?: string) => {
    if (selector) await page.waitForSelector(selector, { timeout: timeoutMs }).catch(() => undefined);
    else await page.waitForLoadState('networkidle', { timeout: timeoutMs }).catch(() => undefined);
  };

  const scrollDown = async (page: Page) => {
    const item = source.list?.item;
    for (let i = 0; i < (source.scroll ?? 0); i++) {
      const before = item ? await page.locator(item).count() : 0;
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      if (item) {
        await page
          .waitForFunction(
            ([sel, n]) => document.querySelectorAll(sel as string).length > (n as number),
            [item, before],
            {
              timeout: 3000,
            },
          )
          .catch(() => undefined);
      } else {
        await page.waitForLoadState('networkidle', { timeout: 3000 }).catch(() => undefined);
      }
    }
  };

  const screenshot = async (page: Page): Promise<Uint8Array | undefined> => {
    if (!crawl.screenshots) return undefined;
    try {
      return await page.screenshot({ fullPage: true, type: 'png', timeout: timeoutMs });
    } catch (err) {
      run.logger.warn({ url: page.url(), err: (err as Error).message }, 'screenshot failed');
      return undefined;
    }
  };

  // Every connection Chromium makes goes through this proxy: the guard, the size cap and the host gate.
  let proxy: BrowserProxy;
  try {
    proxy = await startBrowserProxy({
      policy: crawl,
      maxBytes: crawl.maxPageBytes,
      timeoutMs,
      userAgent: run.userAgent(),
      gate: run.hostGate(),
      allow: (url) => run.assertAllowed(url),
      ...(source.proxy ? { upstream: source.proxy } : {}),
      logger: run.logger,
      ...(hooks.onBlocked ? { onBlocked: hooks.onBlocked } : {}),
    });
  } catch (err) {
    await env.dispose();
    await run.dispose();
    throw err;
  }

  const routeOptions: BrowserRouteOptions = {
    policy: crawl,
    maxPageBytes: crawl.maxPageBytes,
    bytesReceived: () => proxy.bytesIn(),
    logger: run.logger,
    ...(hooks.onBlocked ? { onBlocked: hooks.onBlocked } : {}),
  };

  const crawler = new PlaywrightCrawler(
    {
      requestQueue: env.queue,
      log: env.log,
      maxRequestRetries: MAX_RETRIES,
      maxConcurrency: crawl.maxConcurrency,
      navigationTimeoutSecs: handlerTimeoutSecs(crawl),
      requestHandlerTimeoutSecs: crawl.timeoutSecs * 4 + 10,
      useSessionPool: false,
      persistCookiesPerSession: false,
      retryOnBlocked: false,
      statusMessageLoggingInterval: 3600,
      launchContext: {
        launcher: chromium,
        useChrome: false,
        userAgent: run.userAgent(),
        launchOptions: {
          executablePath: chromiumExecutablePath(crawl.chromiumPath),
          headless: true,
          args: chromiumArgs(proxy.url),
          // A service worker would fetch outside the page's routes; none may register.
          serviceWorkers: 'block',
        } as Parameters<typeof chromium.launch>[0],
      },
      browserPoolOptions: {
        useFingerprints: false,
        maxOpenPagesPerBrowser: Math.max(crawl.maxConcurrency, 1),
        retireBrowserAfterPageCount: 10_000,
      },
      preNavigationHooks: [
        async ({ page, request }, gotoOptions) => {
          try {
            await run.assertAllowed(request.url, true);
            const doc =
              request.label === LIST
                ? await run.fetchList(request.url, 'html', pageNumber(request) === 1)
                : await run.fetchArticle(request.url);
            const verdict = await routeBrowserRequests(page, request.url, doc, routeOptions);
            documents.set(request.uniqueKey, { doc, verdict });
          } catch (err) {
            if (!isRetryable(err)) request.noRetry = true;
            throw err;
          }
          if (gotoOptions) gotoOptions.waitUntil = 'domcontentloaded';
        },
      ],
      requestHandler: async ({ page, request }) => {
        const entry = documents.get(request.uniqueKey);
        documents.delete(request.uniqueKey);
        if (!entry) return;
        const { doc, verdict } = entry;
        // A page stopped while rendering (navigated away, too many bytes) is skipped with that reason, never
        // stored with whatever Chromium shows instead.
        const refusedOr = async <T>(step: () => Promise<T>): Promise<T> => {
          let value: T;
          try {
            value = await step();
          } catch (err) {
            throw refusal(request, verdict) ?? err;
          }
          const refused = refusal(request, verdict);
          if (refused) throw refused;
          return value;
        };
        if (request.label === LIST) {
          if (doc.notModified) return;
          const html = await refusedOr(async () => {
            await settle(page, source.waitFor ?? source.list?.item);
            await scrollDown(page);
            return page.content();
          });
          await handleListPage(run, env.queue, request, doc, html);
          return;
        }
        const { html, shot } = await refusedOr(async () => {
          await settle(page, source.article?.body);
          const html = await page.content();
          return { html, shot: await screenshot(page) };
        });
        const items = extractPageItems(html, doc.finalUrl, source, {
          timezone: context.timezone,
          now: run.now(),
        });
        await run.deliverItems(items, { ...doc, ...(shot ? { screenshot: shot } : {}) });
      },
      failedRequestHandler: async ({ request }, error) => {
        documents.delete(request.uniqueKey);
        run.skip(request.url, error, request.label === LIST && pageNumber(request) === 1);
      },
    },
    env.config,
  );

  try {
    await env.queue.addRequest({ url: source.url, label: LIST });
    await runUntilAborted(crawler, context.signal);
  } finally {
    await crawler.teardown().catch(() => undefined);
    await proxy.close();
    await env.dispose();
    await run.dispose();
  }
  return run.stats;
}

/** The refusal recorded for a page, marked final (retrying the same page would do the same). */
function refusal(request: { noRetry: boolean }, verdict: PageVerdict): Error | undefined {
  if (!verdict.refused) return undefined;
  request.noRetry = true;
  return verdict.refused;
}
