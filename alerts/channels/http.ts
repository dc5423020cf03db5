import { DeliveryError } from '../../core/errors.js';
import { retryAfterMs } from '../../core/retry-after.js';

/**
 * The receiver said "too many": a 429/503 (with its Retry-After when given) or a robot's rate-limit code. The
 * sender waits at least `retryAfterMs` and merges the channel's waiting alerts into one message.
 */
export class RateLimitError extends DeliveryError {
  /** How long the receiver asked us to wait, when it said. */
  readonly retryAfterMs?: number;
  constructor(channel: string, message: string, retryAfterMs?: number) {
    super(channel, message, true);
    if (retryAfterMs !== undefined) this.retryAfterMs = retryAfterMs;
  }
}

/** Default time a robot or webhook has to answer, including the body. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** What an HTTP endpoint answered with a 2xx status. */
export interface HttpReply {
  status: number;
  text: string;
  /** The parsed body when it is JSON. */
  json?: unknown;
}

/** Options of one POST. */
export interface PostOptions {
  timeoutMs?: number;
  headers?: Record<string, string>;
}

/** Host (and port) of a URL, the only part of a webhook address that is safe to log. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(invalid url)';
  }
}

// Keep server text in errors short: it is stored as lastError and shown in the console.
function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/**
 * POSTs a JSON body; returns the reply on 2xx. Throws DeliveryError: retryable for network errors, timeouts,
 * 429 and 5xx; not retryable for redirects and other 4xx.
 */
export async function postJson(
  channel: string,
  url: string,
  payload: unknown,
  options: PostOptions = {},
): Promise<HttpReply> {
  const host = hostOf(url);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let status: number;
  let text: string;
  let retryAfter: string | null = null;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...options.headers },
      body: JSON.stringify(payload),
      // A redirect would resend the alert to another host; robots never redirect.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    status = response.status;
    retryAfter = response.headers.get('retry-after');
    text = await response.text();
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new DeliveryError(channel, `POST ${host}: no answer within ${timeoutMs} ms`, true, {
        cause: error,
      });
    }
    throw new DeliveryError(channel, `POST ${host}: network error (${networkReason(error)})`, true, {
      cause: error,
    });
  }
  if (status === 429 || (status === 503 && retryAfter)) {
    throw new RateLimitError(channel, `POST ${host}: HTTP ${status} rate limited`, retryAfterMs(retryAfter));
  }
  if (status < 200 || status >= 300) {
    const retryable = status === 429 || status >= 500;
    const what = status >= 300 && status < 400 ? 'redirect refused' : snippet(text);
    throw new DeliveryError(channel, `POST ${host}: HTTP ${status} ${what}`.trim(), retryable);
  }
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status, text, ...(json !== undefined && { json }) };
}

/** Reads a numeric field of a JSON reply, e.g. `errcode` or `code`. */
export function numberField(json: unknown, ...keys: string[]): number | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  for (const key of keys) {
    const value = (json as Record<string, unknown>)[key];
    if (typeof value === 'number') return value;
  }
  return undefined;
}

/** Reads a string field of a JSON reply, e.g. `errmsg` or `msg`. */
export function stringField(json: unknown, ...keys: string[]): string | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  for (const key of keys) {
    const value = (json as Record<string, unknown>)[key];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

/**
 * Checks a robot's business code in a 200 reply: 0 is delivered; a rate-limit code is retryable; any other
 * code (bad token, bad signature, keyword mismatch) is not.
 */
export function checkRobotCode(
  channel: string,
  url: string,
  reply: HttpReply,
  codeKeys: string[],
  messageKeys: string[],
  rateLimitCodes: ReadonlySet<number>,
): { ok: true; status: number; detail: string } {
  const code = numberField(reply.json, ...codeKeys);
  const message = stringField(reply.json, ...messageKeys) ?? snippet(reply.text);
  if (code === 0) return { ok: true, status: reply.status, detail: message || 'ok' };
  const host = hostOf(url);
  if (code === undefined) {
    throw new DeliveryError(channel, `POST ${host}: unexpected reply "${snippet(reply.text)}"`, false);
  }
  const text = `POST ${host}: error code ${code} ${message}`.trim();
  if (rateLimitCodes.has(code)) throw new RateLimitError(channel, text);
  throw new DeliveryError(channel, text, false);
}
