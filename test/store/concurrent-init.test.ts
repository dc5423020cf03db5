import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

// Several instances may open one new SQLite file at the same moment (issue #7); each must see the schema
// created once, not fail with "table already exists". Needs the built dist/ (npm test builds it first).
const OPEN = `
import { SqliteStore } from ${JSON.stringify(join(ROOT, 'dist/store/sqlite/sqlite-store.js'))};
import { silentLogger } from ${JSON.stringify(join(ROOT, 'dist/core/log.js'))};
const store = new SqliteStore({ path: process.argv[1], logger: silentLogger() });
await store.init();
await store.close();
`;

function openInChild(path: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', OPEN, path], { stdio: 'pipe' });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  return new Promise((done) => child.once('exit', (code) => done({ code, stderr })));
}

describe('SQLite store opened by several processes at once', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yuqing-concurrent-init-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('migrates a new file once, whoever comes first', async () => {
    for (let round = 0; round < 6; round++) {
      const path = join(dir, `store-${round}.db`);
      const results = await Promise.all([openInChild(path), openInChild(path), openInChild(path)]);
      for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 });
    }
  });
});
