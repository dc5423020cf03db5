import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../core/errors.js';
import { silentLogger } from '../../core/log.js';
import { SCHEMA_VERSION } from '../../store/sqlite/schema.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { makeArticle, makeAssessment, makeTip } from './fixtures.js';
import { runStoreContract } from './store-contract.js';

const dirs: string[] = [];

function tmpDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'yuqing-store-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function open(path: string, clock?: () => Date): SqliteStore {
  return new SqliteStore({ path, logger: silentLogger(), ...(clock ? { clock } : {}) });
}

runStoreContract('SqliteStore', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'yuqing-contract-'));
  const path = join(dir, 'data', 'yuqing.db');
  const opened: SqliteStore[] = [open(path)];
  return {
    store: opened[0] as SqliteStore,
    reopen: async () => {
      const store = open(path);
      opened.push(store);
      return store;
    },
    cleanup: async () => {
      for (const store of opened) await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteStore (SQLite specifics)', () => {
  it('creates the file in a nested data directory, in WAL mode at the current schema version', async () => {
    const path = join(tmpDir(), 'a', 'b', 'c', 'yuqing.db');
    const store = open(path);
    await store.init();
    expect(existsSync(path)).toBe(true);
    expect(store.database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.database.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.database.pragma('synchronous', { simple: true })).toBe(1);
    expect(store.database.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    await store.close();
  });

  it('passes integrity checks after use', async () => {
    const store = open(join(tmpDir(), 'yuqing.db'));
    await store.init();
    for (let i = 0; i < 30; i++) {
      const article = makeArticle({
        key: `i${i}`,
        titleTokens: `巡察 整改 第${i}篇`,
        assessments: [
          makeAssessment({ units: [{ unitId: 'u1', unitName: '某某县教育局' }], score: i, level: 'red' }),
        ],
      });
      await store.ingest({
        article,
        ...(i % 3 === 0 ? {} : { joinClusterId: `art-i${i - (i % 3)}` }),
        tips: [makeTip(article, { id: `tip-${i}` })],
      });
    }
    expect((await store.search({ terms: ['整改'] })).total).toBe(30);
    expect((await store.listTips()).total).toBe(10);
    expect(store.database.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(
      store.database.prepare("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')").run(),
    ).toBeDefined();
    await store.close();
  });

  it('writes nothing when any part of an ingest fails', async () => {
    const store = open(join(tmpDir(), 'yuqing.db'));
    await store.init();
    const article = makeArticle({ key: 'atomic' });
    const badTip = makeTip(article, { id: 'tip-bad', createdAt: 'not a time' });
    await expect(
      store.ingest({ article, tips: [makeTip(article, { id: 'tip-ok', unitId: 'u9' }), badTip] }),
    ).rejects.toMatchObject({
      code: 'E_STORE_INPUT',
    });
    await expect(store.ingest({ article, joinClusterId: 'art-missing', tips: [] })).rejects.toMatchObject({
      code: 'E_STORE_NOT_FOUND',
    });
    expect(await store.countArticles()).toBe(0);
    expect(await store.getTip('tip-ok')).toBeUndefined();
    expect(await store.listAlerts()).toEqual([]);
    expect(await store.getCluster(article.id)).toBeUndefined();
    await store.close();
  });

  it('stamps outbox rows and storedAt with the injected clock', async () => {
    const at = new Date('2025-05-13T02:05:00Z');
    const store = open(join(tmpDir(), 'yuqing.db'), () => at);
    await store.init();
    const article = makeArticle({ key: 'clock' });
    await store.ingest({ article, tips: [makeTip(article, { id: 'tip-clock', channels: ['email'] })] });
    expect((await store.getArticle(article.id))?.storedAt).toBe(at.toISOString());
    expect(await store.dueAlerts('2025-05-13T10:04:59+08:00', 10)).toEqual([]);
    const [alert] = await store.dueAlerts('2025-05-13T10:05:00+08:00', 10);
    expect(alert).toMatchObject({ nextAttemptAt: at.toISOString(), createdAt: at.toISOString() });
    await store.close();
  });

  it('raises typed errors before init, after close and on bad input', async () => {
    const path = join(tmpDir(), 'yuqing.db');
    const store = open(path);
    await expect(store.countArticles()).rejects.toMatchObject({ code: 'E_STORE_NOT_INITIALIZED' });
    await store.init();
    await expect(store.findNearDuplicate('not-hex', 3)).rejects.toMatchObject({ code: 'E_STORE_INPUT' });
    await expect(store.dueAlerts('soon', 10)).rejects.toMatchObject({ code: 'E_STORE_INPUT' });
    await expect(store.search({ terms: [], to: '2025-13-45' })).rejects.toMatchObject({ code: 'E_INPUT' });
    await store.close();
    await store.close();
    await expect(store.countArticles()).rejects.toBeInstanceOf(StoreError);
    await expect(store.countArticles()).rejects.toMatchObject({ code: 'E_STORE_CLOSED' });
  });

  it('refuses a file that is not a database', () => {
    const path = join(tmpDir(), 'junk.db');
    writeFileSync(
      path,
      'this is not an SQLite database, just text that is long enough to be read'.repeat(20),
    );
    expect(() => open(path)).toThrow(expect.objectContaining({ code: 'E_STORE_OPEN' }));
  });

  it('refuses a database written by a newer schema version', async () => {
    const path = join(tmpDir(), 'yuqing.db');
    const store = open(path);
    await store.init();
    store.database.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    await store.close();
    const newer = open(path);
    await expect(newer.init()).rejects.toMatchObject({ code: 'E_STORE_VERSION' });
    await newer.close();
  });

  it('uses the band index for small distances and a scan beyond', async () => {
    const store = open(join(tmpDir(), 'yuqing.db'));
    await store.init();
    const plan = store.database
      .prepare('EXPLAIN QUERY PLAN SELECT id FROM articles WHERE sh0 = 1 OR sh1 = 1 OR sh2 = 1 OR sh3 = 1')
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/INDEX articles_sh0/);
    await store.close();
  });
});
