// Build the console SPA once for the browser tests (skipped when dist/console-web is newer than the sources).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';

/** Where the built SPA lands (what the console serves). */
export const WEB_ROOT = join(ROOT, 'dist/console-web');
const WEB_SRC = join(ROOT, 'console/web');
const LOCK = join(ROOT, 'dist/console-web.lock');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  const index = join(WEB_ROOT, 'index.html');
  return existsSync(index) && statSync(index).mtimeMs >= newestSource(WEB_SRC);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `vite build` in a child process: vitest sets NODE_ENV=test, which would give a development React build. */
function viteBuild(): Promise<void> {
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  const args = [vite, 'build', '--config', join(WEB_SRC, 'vite.config.ts'), '--logLevel', 'error'];
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' } },
      (error, _out, err) => (error ? reject(new Error(`vite build failed: ${err}`)) : resolve()),
    );
  });
}

/** Build unless fresh; test files run in parallel forks, so a lock directory lets one build while others wait. */
export async function ensureSpaBuilt(): Promise<string> {
  for (let waited = 0; !isFresh(); waited += 250) {
    mkdirSync(join(ROOT, 'dist'), { recursive: true });
    let locked = false;
    try {
      mkdirSync(LOCK);
      locked = true;
    } catch {
      // Another file is building; a lock older than two minutes belongs to a crashed run.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 120_000)
        rmSync(LOCK, { recursive: true });
    }
    if (locked) {
      try {
        if (!isFresh()) await viteBuild();
      } finally {
        rmSync(LOCK, { recursive: true, force: true });
      }
    } else {
      if (waited > 120_000) throw new Error('timed out waiting for the SPA build');
      await sleep(250);
    }
  }
  return WEB_ROOT;
}
