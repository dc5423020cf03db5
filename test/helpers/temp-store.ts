// A real SQLite store in a fresh temporary directory, for tests that need one per test or per file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../core/log.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';

/** An initialised store, its directory (for other files of the test), and how to close and remove both. */
export interface TempStore {
  dir: string;
  store: SqliteStore;
  dispose(): Promise<void>;
}

/** Open and initialise a SQLite store in a new directory named after `prefix`. */
export async function openTempStore(prefix: string): Promise<TempStore> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const store = new SqliteStore({ path: join(dir, 'yuqing.db'), logger: silentLogger() });
  await store.init();
  return {
    dir,
    store,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
