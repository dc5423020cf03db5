// The embedded store's connection: opening the file, migrations, lifecycle, and SQLite errors as StoreErrors.
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError, YuqingError } from '../../core/errors.js';
import type { Logger } from '../../core/log.js';
import { isoToEpochMs } from '../time.js';
import { migrate } from './schema.js';
import { type Prepare, statementCache } from './statements.js';

/** Options of the embedded store. */
export interface SqliteStoreOptions {
  /** Database file; parent directories are created. */
  path: string;
  logger: Logger;
  /** Clock for storedAt, cluster and outbox timestamps; defaults to the system clock. */
  clock?: () => Date;
  /** How long a statement waits for another connection's lock, in ms (default 5000). */
  busyTimeoutMs?: number;
}

/** One SQLite file opened with its pragmas, migrated by init(); the Store's methods run through run(). */
export class SqliteConnection {
  protected readonly db: Database.Database;
  protected readonly prep: Prepare;
  protected readonly logger: Logger;
  protected readonly clock: () => Date;
  private readonly busyTimeoutMs: number;
  private state: 'opened' | 'ready' | 'closed' = 'opened';

  constructor(options: SqliteStoreOptions) {
    this.logger = options.logger.child({ component: 'store-sqlite' });
    this.clock = options.clock ?? (() => new Date());
    this.busyTimeoutMs = Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000));
    this.db = openDatabase(options.path, this.busyTimeoutMs);
    this.prep = statementCache(this.db);
  }

  /** Direct access for maintenance and tests (integrity checks, backups); not part of Store. */
  get database(): Database.Database {
    return this.db;
  }

  async init(): Promise<void> {
    if (this.state === 'closed') throw new StoreError('E_STORE_CLOSED', 'init: store is closed');
    // Each step re-reads the version under its write lock, so running migrate again after BUSY is safe.
    this.guard('init', () => retryWhileBusy(() => migrate(this.db, this.logger), this.busyTimeoutMs));
    this.state = 'ready';
  }

  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.db.close();
  }

  /** Run an operation on a ready store. */
  protected run<T>(operation: string, fn: () => T): T {
    if (this.state !== 'ready') {
      const closed = this.state === 'closed';
      throw new StoreError(
        closed ? 'E_STORE_CLOSED' : 'E_STORE_NOT_INITIALIZED',
        `${operation}: store is ${closed ? 'closed' : 'not initialized (call init() first)'}`,
      );
    }
    return this.guard(operation, fn);
  }

  /** SQLite failures become StoreError E_STORE_IO (E_STORE_FULL for a full disk) naming the operation; ours pass through. */
  private guard<T>(operation: string, fn: () => T): T {
    try {
      return fn();
    } catch (cause) {
      if (cause instanceof YuqingError) throw cause;
      if ((cause as { code?: string }).code === 'SQLITE_FULL') {
        throw new StoreError('E_STORE_FULL', `${operation}: 数据目录所在磁盘已满（${message(cause)}）`, {
          cause,
        });
      }
      throw new StoreError('E_STORE_IO', `${operation}: ${message(cause)}`, { cause });
    }
  }
}

/**
 * Creates the database file (and missing parent folders) readable by this user only, 0600 / 0700, before SQLite
 * opens it: SQLite would create it 0644, and it holds accounts, sessions and every tip. The -wal and -shm files
 * SQLite creates take the database file's mode. An existing file keeps its mode (the operator chose it).
 */
function createPrivately(path: string): void {
  if (path === ':memory:' || path === '' || path.startsWith('file:')) return;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // 'a' creates without truncating and without failing on an existing file.
  closeSync(openSync(path, 'a', 0o600));
}

/** Open the file with the pragmas every connection needs; a failure closes it and raises E_STORE_OPEN. */
function openDatabase(path: string, busyTimeoutMs: number): Database.Database {
  let db: Database.Database | undefined;
  try {
    createPrivately(path);
    db = new Database(path);
    applyPragmas(db, busyTimeoutMs);
    return db;
  } catch (cause) {
    db?.close();
    throw new StoreError('E_STORE_OPEN', `cannot open SQLite store ${path}: ${message(cause)}`, { cause });
  }
}

function applyPragmas(db: Database.Database, busyTimeoutMs: number): void {
  // First, so that statements wait for another process's lock; the switch to WAL needs its own retry.
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  retryWhileBusy(() => db.pragma('journal_mode = WAL'), busyTimeoutMs);
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
}

/**
 * Run fn again while SQLite answers SQLITE_BUSY, until timeoutMs has passed. Switching a new file to WAL reads
 * the header under a shared lock and then upgrades; when two processes do that at once SQLite returns BUSY at
 * once instead of calling the busy handler (it would deadlock), so the wait has to happen here.
 */
export function retryWhileBusy<T>(fn: () => T, timeoutMs: number): T {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return fn();
    } catch (cause) {
      const code = (cause as { code?: string }).code ?? '';
      if (!code.startsWith('SQLITE_BUSY') || Date.now() >= deadline) throw cause;
      sleepSync(Math.min(5 * attempt, 100, Math.max(1, deadline - Date.now())));
    }
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function requireTime(name: string, iso: string): number {
  const ms = isoToEpochMs(iso);
  if (ms === undefined) throw new StoreError('E_STORE_INPUT', `${name} is not an ISO time: ${iso}`);
  return ms;
}
