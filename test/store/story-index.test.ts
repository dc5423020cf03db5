// The SQLite story index (issue 19): band lookup verified by containment, the re-check inside the write
// transaction, and schema step 10 re-clustering a store written before it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { articleTexts } from '../../bench/source-text.js';
import { silentLogger } from '../../core/log.js';
import { ingestRecord } from '../../store/sqlite/ingest.js';
import { MIGRATIONS, migrate } from '../../store/sqlite/schema.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { statementCache } from '../../store/sqlite/statements.js';
import { SHARED_DIR } from '../helpers/shared-dir.js';
import { makeArticle } from './fixtures.js';

const texts = articleTexts(SHARED_DIR);
const body = (i: number) => texts[i]?.slice(0, 4).join('\n') ?? '';
const LEAD = '近日，有网友在本地论坛发帖反映以下情况，引发关注。以下为原文：';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function dbPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'yuqing-story-'));
  dirs.push(dir);
  return join(dir, 'yuqing.db');
}

describe('SQLite story index', () => {
  it('finds the story of a repost through the band index and not an unrelated item', async () => {
    const store = new SqliteStore({ path: dbPath(), logger: silentLogger() });
    await store.init();
    await store.ingest({ article: makeArticle({ key: 'a', body: body(0) }), tips: [] });
    await store.ingest({ article: makeArticle({ key: 'b', body: body(1) }), tips: [] });
    expect(await store.findSameStory(`${LEAD}\n${body(1)}`)).toMatchObject({
      articleId: 'art-b',
      clusterId: 'art-b',
    });
    expect(await store.findSameStory(body(2))).toBeUndefined();
    expect(await store.findSameStory('太短')).toBeUndefined();
    const plan = store.database
      .prepare(
        `EXPLAIN QUERY PLAN SELECT seq, count(*) FROM story_bands WHERE band IN (${Array(32).fill('?').join(',')}) GROUP BY seq`,
      )
      .all(...Array(32).fill(1)) as { detail: string }[];
    expect(plan.map((r) => r.detail).join(' ')).toMatch(/SEARCH story_bands USING PRIMARY KEY/);
    await store.close();
  });

  it('joins a copy stored meanwhile when the write re-checks (recheckStory), else opens a new story', async () => {
    const store = new SqliteStore({ path: dbPath(), logger: silentLogger() });
    await store.init();
    await store.ingest({ article: makeArticle({ key: 'first', body: body(3) }), tips: [] });
    const late = await store.ingest({
      article: makeArticle({ key: 'late', body: `${LEAD}\n${body(3)}` }),
      recheckStory: true,
      tips: [],
    });
    expect(late).toMatchObject({ clusterId: 'art-first', clusterSize: 2 });
    const blind = await store.ingest({ article: makeArticle({ key: 'blind', body: body(3) }), tips: [] });
    expect(blind.clusterId).toBe('art-blind');
    await store.close();
  });

  it('step 10 indexes a store written before it and merges the stories its reposts had split', async () => {
    const path = dbPath();
    const old = new Database(path);
    migrate(
      old,
      silentLogger(),
      MIGRATIONS.filter((m) => m.version <= 8),
    );
    old.exec('CREATE TEMP TABLE story_bands (band INTEGER, seq INTEGER, PRIMARY KEY (band, seq))');
    const prep = statementCache(old);
    for (const [key, text] of [
      ['orig', body(4)],
      ['copy', `${LEAD}\n${body(4)}\n欢迎在评论区留言。`],
      ['other', body(5)],
    ] as const) {
      const article = makeArticle({ key, body: text });
      old.transaction(() => ingestRecord(prep, { article, tips: [] }, article.fetchedAt))();
    }
    old.close();
    const store = new SqliteStore({ path, logger: silentLogger() });
    await store.init();
    expect((await store.getArticle('art-copy'))?.clusterId).toBe('art-orig');
    expect((await store.getCluster('art-orig'))?.size).toBe(2);
    expect(await store.getCluster('art-copy')).toBeUndefined();
    expect((await store.getArticle('art-other'))?.clusterId).toBe('art-other');
    expect(await store.findSameStory(body(5))).toMatchObject({ articleId: 'art-other' });
    await store.close();
  });
});
