// package-lock.json is complete for every platform (so `npm ci` accepts it anywhere and a fresh `npm install`
// leaves it unchanged) and no locked package needs a newer Node than package.json's engines.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const SCRIPT = join(ROOT, 'scripts/check-lock.mjs');

function check(dir: string) {
  return spawnSync(process.execPath, [SCRIPT, dir], { encoding: 'utf8' });
}

/** A scratch copy of package.json and the lock, with `edit` applied to the lock's packages. */
function copyWith(edit: (packages: Record<string, Record<string, unknown>>) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'yuqing-lock-'));
  cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
  edit(lock.packages);
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(lock));
  return dir;
}

describe('package-lock.json', () => {
  it('lists every optional platform package and only packages that run on the promised Node', () => {
    const result = check(ROOT);
    expect(result.status, result.stderr).toBe(0);
  });

  it('is refused when a platform package is missing (as after a regeneration inside a checkout)', () => {
    const dir = copyWith((packages) => {
      delete packages['node_modules/@biomejs/cli-darwin-arm64'];
    });
    const result = check(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('@biomejs/cli-darwin-arm64 is missing');
  });

  it('is refused when a package needs a newer Node than engines allows', () => {
    const dir = copyWith((packages) => {
      const entry = packages['node_modules/yaml'] as Record<string, unknown>;
      entry.engines = { node: '>=22' };
    });
    const result = check(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/node_modules\/yaml@.*excludes Node 20\.19\.0/);
  });
});
