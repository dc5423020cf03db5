import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { PlaywrightCrawler, type Request } from 'crawlee';
import type { Page, Route } from 'playwright-core';
import { chromium } from 'playwright-core';
import { isPrivateAddress } from './address-guard.js';
import { CHROMIUM_ARGS, chromiumExecutablePath } from './chromium.js';
import { CrawlRun, MAX_RETRIES } from './crawl-run.js';
import { createCrawleeEnv } from './crawlee-env.js';
import { extractArticle } from './extract/article.js';
import { type FetchedPage, fetchPage, isoIn } from './fetch-page.js';
import { isRetryable } from './http-fetch.js';
import { collectLinks } from './links.js';
import type { SourceCrawler } from './types.js';

const LIST = 'list';
const ARTICLE = 'article';

const SKIPPED_RESOURCES = new Set(['image', 'media', 'font']);

/**
 * Crawls a `browser` source with Chromium: the list page is rendered and its links collected after scripts ran,
 * then each article page is rendered and extracted. The HTML document itself is fetched by fetchPage (guard,
 * size cap, status and type checks, charset decoding) and handed to the browser; scripts and XHR go to the
 * network, each checked by the private-address guard. Images, media and fonts are not loaded.
 */
export const crawlBrowser: SourceCrawler = async (source, sink, context) => {
  const run = new CrawlRun(source, sink, context);
  const env = await createCrawleeEnv(run.logger);
  const { crawl } = context;
  const documents = new Map<string, FetchedPage>();
  const hostVerdicts = new Map<string, Promise<boolean>>();

  const isBlockedHost = (url: string): Promise<boolean> => {
    if (crawl.allowPrivateAddresses) return Promise.resolve(false);
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    let verdict = hostVerdicts.get(host);
    if (!verdict) {
      verdict = isIP(host)
        ? Promise.resolve(isPrivateAddress(host))
        : lookup(host, { all: true }).then(
            (all) => all.some((a) => isPrivateAddress(a.address)),
            () => true,
          );
      hostVerdicts.set(host, verdict);
    }
    return verdict;
  };

  const routeRequests = async (page: Page, request: Request, doc: FetchedPage) => {
    await page.route('**/*', async (route: Route) => {
      const req = route.request();
      const url = req.url();
      if (req.isNavigationRequest() && req.frame() === page.mainFrame()) {
        if (url === request.url && doc.finalUrl !== request.url) {
          return route.fulfill({ status: 302, headers: { location: doc.finalUrl } });
        }
        if (url === doc.finalUrl || url === request.url) {
          return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: doc.html });
        }
      }
      if (SKIPPED_RESOURCES.has(req.resourceType()) || !/^https?:/.test(url) || (await isBlockedHost(url))) {
        return route.abort('blockedbyclient');
      }
      return route.continue({ headers: { ...req.headers(), 'user-agent': crawl.userAgent } });
    });
  };

  const settle = async (page: Page, selector?: string) => {
    const timeout = crawl.timeoutSecs * 1000;
    if (selector) await page.waitForSelector(selector, { timeout }).catch(() => undefined);
    else await page.waitForLoadState('networkidle', { timeout }).catch(() => undefined);
  };

  const crawler = new PlaywrightCrawler(
    {
      requestQueue: env.queue,
      log: env.log,
      maxRequestRetries: MAX_RETRIES,
      maxConcurrency: crawl.maxConcurrency,
      navigationTimeoutSecs: crawl.timeoutSecs,
      requestHandlerTimeoutSecs: crawl.timeoutSecs * 3 + 10,
      useSessionPool: false,
      persistCookiesPerSession: false,
      retryOnBlocked: false,
      statusMessageLoggingInterval: 3600,
      launchContext: {
        launcher: chromium,
        useChrome: false,
        userAgent: crawl.userAgent,
        launchOptions: {
          executablePath: chromiumExecutablePath(crawl.chromiumPath),
          headless: true,
          args: CHROMIUM_ARGS,
        },
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
            const doc = await fetchPage(request.url, run.pageOptions());
            documents.set(request.uniqueKey, doc);
            await routeRequests(page, request, doc);
          } catch (err) {
            if (!isRetryable(err)) request.noRetry = true;
            throw err;
          }
          if (gotoOptions) gotoOptions.waitUntil = 'domcontentloaded';
        },
      ],
      requestHandler: async ({ page, request }) => {
        const doc = documents.get(request.uniqueKey);
        documents.delete(request.uniqueKey);
        const finalUrl = doc?.finalUrl ?? request.url;
        if (request.label === LIST) {
          await settle(page, source.list?.item);
          const links = collectLinks(await page.content(), page.url() || finalUrl, source.list?.item);
          const fresh = await run.selectNew(links);
          await env.queue.addRequests(fresh.map((url) => ({ url, label: ARTICLE })));
          return;
        }
        await settle(page, source.article?.body);
        const extracted = extractArticle(await page.content(), finalUrl, {
          timezone: context.timezone,
          now: run.now(),
          selectors: source.article,
        });
        await run.deliver(finalUrl, extracted, doc?.fetchedAt ?? isoIn(run.now(), context.timezone));
      },
      failedRequestHandler: async ({ request }, error) => {
        documents.delete(request.uniqueKey);
        run.skip(request.url, error, request.label === LIST);
      },
    },
    env.config,
  );

  try {
    await env.queue.addRequest({ url: source.url, label: LIST });
    await crawler.run();
  } finally {
    await crawler.teardown().catch(() => undefined);
    await env.dispose();
  }
  return run.stats;
};
