import { FetchError } from '../core/errors.js';
import { assertPublicUrl } from './address-guard.js';

/** Which response types a fetch accepts; anything else is E_FETCH_NOT_HTML. */
export type AcceptKind = 'html' | 'feed' | 'text';

/** Options of one raw HTTP fetch. */
export interface RawFetchOptions {
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  allowPrivateAddresses: boolean;
  accept: AcceptKind;
  maxRedirects?: number;
}

/** A successful (2xx) response with its body bytes. */
export interface RawResponse {
  /** URL after redirects. */
  url: string;
  status: number;
  contentType: string;
  bytes: Buffer;
}

/** A non-2xx response; `status` decides whether a retry can help. */
export class HttpStatusError extends FetchError {
  readonly status: number;
  constructor(url: string, status: number) {
    super('E_FETCH_HTTP_STATUS', url, `HTTP ${status}`);
    this.status = status;
  }
}

const ACCEPT_HEADER: Record<AcceptKind, string> = {
  html: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
  feed: 'application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5',
  text: 'text/plain,*/*;q=0.5',
};

/**
 * GETs a URL with the configured User-Agent, following up to 5 redirects (each hop checked by the private-address
 * guard), within a timeout and a size cap. Throws FetchError with a FetchErrorCode on any failure.
 */
export async function fetchRaw(url: string, options: RawFetchOptions): Promise<RawResponse> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  let current = url;
  try {
    for (let hop = 0; hop <= (options.maxRedirects ?? 5); hop++) {
      checkProtocol(current);
      if (!options.allowPrivateAddresses) await assertPublicUrl(current);
      const res = await fetch(current, {
        redirect: 'manual',
        signal,
        headers: {
          'user-agent': options.userAgent,
          accept: ACCEPT_HEADER[options.accept],
          'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5',
        },
      });
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        await res.body?.cancel();
        current = new URL(location, current).toString();
        continue;
      }
      if (res.status < 200 || res.status >= 300) {
        await res.body?.cancel();
        throw new HttpStatusError(current, res.status);
      }
      const contentType = res.headers.get('content-type') ?? '';
      if (!isAccepted(contentType, options.accept)) {
        await res.body?.cancel();
        throw new FetchError('E_FETCH_NOT_HTML', current, `unexpected content type ${contentType}`);
      }
      const bytes = await readCapped(res, current, options.maxBytes);
      if (bytes.toString('latin1').trim() === '')
        throw new FetchError('E_FETCH_EMPTY', current, 'empty response');
      return { url: current, status: res.status, contentType, bytes };
    }
    throw new FetchError('E_FETCH_UNREACHABLE', url, 'too many redirects');
  } catch (err) {
    throw toFetchError(err, current, signal);
  }
}

/** Whether a FetchError is worth one retry (network trouble, timeouts, 5xx, 429), as opposed to a final answer. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof HttpStatusError) return err.status >= 500 || err.status === 429;
  if (err instanceof FetchError) return err.code === 'E_FETCH_UNREACHABLE' || err.code === 'E_FETCH_TIMEOUT';
  return true;
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
  if (accept === 'feed') return /xml|rss|atom|^text\//.test(type);
  return false;
}

async function readCapped(res: Response, url: string, maxBytes: number): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await res.body?.cancel();
    throw new FetchError('E_FETCH_TOO_LARGE', url, `content-length ${declared} exceeds ${maxBytes} bytes`);
  }
  if (!res.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new FetchError('E_FETCH_TOO_LARGE', url, `body exceeds ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function toFetchError(err: unknown, url: string, signal: AbortSignal): FetchError {
  if (err instanceof FetchError) return err;
  if (signal.aborted) return new FetchError('E_FETCH_TIMEOUT', url, 'timed out', { cause: err });
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
  return new FetchError('E_FETCH_UNREACHABLE', url, `cannot connect (${detail})`, { cause: err });
}
