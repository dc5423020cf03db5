// The one place that talks HTTP to the console server: same-origin cookies, CSRF header, typed errors.

/** An error answered by the API (`{ error: { code, message } }`) or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** Field errors of a validation failure, keyed by dotted path (e.g. `units.0.aliases.1`). */
  readonly fields: Record<string, string>;
  constructor(status: number, code: string, message: string, fields: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

/** Name of the header that carries the CSRF token on state-changing requests. */
export const CSRF_HEADER = 'x-csrf-token';

let csrfToken: string | undefined;
let onUnauthorized: (() => void) | undefined;

/** Remember the CSRF token handed out at login or by GET /api/auth/me. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when the server answers 401 (session expired): the app goes back to the login page. */
export function setUnauthorizedHandler(handler: (() => void) | undefined): void {
  onUnauthorized = handler;
}

/** A query object as URL parameters; undefined and empty values are left out. */
export function toQuery(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

function readFields(body: unknown): Record<string, string> {
  const fields = (body as { error?: { fields?: unknown } } | null)?.error?.fields;
  const out: Record<string, string> = {};
  if (!Array.isArray(fields)) return out;
  for (const field of fields as { path?: unknown; message?: unknown }[]) {
    const path = Array.isArray(field.path) ? field.path.join('.') : String(field.path ?? '');
    out[path] = String(field.message ?? '');
  }
  return out;
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy page): fall back to the status line.
  }
  const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
  return new ApiError(
    response.status,
    error?.code ?? 'E_HTTP',
    error?.message ?? `请求失败（HTTP ${response.status}）`,
    readFields(body),
  );
}

/** Send a request; resolves to the raw Response when ok, else throws ApiError. */
export async function request(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== undefined) headers[CSRF_HEADER] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, 'E_NETWORK', '无法连接服务器，请检查网络');
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401 && !path.startsWith('/api/auth/')) onUnauthorized?.();
    throw error;
  }
  return response;
}

/** GET a JSON resource. */
export async function getJson<T>(path: string): Promise<T> {
  return (await (await request('GET', path)).json()) as T;
}

/** Send JSON with POST/PUT/PATCH/DELETE and read the JSON answer (empty answers become `{}`). */
export async function sendJson<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await request(method, path, body);
  const text = await response.text();
  return (text === '' ? {} : JSON.parse(text)) as T;
}
