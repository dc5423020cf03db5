// Schema step 8: the duplicate lookups read covering indexes only, keep their answers (earliest article wins
// ties, exact within distance 4), and a store written before the step migrates to it with its data intact.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/log.js';
import { ingestRecord } from '../../store/sqlite/ingest.js';
import { MIGRATIONS, migrate } from '../../store/sqlite/schema.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { statementCache } from '../../store/sqlite/statements.js';
import { flipBits, makeArticle } from './fixtures.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dbPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'yuqing-dedup-'));
  dirs.push(dir);
  return join(dir, 'yuqing.db');
}

async function openStore(path: string): Promise<SqliteStore> {
  const store = new SqliteStore({ path, logger: silentLogger() });
  await store.init();
  return store;
}

function indexNames(db: Database.Database): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'articles'").all() as {
      name: string;
    }[]
  ).map((r) => r.name);
}

function plan(db: Database.Database, sql: string, params: unknown[]): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
    .map((r) => r.detail)
    .join('\n');
}

const BASE = '0123456789abcdef';

describe('duplicate lookups on covering indexes', () => {
  it('read only index pages for the content hash and every band', async () => {
    const store = await openStore(dbPath());
    const db = store.database;
    expect(
      plan(db, 'SELECT id, cluster_id FROM articles WHERE content_hash = ? ORDER BY seq LIMIT 1', ['x']),
    ).toMatch(/COVERING INDEX articles_content_hash_cover/);
    for (const band of [0, 1, 2, 3, 4]) {
      expect(plan(db, `SELECT seq, simhash FROM articles WHERE sh${band} = ?`, [1])).toMatch(
        new RegExp(`COVERING INDEX articles_sh${band}_cover`),
      );
    }
    expect(plan(db, 'SELECT seq, simhash FROM articles', [])).toMatch(/COVERING INDEX/);
    await store.close();
  });

  it('give exact duplicates to the earliest stored article', async () => {
    const store = await openStore(dbPath());
    const first = makeArticle({ key: 'h1', contentHash: 'c'.repeat(64) });
    const second = makeArticle({ key: 'h2', contentHash: 'c'.repeat(64) });
    await store.ingest({ article: first, tips: [] });
    await store.ingest({ article: second, tips: [] });
    expect(await store.findByContentHash('c'.repeat(64))).toEqual({
      articleId: first.id,
      clusterId: first.id,
    });
    await store.close();
  });

  it('break distance ties by storage order, on the band path and on the scan path', async () => {
    const store = await openStore(dbPath());
    // Both are 2 bits from BASE; `early` shares four bands with it, `late` shares three.
    const late = makeArticle({ key: 'late', simhash: flipBits(BASE, [2, 30]) });
    const early = makeArticle({ key: 'early', simhash: flipBits(BASE, [7, 8]) });
    const farther = makeArticle({ key: 'farther', simhash: flipBits(BASE, [1, 14, 27]) });
    await store.ingest({ article: early, tips: [] });
    await store.ingest({ article: late, joinClusterId: early.id, tips: [] });
    await store.ingest({ article: farther, tips: [] });
    expect(await store.findNearDuplicate(BASE, 4)).toEqual({
      articleId: early.id,
      clusterId: early.id,
      distance: 2,
    });
    expect(await store.findNearDuplicate(BASE, 6)).toEqual({
      articleId: early.id,
      clusterId: early.id,
      distance: 2,
    });
    // The closer one wins over the earlier one.
    expect(await store.findNearDuplicate(flipBits(BASE, [1, 14]), 4)).toMatchObject({
      articleId: farther.id,
      distance: 1,
    });
    expect(await store.findNearDuplicate(flipBits(BASE, [0, 16, 32, 48, 60]), 4)).toBeUndefined();
    await store.close();
  });

  it('migrate a store written at step 7: old band indexes go, data and lookups stay', async () => {
    const path = dbPath();
    const before = MIGRATIONS.filter((m) => m.version <= 7);
    const old = new Database(path);
    migrate(old, silentLogger(), before);
    const article = makeArticle({ key: 'old', simhash: BASE });
    // Today's ingest writes story bands (step 10); a temporary table takes them and goes with the connection.
    old.exec('CREATE TEMP TABLE story_bands (band INTEGER, seq INTEGER, PRIMARY KEY (band, seq))');
    old.transaction(() => ingestRecord(statementCache(old), { article, tips: [] }, article.fetchedAt))();
    expect(indexNames(old)).toContain('articles_sh0');
    old.close();

    const store = await openStore(path);
    const names = indexNames(store.database);
    expect(names).toEqual(expect.arrayContaining(['articles_content_hash_cover', 'articles_sh4_cover']));
    expect(names).not.toContain('articles_sh0');
    expect(names).not.toContain('articles_content_hash');
    expect(await store.findByContentHash(article.contentHash)).toEqual({
      articleId: article.id,
      clusterId: article.id,
    });
    expect(await store.findNearDuplicate(flipBits(BASE, [3, 40]), 4)).toMatchObject({
      articleId: article.id,
      distance: 2,
    });
    expect(store.database.pragma('integrity_check', { simple: true })).toBe('ok');
    await store.close();
  });
});
