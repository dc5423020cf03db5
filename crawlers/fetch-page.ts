import { readFile } from 'node:fs/promises';
import { DateTime } from 'luxon';
import type { Settings } from '../config/schema.js';
import { FetchError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { decodeBody } from './decode.js';
import { type ExtractOptions, extractArticle } from './extract/article.js';
import { type AcceptKind, fetchRaw } from './http-fetch.js';
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
}

/** A fetched and decoded page. */
export interface FetchedPage {
  /** URL after redirects. */
  finalUrl: string;
  contentType: string;
  html: string;
  /** ISO 8601 with offset. */
  fetchedAt: string;
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
    accept: options.accept ?? 'html',
  });
  if (looksBinary(res.bytes)) {
    throw new FetchError('E_FETCH_NOT_HTML', res.url, 'body is binary (no HTML)');
  }
  const decoded = decodeBody(res.bytes, { contentType: res.contentType, override: options.encoding });
  options.logger.debug({ url: res.url, encoding: decoded.encoding, from: decoded.source }, 'page decoded');
  const now = options.now?.() ?? new Date();
  return {
    finalUrl: res.url,
    contentType: res.contentType,
    html: decoded.text,
    fetchedAt: isoIn(now, options.timezone),
  };
}

/** Reads a saved page from disk and runs the generic extractor on it (decoded like a fetched page). */
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
  return extractArticle(html, `file://${path}`, options);
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
  if (
    head.includes(0) &&
    !(head[0] === 0xff && head[1] === 0xfe) &&
    !(head[0] === 0xfe && head[1] === 0xff)
  ) {
    return true;
  }
  const sig = head.subarray(0, 8).toString('latin1');
  return (
    sig.startsWith('%PDF') ||
    sig.startsWith('\x89PNG') ||
    sig.startsWith('GIF8') ||
    sig.startsWith('PK\x03\x04')
  );
}
