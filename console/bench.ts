// A hook for `npm run bench`: measure search through the real HTTP API (login, cookie, JSON) over a store the
// caller has filled (e.g. 100k items).
import type { AppConfig } from '../config/schema.js';
import type { Logger } from '../core/log.js';
import type { Store } from '../store/store.js';
import { addAccount } from './accounts.js';
import { generatePassword } from './auth/passwords.js';
import { startConsole } from './server.js';

/** What the bench needs: a filled store and its config. */
export interface ConsoleBenchOptions {
  store: Store;
  config: AppConfig;
  queryTerms: (text: string) => string[];
  logger: Logger;
  /** Querystrings after `/api/search?`, e.g. `q=违规收费&fold=1`; each is run `rounds` times. */
  queries: readonly string[];
  rounds?: number;
}

/** Latency of the measured requests, in milliseconds. */
export interface ConsoleBenchResult {
  requests: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Per query: median latency and the total it reported. */
  perQuery: { query: string; p50Ms: number; total: number }[];
}

const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/** Start the console on 127.0.0.1, log in a throw-away officer, and time GET /api/search for each query. */
export async function benchConsoleSearch(options: ConsoleBenchOptions): Promise<ConsoleBenchResult> {
  const rounds = options.rounds ?? 5;
  const name = `bench-${generatePassword(8)}`;
  const password = generatePassword();
  await addAccount(
    options.store,
    options.config,
    { name, role: 'officer', password, mustChangePassword: false },
    new Date(),
  );
  const running = await startConsole({ ...options, host: '127.0.0.1', port: 0, webRoot: null });
  try {
    const login = await fetch(`${running.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: name, password }),
    });
    if (!login.ok) throw new Error(`bench login failed: ${login.status}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const all: number[] = [];
    const perQuery: ConsoleBenchResult['perQuery'] = [];
    for (const query of options.queries) {
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < rounds; i++) {
        const started = performance.now();
        const res = await fetch(`${running.url}/api/search?${query}`, { headers: { cookie } });
        const body = (await res.json()) as { total?: number };
        times.push(performance.now() - started);
        if (!res.ok) throw new Error(`bench search ${query} failed: ${res.status}`);
        total = body.total ?? 0;
      }
      times.sort((a, b) => a - b);
      perQuery.push({ query, p50Ms: quantile(times, 0.5), total });
      all.push(...times);
    }
    all.sort((a, b) => a - b);
    return {
      requests: all.length,
      meanMs: all.reduce((s, t) => s + t, 0) / Math.max(1, all.length),
      p50Ms: quantile(all, 0.5),
      p95Ms: quantile(all, 0.95),
      maxMs: all[all.length - 1] ?? 0,
      perQuery,
    };
  } finally {
    await running.close();
  }
}
