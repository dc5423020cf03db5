// Failed logins on SQLite (table login_failures, schema step 11): one row per attempt and key.
import { StoreError } from '../../core/errors.js';
import type {
  LoginFailure,
  LoginFailureCount,
  LoginFailureQuery,
  LoginFailureStore,
} from '../login-failure-types.js';
import { isoToEpochMs } from '../time.js';
import type { Runner } from './ledger.js';
import type { Prepare } from './statements.js';

function ms(name: string, iso: string): number {
  const value = isoToEpochMs(iso);
  if (value === undefined) throw new StoreError('E_STORE_INPUT', `${name} is not an ISO time: ${iso}`);
  return value;
}

/** LoginFailureStore over the store's SQLite connection. */
export class SqliteLoginFailures implements LoginFailureStore {
  constructor(
    private readonly run: Runner,
    private readonly prep: Prepare,
  ) {}

  async addLoginFailure(f: LoginFailure): Promise<void> {
    this.run('addLoginFailure', () => {
      const atMs = ms('addLoginFailure.at', f.at);
      const keys = [...new Set(f.keys)];
      if (keys.length === 0) return;
      // One statement, so an attempt is counted under all its keys or none.
      const values = keys.map(() => '(?, ?, ?, ?)').join(', ');
      this.prep(`INSERT OR IGNORE INTO login_failures (id, key, at, at_ms) VALUES ${values}`).run(
        ...keys.flatMap((key) => [f.id, key, f.at, atMs]),
      );
    });
  }

  async countLoginFailures(
    queries: readonly LoginFailureQuery[],
    since: string,
  ): Promise<LoginFailureCount[]> {
    return this.run('countLoginFailures', () => {
      const sinceMs = ms('countLoginFailures.since', since);
      return queries.map(({ key, nth }) => {
        const { count } = this.prep(
          'SELECT count(*) AS count FROM login_failures WHERE key = ? AND at_ms > ?',
        ).get(key, sinceMs) as { count: number };
        const row = this.prep(
          'SELECT at FROM login_failures WHERE key = ? AND at_ms > ? ORDER BY at_ms DESC LIMIT 1 OFFSET ?',
        ).get(key, sinceMs, Math.max(0, Math.floor(nth) - 1)) as { at: string } | undefined;
        return { key, count, ...(row ? { nthNewestAt: row.at } : {}) };
      });
    });
  }

  async withdrawLoginFailure(id: string): Promise<void> {
    this.run('withdrawLoginFailure', () => this.prep('DELETE FROM login_failures WHERE id = ?').run(id));
  }

  async clearLoginFailures(key: string): Promise<void> {
    this.run('clearLoginFailures', () => this.prep('DELETE FROM login_failures WHERE key = ?').run(key));
  }

  async pruneLoginFailures(before: string): Promise<number> {
    return this.run('pruneLoginFailures', () => {
      const beforeMs = ms('pruneLoginFailures.before', before);
      return this.prep('DELETE FROM login_failures WHERE at_ms <= ?').run(beforeMs).changes;
    });
  }
}
