import { readFile } from 'node:fs/promises';
import { DateTime } from 'luxon';
import type { Settings } from '../config/schema.js';
import { FetchError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { decodeBody } from './decode.js';
import { type ExtractOptions, extractArticle } from './extract/article.js';
import { classifyPage } from './extract/page-kind.js';
import { type AcceptKind, fetchRaw, type RawFetchOptions } from './http-fetch.js';
import { extractPageItems } from './page-articles.js';
import type { ExtractedPage } from './types.js';

/** What fetchPage needs: crawl settings (UA, guard, limits), the zone for fetchedAt, a logger. */
export interface FetchPageOptions {
  crawl: Settings['crawl'];
  timezone: string;
  logger: Logger;
  /** Charset override (source.encoding). */
  encoding?: string;
  now?: () => Date;
  accept?: AcceptKind;
  /** Overrides of the raw fetch (host gate, delay, proxy dispatcher, validators, User-Agent). */
  fetch?: Partial<Omit<RawFetchOptions, 'accept'>>;
}

/** A fetched and decoded page. */
export interface FetchedPage {
  /** URL after redirects. */
  finalUrl: string;
  contentType: string;
  html: string;
  /** ISO 8601 with offset. */
  fetchedAt: string;
  /** The bytes as received (content-encoding undone), kept as evidence. */
  bytes: Buffer;
  status: number;
  etag?: string;
  lastModified?: string;
  /** 304 to a conditional GET: nothing new; `html` is empty. */
  notModified?: boolean;
}

/**
 * Fetches one page with the configured User-Agent, private-address guard, timeout and size cap, and decodes it
 * from its bytes (override, BOM, header, <meta>, UTF-8/GBK). Throws FetchError on any failure.
 */
export async function fetchPage(url: string, options: FetchPageOptions): Promise<FetchedPage> {
  const { crawl } = options;
  const res = await fetchRaw(url, {
    userAgent: crawl.userAgent,
    timeoutMs: crawl.timeoutSecs * 1000,
    maxBytes: crawl.maxPageBytes,
    allowPrivateAddresses: crawl.allowPrivateAddresses,
    allowPrivateHosts: crawl.allowPrivateHosts,
    maxRetryAfterMs: crawl.maxRetryAfterSecs * 1000,
    ...options.fetch,
    accept: options.accept ?? 'html',
  });
  const now = options.now?.() ?? new Date();
  const base = {
    finalUrl: res.url,
    contentType: res.contentType,
    fetchedAt: isoIn(now, options.timezone),
    bytes: res.bytes,
    status: res.status,
    ...(res.etag ? { etag: res.etag } : {}),
    ...(res.lastModified ? { lastModified: res.lastModified } : {}),
  };
  if (res.notModified) return { ...base, html: '', notModified: true };
  if (looksBinary(res.bytes)) {
    throw new FetchError('E_FETCH_NOT_HTML', res.url, 'body is binary (no HTML)');
  }
  const decoded = decodeBody(res.bytes, { contentType: res.contentType, override: options.encoding });
  options.logger.debug({ url: res.url, encoding: decoded.encoding, from: decoded.source }, 'page decoded');
  return { ...base, html: decoded.text };
}

/**
 * Reads a saved page from disk and runs the crawler's extractor on it (decoded like a fetched page): a forum
 * thread gives its first post, anything else the generic (or 公众号) extraction.
 */
export async function extractFile(
  path: string,
  options: Omit<ExtractOptions, 'selectors'> & { encoding?: string },
): Promise<ExtractedPage> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new FetchError(
      'E_FETCH_UNREACHABLE',
      path,
      `cannot read file (${(err as NodeJS.ErrnoException).code})`,
      {
        cause: err,
      },
    );
  }
  const html = decodeBody(bytes, { override: options.encoding }).text;
  return mainItem(html, `file://${path}`, options);
}

/** The main item of a page as the crawler sees it (a thread's first post, or the article). */
export function mainItem(
  html: string,
  url: string,
  options: Omit<ExtractOptions, 'selectors'>,
): ExtractedPage {
  const dates = { timezone: options.timezone, now: options.now ?? new Date() };
  const items = extractPageItems(html, url, {}, dates);
  const first = items[0]?.page ?? extractArticle(html, url, options);
  // A thread with its replies is an article page however many links it shows.
  return items.length > 1 ? { ...first, kind: 'article' } : classifyPage(html, url, first);
}

/** ISO 8601 with the zone's offset, e.g. 2025-05-13T07:34:00+08:00. */
export function isoIn(date: Date, timezone: string): string {
  return (
    DateTime.fromJSDate(date).setZone(timezone).startOf('second').toISO({ suppressMilliseconds: true }) ??
    date.toISOString()
  );
}

/** PDFs, images and archives served without a Content-Type: NUL bytes or a known signature in the first bytes. */
function looksBinary(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 1024);
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (!utf16 && controlShare(head) > 0.1) return true;
  const sig = head.subarray(0, 8).toString('latin1');
  return (
    sig.startsWith('%PDF') ||
    sig.startsWith('\x89PNG') ||
    sig.startsWith('GIF8') ||
    sig.startsWith('PK\x03\x04')
  );
}

// Share of control bytes (tab, newline, carriage return and form feed excepted): a stray NUL in a text page is
// not binary, a body made of them is.
function controlShare(head: Buffer): number {
  if (head.length === 0) return 0;
  let controls = 0;
  for (const byte of head)
    if (byte < 0x20 && byte !== 9 && byte !== 10 && byte !== 12 && byte !== 13) controls++;
  return controls / head.length;
}
