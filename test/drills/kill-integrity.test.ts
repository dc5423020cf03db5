// Crash drill (issue #8): `yuqing crawl --once` is SIGKILLed in the middle of ingesting, three times; after each
// kill the SQLite file must pass integrity_check, and a final undisturbed run must leave every item stored once.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { type DrillEnv, finished, spawnYuqing, startDrillEnv, until } from './drill-env.js';

const ITEMS = 150;

function storeState(path: string): {
  integrity: string;
  foreignKeys: number;
  articles: number;
  urls: number;
} {
  // A read-write open, as the next run would do: it replays the WAL left by the killed process.
  const db = new Database(path);
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
    const foreignKeys = (db.pragma('foreign_key_check') as unknown[]).length;
    const { articles, urls } = db
      .prepare('SELECT count(*) AS articles, count(DISTINCT url) AS urls FROM articles')
      .get() as { articles: number; urls: number };
    return { integrity, foreignKeys, articles, urls };
  } finally {
    db.close();
  }
}

describe('drill: SIGKILL during ingest', () => {
  let env: DrillEnv | undefined;
  afterEach(async () => {
    await env?.close();
    env = undefined;
  });

  it('leaves an intact store each time and loses no item after restart', async () => {
    env = await startDrillEnv(ITEMS);
    let stored = 0;
    for (const extra of [15, 30, 25]) {
      const before = env.site.served().article;
      const child = spawnYuqing(env, ['crawl', '--once', '--json']);
      const exit = finished(child);
      const site = env.site;
      await until(() => site.served().article >= before + extra, 90_000, `${extra} article fetches`);
      child.kill('SIGKILL');
      const { signal } = await exit;
      expect(signal).toBe('SIGKILL');
      const state = storeState(env.storePath);
      expect(state.integrity).toBe('ok');
      expect(state.foreignKeys).toBe(0);
      expect(state.urls).toBe(state.articles);
      // Each run stores what it got to before the kill; nothing already stored disappears.
      expect(state.articles).toBeGreaterThanOrEqual(stored);
      expect(state.articles).toBeLessThan(ITEMS);
      stored = state.articles;
    }
    const last = await finished(spawnYuqing(env, ['crawl', '--once', '--json']));
    expect(last.code, last.output).toBe(0);
    const final = storeState(env.storePath);
    expect(final).toEqual({ integrity: 'ok', foreignKeys: 0, articles: ITEMS, urls: ITEMS });
  }, 240_000);

  // With a list spread over several pages, a run killed after it stored page 1 but only part of page 2 must
  // still get the rest: the next run sees the unfinished-run marker and reads every page.
  it('multi-page list: items beyond page 1 are fetched after a kill', async () => {
    env = await startDrillEnv(ITEMS, { pageSize: 50 });
    const child = spawnYuqing(env, ['crawl', '--once', '--json']);
    const exit = finished(child);
    const site = env.site;
    await until(() => site.served().article >= 70, 90_000, '70 article fetches');
    child.kill('SIGKILL');
    await exit;
    const rerun = await finished(spawnYuqing(env, ['crawl', '--once', '--json']));
    expect(rerun.code, rerun.output).toBe(0);
    expect(storeState(env.storePath).articles).toBe(ITEMS);
  }, 240_000);
});
