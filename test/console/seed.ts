// A real SQLite store in a temp dir filled with the fixtures, and a console over it, for the console tests.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../../config/schema.js';
import {
  type ConsoleDeps,
  createConsoleServer,
  type RunningConsole,
  startConsole,
} from '../../console/server.js';
import { silentLogger } from '../../core/log.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import type { Store } from '../../store/store.js';
import { HOSTILE, NEUTRAL, PLANTED, REPOST, TOWNSHIP, tempDir, testConfig, tipFor } from './fixtures.js';
import { createAccount, signIn, TEST_PASSWORD, type TestSession } from './session.js';

/** Open a store at dir/yuqing.db and ingest the five fixtures, their tips and outbox rows. */
export async function seededStore(dir: string): Promise<SqliteStore> {
  const store = new SqliteStore({ path: join(dir, 'yuqing.db'), logger: silentLogger() });
  await store.init();
  await store.ingest({
    article: PLANTED,
    tips: [{ tip: tipFor(PLANTED, 'zjj'), channels: ['office-mail'] }],
  });
  await store.ingest({ article: REPOST, joinClusterId: PLANTED.id, tips: [] });
  await store.ingest({ article: NEUTRAL, tips: [] });
  await store.ingest({
    article: TOWNSHIP,
    tips: [{ tip: tipFor(TOWNSHIP, 'qsz', 'assigned'), channels: [] }],
  });
  await store.ingest({ article: HOSTILE, tips: [{ tip: tipFor(HOSTILE, 'zjj'), channels: [] }] });
  return store;
}

/** Deps of a console over `store` in `dir`: the API only (no page; the browser tests use the SPA harness). */
export function testDeps(dir: string, store: Store): ConsoleDeps {
  return {
    store,
    config: testConfig(dir),
    queryTerms: (q) => q.split(/\s+/).filter(Boolean),
    logger: silentLogger(),
    webRoot: null,
  };
}

/** A console listening on loopback over a seeded store, and how to take it all down again. */
export interface SeededConsole {
  running: RunningConsole;
  store: SqliteStore;
  /** Cookie header value of a logged-in officer (`officer` / TEST_PASSWORD). */
  cookie: string;
  /** Stops the server, closes the store and removes the temp dir. */
  close: () => Promise<void>;
}

/** Seed a store in a fresh temp dir and start the console on 127.0.0.1 with a free port. */
export async function startSeededConsole(options: { webRoot?: string } = {}): Promise<SeededConsole> {
  const tmp = tempDir();
  const store = await seededStore(tmp.dir);
  const deps = { ...testDeps(tmp.dir, store), ...(options.webRoot ? { webRoot: options.webRoot } : {}) };
  await createAccount(store, deps.config, { name: 'officer', role: 'officer' });
  const running = await startConsole({ ...deps, host: '127.0.0.1', port: 0 });
  const res = await fetch(`${running.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'officer', password: TEST_PASSWORD }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return {
    running,
    store,
    cookie,
    close: async () => {
      await running.close();
      await store.close();
      tmp.remove();
    },
  };
}

/** A console app (not listening; use `inject`) on a seeded store, with a signed-in session of `role`. */
export interface InjectedConsole {
  app: FastifyInstance;
  session: TestSession;
  store: SqliteStore;
  config: AppConfig;
  close(): Promise<void>;
}

/** Build the console on a freshly seeded store and sign in an account named after its role. */
export async function openSeededApp(role: 'admin' | 'officer' | 'team'): Promise<InjectedConsole> {
  const tmp = tempDir();
  const store = await seededStore(tmp.dir);
  const deps = testDeps(tmp.dir, store);
  const app = createConsoleServer(deps);
  await app.ready();
  const session = await signIn(app, store, deps.config, { name: role, role });
  return {
    app,
    session,
    store,
    config: deps.config,
    async close() {
      await app.close();
      await store.close();
      tmp.remove();
    },
  };
}
