// Opening a file while another connection holds its write lock: switching to WAL gets SQLITE_BUSY at once
// (SQLite skips the busy handler to avoid a deadlock), so the store must wait and retry, not fail (the race
// behind a CI failure of concurrent-init.test.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/log.js';
import { retryWhileBusy } from '../../store/sqlite/sqlite-connection.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';

// Holds a write transaction on a rollback-journal file for holdMs, telling the parent once it has the lock.
const HOLDER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path);
db.exec('BEGIN IMMEDIATE');
db.exec('INSERT INTO t VALUES (1)');
parentPort.postMessage('locked');
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.holdMs);
db.exec('COMMIT');
db.close();
`;

function holdWriteLock(path: string, holdMs: number): Promise<Worker> {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(HOLDER, { eval: true, workerData: { path, holdMs, module } });
  return new Promise((resolve, reject) => {
    worker.once('message', () => resolve(worker));
    worker.once('error', reject);
  });
}

describe('opening a SQLite file another connection is writing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yuqing-busy-open-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function rollbackFile(name: string): string {
    const path = join(dir, name);
    const db = new Database(path);
    db.exec('CREATE TABLE t (x)');
    db.close();
    return path;
  }

  it('waits for the lock and opens in WAL mode', async () => {
    const path = rollbackFile('held.db');
    const worker = await holdWriteLock(path, 300);
    const store = new SqliteStore({ path, logger: silentLogger(), busyTimeoutMs: 5000 });
    await store.init();
    expect(store.database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.database.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1 });
    await store.close();
    await worker.terminate();
  });

  it('gives up with E_STORE_OPEN once the busy timeout has passed', async () => {
    const path = rollbackFile('stuck.db');
    const worker = await holdWriteLock(path, 3000);
    const started = Date.now();
    expect(() => new SqliteStore({ path, logger: silentLogger(), busyTimeoutMs: 200 })).toThrow(
      expect.objectContaining({ code: 'E_STORE_OPEN' }),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    await worker.terminate();
  });
});

describe('retryWhileBusy', () => {
  it('retries only SQLite busy answers', () => {
    let calls = 0;
    const busyTwice = () => {
      calls++;
      if (calls < 3) throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
      return 'done';
    };
    expect(retryWhileBusy(busyTwice, 1000)).toBe('done');
    expect(calls).toBe(3);
    let other = 0;
    const broken = () => {
      other++;
      throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
    };
    expect(() => retryWhileBusy(broken, 1000)).toThrow('disk I/O error');
    expect(other).toBe(1);
  });
});
