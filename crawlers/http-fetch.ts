import { type Dispatcher, request } from 'undici';
import { FetchError, type FetchErrorCode } from '../core/errors.js';
import { retryAfterMs } from '../core/retry-after.js';
import { type AddressPolicy, guardUrl, type Resolver } from './address-guard.js';
import { decodeContent } from './content-encoding.js';
import { createGuardedAgent, guardErrorOf } from './guarded-connect.js';
import type { HostGate } from './host-gate.js';
import type { Validators } from './types.js';

/** Which response types a fetch accepts; anything else is E_FETCH_NOT_HTML. */
export type AcceptKind = 'html' | 'feed' | 'text' | 'json' | 'any';

/** Options of one raw HTTP fetch. */
export interface RawFetchOptions extends AddressPolicy {
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  accept: AcceptKind;
  maxRedirects?: number;
  /** Per-host politeness; each request (each redirect hop) waits for its host. */
  gate?: HostGate;
  /** Minimum delay between requests to one host, used with `gate`. */
  delayMs?: number;
  /** A 429/503 asking to wait longer than this is given up (default 120 s). */
  maxRetryAfterMs?: number;
  /**
   * An undici ProxyAgent when the source has a proxy, else a guarded agent (createGuardedAgent) that checks the
   * address each connection goes to; without one, each fetch makes (and closes) its own guarded agent.
   */
  dispatcher?: Dispatcher;
  /** Host name resolution for the guard (tests inject one that changes its answer); default the system's. */
  resolver?: Resolver;
  /** Sent as If-None-Match / If-Modified-Since; a 304 then comes back as `notModified`. */
  validators?: Validators;
}

/** A successful (2xx or 304) response with its body bytes (content-encoding undone). */
export interface RawResponse {
  /** URL after redirects. */
  url: string;
  status: number;
  contentType: string;
  bytes: Buffer;
  etag?: string;
  lastModified?: string;
  /** The server answered 304 to a conditional GET: nothing changed, `bytes` is empty. */
  notModified?: boolean;
}

/** A non-2xx response; `status` decides whether a retry can help. */
export class HttpStatusError extends FetchError {
  readonly status: number;
  /** Set after we already backed off (429/503): crawlee must not retry at once. */
  readonly final: boolean;
  constructor(url: string, status: number, detail = '', final = false) {
    super('E_FETCH_HTTP_STATUS', url, `HTTP ${status}${detail}`);
    this.status = status;
    this.final = final;
  }
}

/** A redirect loop or too many redirects: retrying cannot help. */
export class RedirectError extends FetchError {
  constructor(url: string, message: string) {
    super('E_FETCH_UNREACHABLE', url, message);
  }
}

const ACCEPT_HEADER: Record<AcceptKind, string> = {
  html: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
  feed: 'application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5',
  text: 'text/plain,*/*;q=0.5',
  json: 'application/json,text/javascript;q=0.9,*/*;q=0.5',
  any: 'text/html,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5',
};

/** Backoff attempts on 429/503 before giving up for this cycle. */
const BUSY_RETRIES = 2;
/** Wait on a 429 without Retry-After. */
const DEFAULT_BUSY_MS = 10_000;

type HopResult = { kind: 'redirect'; location: string } | { kind: 'done'; response: RawResponse };

/**
 * GETs a URL with the configured User-Agent, following up to 5 redirects (each hop checked by the private-address
 * guard after DNS, and refused when it loops), one request per host at a time (gate), within a timeout per
 * request and a size cap, backing off on 429/503 as Retry-After asks. Throws FetchError on any failure.
 */
export async function fetchRaw(url: string, options: RawFetchOptions): Promise<RawResponse> {
  if (options.dispatcher) return fetchHops(url, options);
  const agent = createGuardedAgent(options, options.resolver);
  try {
    return await fetchHops(url, { ...options, dispatcher: agent });
  } finally {
    await agent.close().catch(() => undefined);
  }
}

async function fetchHops(url: string, options: RawFetchOptions): Promise<RawResponse> {
  let current = url;
  const seen = new Set<string>();
  try {
    for (let hop = 0; hop <= (options.maxRedirects ?? 5); hop++) {
      checkProtocol(current);
      if (seen.has(current)) throw new RedirectError(url, `redirect loop (back to ${current})`);
      seen.add(current);
      await guardUrl(current, options, options.resolver);
      const result = await fetchHop(current, options);
      if (result.kind === 'done') return result.response;
      current = result.location;
    }
    throw new RedirectError(url, `too many redirects (more than ${options.maxRedirects ?? 5})`);
  } catch (err) {
    throw toFetchError(err, current);
  }
}

/** Whether a FetchError is worth one retry (network trouble, timeouts, 5xx, 429), as opposed to a final answer. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof HttpStatusError) return !err.final && (err.status >= 500 || err.status === 429);
  if (err instanceof RedirectError) return false;
  if (err instanceof FetchError) return err.code === 'E_FETCH_UNREACHABLE' || err.code === 'E_FETCH_TIMEOUT';
  return true;
}

/** One hop, with backoff when the host says it is busy. */
async function fetchHop(url: string, options: RawFetchOptions): Promise<HopResult> {
  const maxWait = options.maxRetryAfterMs ?? 120_000;
  for (let attempt = 0; ; attempt++) {
    const run = () => requestOnce(url, options);
    const outcome = options.gate ? await options.gate.run(url, options.delayMs ?? 0, run) : await run();
    if (outcome.kind !== 'busy') return outcome;
    const wait = outcome.retryAfter ?? DEFAULT_BUSY_MS * (attempt + 1);
    if (attempt >= BUSY_RETRIES || wait > maxWait) {
      const detail = outcome.retryAfter !== undefined ? ` (Retry-After ${Math.ceil(wait / 1000)} s)` : '';
      throw new HttpStatusError(url, outcome.status, `${detail}; gave up after ${attempt} backoff(s)`, true);
    }
    if (options.gate) options.gate.pause(url, wait);
    else await new Promise((r) => setTimeout(r, wait));
  }
}

type Outcome = HopResult | { kind: 'busy'; status: number; retryAfter?: number };

async function requestOnce(url: string, options: RawFetchOptions): Promise<Outcome> {
  // A timer cleared when done, not AbortSignal.timeout: a late abort would error an already discarded body.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  const signal = controller.signal;
  try {
    const res = await request(url, {
      method: 'GET',
      signal,
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
      headers: requestHeaders(options),
    });
    const header = (name: string): string | undefined => {
      const v = res.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const status = res.statusCode;
    const location = header('location');
    if (status >= 300 && status < 400 && status !== 304 && location) {
      discard(res.body);
      return { kind: 'redirect', location: new URL(location, url).toString() };
    }
    if (status === 304 && options.validators) {
      discard(res.body);
      const response: RawResponse = {
        url,
        status,
        contentType: header('content-type') ?? '',
        bytes: Buffer.alloc(0),
      };
      return { kind: 'done', response: { ...response, notModified: true } };
    }
    if (status === 429 || status === 503) {
      discard(res.body);
      const retryAfter = retryAfterMs(header('retry-after'), new Date());
      // A 503 without Retry-After is an ordinary failure (crawlee retries it once), not a "slow down".
      if (status === 503 && retryAfter === undefined) throw new HttpStatusError(url, status);
      return { kind: 'busy', status, ...(retryAfter !== undefined ? { retryAfter } : {}) };
    }
    if (status < 200 || status >= 300) {
      discard(res.body);
      throw new HttpStatusError(url, status);
    }
    const contentType = header('content-type') ?? '';
    if (!isAccepted(contentType, options.accept)) {
      discard(res.body);
      throw new FetchError('E_FETCH_NOT_HTML', url, `unexpected content type ${contentType}`);
    }
    const declared = Number(header('content-length') ?? Number.NaN);
    if (declared > options.maxBytes) {
      discard(res.body);
      throw new FetchError(
        'E_FETCH_TOO_LARGE',
        url,
        `content-length ${declared} exceeds ${options.maxBytes} bytes`,
      );
    }
    const raw = await readCapped(res.body, url, options.maxBytes);
    const bytes = decodeContent(raw, header('content-encoding') ?? '', url, options.maxBytes);
    if (bytes.toString('latin1').trim() === '') throw new FetchError('E_FETCH_EMPTY', url, 'empty response');
    const etag = header('etag');
    const lastModified = header('last-modified');
    const response: RawResponse = { url, status, contentType, bytes };
    if (etag) response.etag = etag;
    if (lastModified) response.lastModified = lastModified;
    return { kind: 'done', response };
  } catch (err) {
    throw toFetchError(err, url, signal);
  } finally {
    clearTimeout(timer);
  }
}

/** Drops a body we will not read; its late errors (an abort) must not surface as unhandled. */
function discard(body: { on(event: 'error', fn: () => void): unknown; destroy(): void }): void {
  body.on('error', () => undefined);
  body.destroy();
}

function requestHeaders(options: RawFetchOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': options.userAgent,
    accept: ACCEPT_HEADER[options.accept],
    'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (options.validators?.etag) headers['if-none-match'] = options.validators.etag;
  if (options.validators?.lastModified) headers['if-modified-since'] = options.validators.lastModified;
  return headers;
}

function checkProtocol(url: string): void {
  const protocol = new URL(url).protocol;
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new FetchError('E_FETCH_UNREACHABLE', url, `unsupported protocol ${protocol}`);
  }
}

function isAccepted(contentType: string, accept: AcceptKind): boolean {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  // A missing type is common on small sites; the body decides later (an empty or non-HTML body yields no article).
  if (type === '') return true;
  if (accept === 'text') return type.startsWith('text/');
  if (type === 'text/html' || type === 'application/xhtml+xml') return true;
  if (accept === 'json') return /json|javascript|^text\//.test(type);
  if (accept === 'feed' || accept === 'any') return /xml|rss|atom|^text\//.test(type);
  return false;
}

async function readCapped(body: Dispatcher.ResponseData['body'], url: string, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > max) {
      discard(body);
      throw new FetchError('E_FETCH_TOO_LARGE', url, `body exceeds ${max} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function toFetchError(err: unknown, url: string, signal?: AbortSignal): FetchError {
  if (err instanceof FetchError) return err;
  // Refused by the guarded connection (the address actually connected to is private).
  const guard = guardErrorOf(err);
  if (guard)
    return new FetchError(guard.code as FetchErrorCode, url, guard.message.replace(/^.*?: /, ''), {
      cause: err,
    });
  if (signal?.aborted) return new FetchError('E_FETCH_TIMEOUT', url, 'timed out', { cause: err });
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const detail = e.cause?.code ?? e.code ?? e.cause?.message ?? e.message ?? String(err);
  return new FetchError('E_FETCH_UNREACHABLE', url, `cannot connect (${detail})`, { cause: err });
}
