// A real SQLite store in a temp dir, filled with the fixtures, for the store-backed console tests.
import { join } from 'node:path';
import { silentLogger } from '../../core/log.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { HOSTILE, NEUTRAL, PLANTED, REPOST, TOWNSHIP, tipFor } from './fixtures.js';

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
