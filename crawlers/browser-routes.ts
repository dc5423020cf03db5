import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Page, Route } from 'playwright-core';
import type { Logger } from '../core/log.js';
import { type AddressPolicy, isExemptUrl, isPrivateAddress } from './address-guard.js';
import type { FetchedPage } from './fetch-page.js';

const SKIPPED_RESOURCES = new Set(['image', 'media', 'font']);

/** What the browser's request interception needs. */
export interface BrowserRouteOptions {
  policy: AddressPolicy;
  userAgent: string;
  timeoutMs: number;
  logger: Logger;
  /** Called with each URL refused by the guard (tests and logs). */
  onBlocked?: (url: string) => void;
}

/**
 * Answers the browser's requests: the main document from what fetchPage already fetched (guard, cap, charset
 * done), every other request fetched here without following redirects, each URL and each redirect target
 * checked against the private-address guard after DNS (resolved in Node). Images, media and fonts are dropped.
 */
export async function routeBrowserRequests(
  page: Page,
  requestUrl: string,
  doc: FetchedPage,
  options: BrowserRouteOptions,
): Promise<void> {
  const verdicts = new Map<string, Promise<boolean>>();
  const isBlocked = (url: string): Promise<boolean> => {
    if (!/^https?:/.test(url)) return Promise.resolve(true);
    if (isExemptUrl(url, options.policy)) return Promise.resolve(false);
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    let verdict = verdicts.get(host);
    if (!verdict) {
      verdict = isIP(host)
        ? Promise.resolve(isPrivateAddress(host))
        : lookup(host, { all: true }).then(
            (all) => all.some((a) => isPrivateAddress(a.address)),
            () => true,
          );
      verdicts.set(host, verdict);
    }
    return verdict;
  };
  const block = (route: Route, url: string) => {
    options.logger.debug({ url }, 'browser request refused by the address guard');
    options.onBlocked?.(url);
    return route.abort('blockedbyclient');
  };

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
    }
    if (SKIPPED_RESOURCES.has(req.resourceType())) return route.abort('blockedbyclient');
    if (await isBlocked(url)) return block(route, url);
    try {
      const response = await route.fetch({
        headers: { ...req.headers(), 'user-agent': options.userAgent },
        maxRedirects: 0,
        timeout: options.timeoutMs,
      });
      const location = response.headers().location;
      if (response.status() >= 300 && response.status() < 400 && location) {
        const target = new URL(location, url).toString();
        // The browser follows the redirect itself and comes back here, but refusing now keeps it off the wire.
        if (await isBlocked(target)) return block(route, target);
      }
      return route.fulfill({ response });
    } catch (err) {
      options.logger.debug({ url, err: (err as Error).message }, 'browser subrequest failed');
      return route.abort('failed').catch(() => undefined);
    }
  });
}
