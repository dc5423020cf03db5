// Console tests log in like a browser: an account in the store, POST /api/auth/login, then the session cookie
// and the CSRF header on every request.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { AppConfig } from '../../config/schema.js';
import { addAccount, type NewAccount } from '../../console/accounts.js';
import type { Store } from '../../store/store.js';

/** Password of every test account. */
export const TEST_PASSWORD = 'correct-horse-battery';

/** A logged-in client of an app under test. */
export interface TestSession {
  cookie: string;
  csrfToken: string;
  /** app.inject with the session cookie and CSRF header added. */
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  /** GET and parse JSON, expecting `status`. */
  getJson<T>(url: string, status?: number): Promise<T>;
}

/** Create an account in the store (password TEST_PASSWORD unless given), as if its owner had chosen it. */
export async function createAccount(
  store: Store,
  config: AppConfig,
  account: Omit<NewAccount, 'password'> & { password?: string },
): Promise<void> {
  await addAccount(
    store,
    config,
    { password: TEST_PASSWORD, mustChangePassword: false, ...account },
    new Date(),
  );
}

/** The `name=value` pair of a Set-Cookie header. */
export function sessionCookie(res: LightMyRequestResponse): string {
  const header = res.headers['set-cookie'];
  const line = Array.isArray(header) ? header[0] : header;
  if (!line) throw new Error(`no Set-Cookie in ${res.statusCode} ${res.body}`);
  return line.split(';')[0] ?? '';
}

/** Log in through the API and return a client carrying the session. */
export async function login(
  app: FastifyInstance,
  username: string,
  password = TEST_PASSWORD,
): Promise<TestSession> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = sessionCookie(res);
  const { csrfToken } = res.json() as { csrfToken: string };
  const inject = (options: InjectOptions) =>
    app.inject({
      ...options,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(options.headers ?? {}) },
    });
  return {
    cookie,
    csrfToken,
    inject,
    async getJson<T>(url: string, status = 200): Promise<T> {
      const r = await inject({ method: 'GET', url });
      if (r.statusCode !== status) throw new Error(`GET ${url}: ${r.statusCode} ${r.body}`);
      return r.json() as T;
    },
  };
}

/** Create an account and log it in. */
export async function signIn(
  app: FastifyInstance,
  store: Store,
  config: AppConfig,
  account: Omit<NewAccount, 'password'>,
): Promise<TestSession> {
  await createAccount(store, config, account);
  return login(app, account.name);
}
