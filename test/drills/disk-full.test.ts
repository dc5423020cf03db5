// Disk-full drill (issue #8): the data directory is a 1 MB tmpfs, so SQLite and the evidence writer get a real
// ENOSPC. (RLIMIT_FSIZE via `ulimit -f` is no substitute: a dependency, signal-exit, resets SIGXFSZ to its
// default action, so the CLI is killed by the signal instead of seeing EFBIG.) Mounting needs root; without
// it the drill is skipped and says so. The run must report the failure clearly, leave the store intact, and a
// run after the disk grew must store everything.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { type DrillEnv, finished, spawnYuqing, startDrillEnv } from './drill-env.js';

const ITEMS = 60;

function countAndIntegrity(path: string): { integrity: string; articles: number } {
  const db = new Database(path);
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
    const { articles } = db.prepare('SELECT count(*) AS articles FROM articles').get() as {
      articles: number;
    };
    return { integrity, articles };
  } finally {
    db.close();
  }
}

/** Mount a tmpfs of `size` on `dir`; false when this user may not mount. */
function mountTmpfs(dir: string, size: string): boolean {
  mkdirSync(dir, { recursive: true });
  return spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]).status === 0;
}

describe('drill: disk full on the data directory', () => {
  let env: DrillEnv | undefined;
  let mounted: string | undefined;
  afterEach(async () => {
    if (mounted) spawnSync('umount', ['-l', mounted]);
    mounted = undefined;
    await env?.close();
    env = undefined;
  });

  it('reports the write failure, keeps the store intact and catches up once there is space', async (ctx) => {
    env = await startDrillEnv(ITEMS);
    if (!mountTmpfs(env.dataDir, '1m')) {
      ctx.skip('cannot mount a tmpfs here (needs root): disk-full drill not run');
      return;
    }
    mounted = env.dataDir;
    const full = await finished(spawnYuqing(env, ['crawl', '--once', '--json']));
    // Every item that could not be written is reported as skipped, in SQLite's own words for ENOSPC.
    console.info(`disk-full run: exit ${full.code}; first lines:\n${full.output.slice(0, 600)}`);
    // stdout (the pretty-printed summary) and stderr (one-line logs, the error line) interleave in `output`.
    const start = full.output.indexOf('{\n');
    const summary = JSON.parse(full.output.slice(start, full.output.indexOf('\n}', start) + 2)) as {
      stored: number;
      skips: { code: string; reason: string }[];
    };
    const diskFull = summary.skips.filter((s) => /database or disk is full/.test(s.reason));
    expect(diskFull.length).toBeGreaterThan(0);
    // A clear error: its own code on each item, one line on stderr, and a failing exit code.
    expect(diskFull.every((s) => s.code === 'E_STORE_FULL')).toBe(true);
    expect(full.output).toContain('数据目录所在磁盘已满');
    expect(full.code).toBe(3);
    expect(summary.stored + diskFull.length).toBe(ITEMS);

    // Check a copy: the full disk has no room for the checker's own journal files.
    const copy = mkdtempSync(join(tmpdir(), 'yuqing-drill-copy-'));
    try {
      cpSync(env.dataDir, copy, { recursive: true });
      const after = countAndIntegrity(join(copy, 'yuqing.db'));
      expect(after.integrity).toBe('ok');
      expect(after.articles).toBeLessThan(ITEMS);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }

    execFileSync('mount', ['-o', 'remount,size=64m', env.dataDir]);
    const again = await finished(spawnYuqing(env, ['crawl', '--once', '--json']));
    expect(again.code, again.output).toBe(0);
    expect(countAndIntegrity(env.storePath)).toEqual({ integrity: 'ok', articles: ITEMS });
  }, 240_000);
});
