import { join } from 'node:path';
import { Agent, fetch } from 'undici';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startConsole } from '../../console/server.js';
import { silentLogger } from '../../core/log.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { tempDir } from '../console/fixtures.js';
import { seededStore, testDeps } from '../console/seed.js';
import { createAccount, TEST_PASSWORD } from '../console/session.js';

// Finding 5 of issue 23: after 6 failures a restart let the next try in; 60 usernames from one address got no
// 429; any 10 characters were a password; an admin-set password did not force a change. Every test here runs a
// real console on 127.0.0.1 over a real SQLite file; client addresses other than 127.0.0.1 are other loopback
// addresses (127.0.0.0/8) the client binds to.

/** The fields of API answers these tests read. */
interface ApiJson {
  error: { code: string; message: string; fields?: { path: string; message: string }[] };
  user: { name: string; mustChangePassword: boolean };
  csrfToken: string;
  password?: string;
}

const agents = new Map<string, Agent>();
const from = (ip: string) => {
  let agent = agents.get(ip);
  if (!agent) {
    agent = new Agent({ localAddress: ip });
    agents.set(ip, agent);
  }
  return agent;
};

async function post(
  base: string,
  path: string,
  body: unknown,
  ip = '127.0.0.1',
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    dispatcher: from(ip),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    json: (text ? JSON.parse(text) : {}) as ApiJson,
  };
}

const login = (base: string, username: string, password: string, ip?: string) =>
  post(base, '/api/auth/login', { username, password }, ip);

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});
afterAll(async () => {
  for (const agent of agents.values()) await agent.close();
});

/** A console over dir/yuqing.db; `stop` closes the server and the store as a shutdown would. */
async function serve(
  dir: string,
  store: SqliteStore,
  policy?: Parameters<typeof startConsole>[0]['loginPolicy'],
) {
  const deps = testDeps(dir, store);
  const running = await startConsole({
    ...deps,
    host: '127.0.0.1',
    port: 0,
    ...(policy ? { loginPolicy: policy } : {}),
  });
  const stop = async () => {
    await running.close();
    await store.close();
  };
  return { url: running.url, config: deps.config, stop };
}

async function reopen(dir: string): Promise<SqliteStore> {
  const store = new SqliteStore({ path: join(dir, 'yuqing.db'), logger: silentLogger() });
  await store.init();
  return store;
}

function fresh() {
  const tmp = tempDir();
  stops.push(async () => tmp.remove());
  return tmp.dir;
}

describe('login throttle (persisted in the store)', () => {
  it('keeps an account locked across a restart on the same database, with 429 and a Chinese retry time', async () => {
    const dir = fresh();
    const store = await seededStore(dir);
    await createAccount(store, testDeps(dir, store).config, { name: 'liming', role: 'officer' });
    const first = await serve(dir, store);
    for (let i = 0; i < 5; i++)
      expect((await login(first.url, 'liming', `wrong-guess-${i}`)).status).toBe(401);
    const locked = await login(first.url, 'liming', TEST_PASSWORD);
    expect(locked.status).toBe(429);
    await first.stop();

    const second = await serve(dir, await reopen(dir));
    stops.push(second.stop);
    const before = Date.now();
    const again = await login(second.url, 'liming', TEST_PASSWORD);
    expect(again.status).toBe(429);
    expect(again.json.error.code).toBe('E_RATE_LIMIT');
    const retryAfter = Number(again.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    const message = String(again.json.error.message);
    expect(message).toMatch(
      /^该账号登录失败次数过多，请于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} 之后再试（约 1[45] 分钟后）$/,
    );
    // The time is office time (Asia/Shanghai) and agrees with Retry-After.
    const shown = /(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})/.exec(message) ?? [];
    const at = Date.parse(`${shown[1]}T${shown[2]}+08:00`);
    expect(Math.abs(at - (before + retryAfter * 1000))).toBeLessThan(5000);
  });

  it('stops one address trying many names: 60 usernames from one IP meet 429 after 20 failures', async () => {
    const dir = fresh();
    const store = await seededStore(dir);
    await createAccount(store, testDeps(dir, store).config, { name: 'officer', role: 'officer' });
    const app = await serve(dir, store);
    stops.push(app.stop);
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) {
      const res = await login(app.url, `user${i}`, 'not-the-password', '127.0.0.7');
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.json.error.message).toContain('来自该地址的登录失败次数过多');
        break;
      }
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(20);
    expect(statuses.at(-1)).toBe(429);
    // Even the right password for a real account is refused from that address, but not from another one.
    expect((await login(app.url, 'officer', TEST_PASSWORD, '127.0.0.7')).status).toBe(429);
    expect((await login(app.url, 'officer', TEST_PASSWORD, '127.0.0.8')).status).toBe(200);
  });

  it('brakes guessing spread over many addresses with the global cap', async () => {
    const dir = fresh();
    const store = await seededStore(dir);
    await createAccount(store, testDeps(dir, store).config, { name: 'officer', role: 'officer' });
    // The same rule with small numbers, so the test needs 12 failures rather than 100.
    const app = await serve(dir, store, { windowMs: 15 * 60 * 1000, perUser: 5, perIp: 3, global: 12 });
    stops.push(app.stop);
    for (let n = 0; n < 4; n++) {
      for (let i = 0; i < 3; i++) {
        expect((await login(app.url, `bot${n}-${i}`, 'guess-guess', `127.0.1.${n + 1}`)).status).toBe(401);
      }
    }
    const paused = await login(app.url, 'officer', TEST_PASSWORD, '127.0.1.99');
    expect(paused.status).toBe(429);
    expect(paused.json.error.message).toMatch(/^全系统登录失败次数过多，登录已暂停/);
  });

  it('counts parallel guesses against each other: a burst of 20 gets at most 5 password checks', async () => {
    const dir = fresh();
    const store = await seededStore(dir);
    await createAccount(store, testDeps(dir, store).config, { name: 'liming', role: 'officer' });
    const app = await serve(dir, store);
    stops.push(app.stop);
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) => login(app.url, 'liming', `parallel-${i}`, `127.0.2.${i + 1}`)),
    );
    const checked = burst.filter((r) => r.status === 401).length;
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(5);
    expect(burst.filter((r) => r.status === 429)).toHaveLength(20 - checked);
  });

  it("forgets a name's failures after its owner logs in, but not the address's", async () => {
    const dir = fresh();
    const store = await seededStore(dir);
    await createAccount(store, testDeps(dir, store).config, { name: 'liming', role: 'officer' });
    const app = await serve(dir, store, { windowMs: 15 * 60 * 1000, perUser: 3, perIp: 4, global: 100 });
    stops.push(app.stop);
    for (let i = 0; i < 2; i++)
      expect((await login(app.url, 'liming', `typo-${i}`, '127.0.3.1')).status).toBe(401);
    expect((await login(app.url, 'liming', TEST_PASSWORD, '127.0.3.1')).status).toBe(200);
    // Two more typos are allowed again for the name; the address has its 2 earlier failures and reaches 4.
    for (let i = 0; i < 2; i++)
      expect((await login(app.url, 'liming', `typo-${i}`, '127.0.3.1')).status).toBe(401);
    expect((await login(app.url, 'liming', TEST_PASSWORD, '127.0.3.1')).status).toBe(429);
  });
});
