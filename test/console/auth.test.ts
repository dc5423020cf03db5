import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../console/accounts.js';
import { createConsoleServer } from '../../console/server.js';
import type { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { tempDir } from './fixtures.js';
import { seededStore, testDeps } from './seed.js';
import { createAccount, login, sessionCookie, TEST_PASSWORD, type TestSession } from './session.js';

let app: FastifyInstance;
let store: SqliteStore;
let admin: TestSession;
let cleanup: () => Promise<void>;
const deps = { config: undefined as unknown as ReturnType<typeof testDeps>['config'] };

beforeAll(async () => {
  const tmp = tempDir();
  store = await seededStore(tmp.dir);
  const d = testDeps(tmp.dir, store);
  deps.config = d.config;
  app = createConsoleServer(d);
  await app.ready();
  await createAccount(store, d.config, { name: 'admin', role: 'admin' });
  await createAccount(store, d.config, { name: 'officer', role: 'officer' });
  admin = await login(app, 'admin');
  cleanup = async () => {
    await app.close();
    await store.close();
    tmp.remove();
  };
});

afterAll(async () => cleanup());

const loginAs = (username: string, password: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers });

describe('every API route needs a session', () => {
  it('answers 401 on each route of the OpenAPI document without a session, except login and health', async () => {
    const doc = await admin.getJson<{ paths: Record<string, Record<string, { 'x-auth': string }>> }>(
      '/api/openapi.json',
    );
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        path,
        method: method.toUpperCase(),
        auth: op['x-auth'],
      })),
    );
    expect(operations.length).toBeGreaterThan(25);
    const publicOnes = operations.filter((o) => o.auth === 'public').map((o) => `${o.method} ${o.path}`);
    expect(publicOnes.sort()).toEqual(['GET /api/health', 'POST /api/auth/login']);
    for (const op of operations) {
      const url = op.path.replace(/\{[^}]+\}/g, 'x');
      const res = await app.inject({
        method: op.method as 'GET',
        url,
        payload: op.method === 'GET' ? undefined : {},
      });
      if (op.auth === 'public') {
        expect(res.statusCode, `${op.method} ${url}`).not.toBe(401);
      } else {
        expect(res.statusCode, `${op.method} ${url}`).toBe(401);
        expect(res.json()).toMatchObject({ error: { code: 'E_AUTH' } });
      }
    }
  });

  it('lists the routes the SPA needs in the OpenAPI document', async () => {
    const doc = await admin.getJson<{ openapi: string; paths: Record<string, object> }>('/api/openapi.json');
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/api/search',
      '/api/search/export',
      '/api/saved-searches/{id}',
      '/api/articles/{id}/evidence/frame',
      '/api/tips/{id}/transitions',
      '/api/dashboard',
      '/api/rounds/{id}/config',
      '/api/rounds/{id}/dry-run',
      '/api/audit',
      '/api/openapi.json',
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
  });
});

describe('login and logout', () => {
  it('sets an HttpOnly SameSite=Strict cookie, Secure only behind HTTPS, and never returns the hash', async () => {
    const plain = await loginAs('officer', TEST_PASSWORD);
    expect(plain.statusCode).toBe(200);
    const cookie = String(plain.headers['set-cookie']);
    expect(cookie).toMatch(/^yq_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).not.toContain('Secure');
    expect(plain.body).not.toContain('scrypt');
    expect(plain.json()).toMatchObject({
      user: { name: 'officer', role: 'officer' },
      csrfToken: expect.any(String),
    });
    const proxied = await loginAs('officer', TEST_PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(String(proxied.headers['set-cookie'])).toContain('Secure');
  });

  it('stores only a hash of the session id', async () => {
    const res = await loginAs('officer', TEST_PASSWORD);
    const id = sessionCookie(res).split('=')[1] ?? '';
    const rows = store.database.prepare('SELECT id_hash FROM sessions').all() as { id_hash: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.id_hash === id)).toBe(false);
    const users = store.database.prepare('SELECT password_hash FROM users').all() as {
      password_hash: string;
    }[];
    expect(
      users.every((u) => u.password_hash.startsWith('scrypt$') && !u.password_hash.includes(TEST_PASSWORD)),
    ).toBe(true);
  });

  it('ends the session on logout', async () => {
    const session = await login(app, 'officer');
    expect((await session.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    expect((await session.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
    const after = await session.inject({ method: 'GET', url: '/api/auth/me' });
    expect(after.statusCode).toBe(401);
  });

  it('refuses a wrong password with 401 and rate-limits after 5 failures with 429 and Retry-After', async () => {
    await createAccount(store, deps.config, { name: 'limited', role: 'officer' });
    for (let i = 0; i < 5; i++) {
      const res = await loginAs('limited', 'wrong-password');
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ error: { code: 'E_AUTH' } });
    }
    const blocked = await loginAs('limited', TEST_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ error: { code: 'E_RATE_LIMIT' } });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
    // Another user from the same address is not affected.
    expect((await loginAs('officer', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses unknown and disabled accounts alike', async () => {
    expect((await loginAs('nobody', TEST_PASSWORD)).statusCode).toBe(401);
    await createAccount(store, deps.config, { name: 'gone', role: 'officer' });
    await store.updateUser('gone', { disabled: true });
    expect((await loginAs('gone', TEST_PASSWORD)).statusCode).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses state-changing requests without the x-csrf-token header or with a wrong one', async () => {
    const session = await login(app, 'officer');
    const payload = { name: 'csrf', params: { q: '收费' } };
    const none = await app.inject({
      method: 'POST',
      url: '/api/saved-searches',
      payload,
      headers: { cookie: session.cookie },
    });
    expect(none.statusCode).toBe(403);
    expect(none.json()).toMatchObject({ error: { code: 'E_CSRF' } });
    const wrong = await session.inject({
      method: 'POST',
      url: '/api/saved-searches',
      payload,
      headers: { 'x-csrf-token': 'x'.repeat(43) },
    });
    expect(wrong.statusCode).toBe(403);
    const right = await session.inject({ method: 'POST', url: '/api/saved-searches', payload });
    expect(right.statusCode).toBe(201);
  });

  it('gives the same token again from /api/auth/me', async () => {
    const session = await login(app, 'officer');
    const me = await session.getJson<{ csrfToken: string; user: { name: string } }>('/api/auth/me');
    expect(me).toMatchObject({ csrfToken: session.csrfToken, user: { name: 'officer' } });
  });
});

describe('one-time passwords and roles', () => {
  it('makes a first-login account change its password before anything else', async () => {
    const created = await addAccount(store, deps.config, { name: 'newbie', role: 'officer' }, new Date());
    expect(created.password).toMatch(/^[A-Za-z2-9]{16}$/);
    const session = await login(app, 'newbie', created.password);
    const blocked = await session.inject({ method: 'GET', url: '/api/search' });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toMatchObject({ error: { code: 'E_PASSWORD_CHANGE' } });
    const short = await session.inject({
      method: 'POST',
      url: '/api/auth/password',
      payload: { oldPassword: created.password, newPassword: 'short' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields[0].path).toBe('newPassword');
    const changed = await session.inject({
      method: 'POST',
      url: '/api/auth/password',
      payload: { oldPassword: created.password, newPassword: 'a-much-better-one' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await session.inject({ method: 'GET', url: '/api/search' })).statusCode).toBe(200);
    expect((await loginAs('newbie', 'a-much-better-one')).statusCode).toBe(200);
  });

  it('keeps round setup, users and the audit log for admins', async () => {
    const officer = await login(app, 'officer');
    for (const [method, url] of [
      ['GET', '/api/users'],
      ['GET', '/api/audit'],
      ['GET', '/api/rounds/2026-r4/config'],
      ['POST', '/api/rounds/2026-r4/dry-run'],
    ] as const) {
      const res = await officer.inject({
        method,
        url,
        payload: method === 'POST' ? { text: 'x' } : undefined,
      });
      expect(res.statusCode, url).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: 'E_FORBIDDEN' } });
    }
    expect((await admin.inject({ method: 'GET', url: '/api/users' })).statusCode).toBe(200);
  });

  it('lets an admin create an account with a generated password and disable it', async () => {
    const res = await admin.inject({
      method: 'POST',
      url: '/api/users',
      payload: { name: 'team2', role: 'team', rounds: ['2026-r4'], units: ['qsz'], team: '第二巡察组' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { user, password } = res.json() as { user: { mustChangePassword: boolean }; password: string };
    expect(user.mustChangePassword).toBe(true);
    const bad = await admin.inject({
      method: 'POST',
      url: '/api/users',
      payload: { name: 'team3', role: 'team', rounds: ['nope'], units: [] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([{ path: 'rounds.0', message: '未知轮次「nope」' }]);
    const session = await login(app, 'team2', password);
    const disabled = await admin.inject({
      method: 'PATCH',
      url: '/api/users/team2',
      payload: { disabled: true },
    });
    expect(disabled.statusCode).toBe(200);
    expect((await session.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });
});
