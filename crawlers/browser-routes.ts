import type { Page, Route } from 'playwright-core';
import { FetchError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { type AddressPolicy, isPrivateAddress } from './address-guard.js';
import type { FetchedPage } from './fetch-page.js';

const SKIPPED_RESOURCES = new Set(['image', 'media', 'font']);

/** What the browser's request interception needs. */
export interface BrowserRouteOptions {
  policy: AddressPolicy;
  /** Cap on all the bytes one page receives (every sub-response and WebSocket frame counted). */
  maxPageBytes: number;
  /** Bytes the guarding proxy carried toward the browser so far (BrowserProxy.bytesIn). */
  bytesReceived: () => number;
  logger: Logger;
  /** Called with each URL refused (tests and logs). */
  onBlocked?: (url: string) => void;
}

/** Why a page must not be stored, set while it renders; read once it settled. */
export interface PageVerdict {
  /** Set when the page was stopped: the reason it is skipped. */
  refused?: FetchError;
}

/**
 * Answers the page's main document from what fetchPage already fetched (guard, cap, charset done) and lets every
 * other request go to the network, which for this browser is the guarding proxy (see browser-proxy.ts).
 * Images, media and fonts are dropped. A navigation of the main frame away from the document (a script
 * redirect) is refused and makes the page skipped, so Chromium's error page is never stored; past maxPageBytes
 * received (counted by the proxy over every response, tunnel and WebSocket) the page is closed and skipped.
 */
export async function routeBrowserRequests(
  page: Page,
  requestUrl: string,
  doc: FetchedPage,
  options: BrowserRouteOptions,
): Promise<PageVerdict> {
  const verdict: PageVerdict = {};
  const refuse = (error: FetchError) => {
    verdict.refused ??= error;
    options.onBlocked?.(error.url);
    options.logger.debug({ url: error.url, err: error.message }, 'browser page refused');
  };
  watchPageBytes(page, options.bytesReceived, options.maxPageBytes, requestUrl, (error) => {
    refuse(error);
    // Closing the page is the only stop that also ends fetches and sockets already in flight.
    page.close().catch(() => undefined);
  });
  await page.route('**/*', async (route: Route) => {
    const req = route.request();
    const url = req.url();
    if (req.isNavigationRequest() && req.frame() === page.mainFrame()) {
      if (url === requestUrl && doc.finalUrl !== requestUrl) {
        return route.fulfill({ status: 302, headers: { location: doc.finalUrl } });
      }
      if (url === doc.finalUrl || url === requestUrl) {
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: doc.html });
      }
      refuse(navigationError(requestUrl, url));
      return route.abort('blockedbyclient');
    }
    if (SKIPPED_RESOURCES.has(req.resourceType())) return route.abort('blockedbyclient');
    return route.continue().catch(() => undefined);
  });
  return verdict;
}

function navigationError(from: string, to: string): FetchError {
  let host = '';
  try {
    host = new URL(to).hostname;
  } catch {
    host = '';
  }
  const code = host && isPrivateAddress(host) ? 'E_FETCH_PRIVATE_ADDRESS' : 'E_FETCH_UNREACHABLE';
  return new FetchError(code, from, `the page navigated away to ${to.slice(0, 200)} (refused; not stored)`);
}

/**
 * Watches the bytes the guarding proxy carried toward the browser since the page started and calls `over` once
 * past `max`. Concurrent pages of one browser share the proxy, so with maxConcurrency above 1 their bytes add up
 * (a page is stopped early rather than late).
 */
function watchPageBytes(
  page: Page,
  bytesReceived: () => number,
  max: number,
  url: string,
  over: (error: FetchError) => void,
): void {
  const start = bytesReceived();
  const timer = setInterval(() => {
    const used = bytesReceived() - start;
    if (used <= max) return;
    clearInterval(timer);
    over(
      new FetchError('E_FETCH_TOO_LARGE', url, `the page received more than ${max} bytes (all responses)`),
    );
  }, 100);
  timer.unref();
  page.once('close', () => clearInterval(timer));
}
