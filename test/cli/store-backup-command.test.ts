// `yuqing store backup|restore` wiring (issue 25): --config/--data choose the store and evidence folder, output
// is Chinese, and a bad --from is a typed error naming the path.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { storeBackupCommand, storeRestoreCommand } from '../../cli/commands/store-backup.js';
import { BackupError } from '../../core/errors.js';
import { silentLogger } from '../../core/log.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { ROOT } from '../helpers/cli.js';
import { makeDataDir } from '../store/backup/backup-fixture.js';

const CONFIG = join(ROOT, 'config');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'yuqing-store-cmd-'));
  dirs.push(dir);
  return dir;
}

/** Run a command function, keeping what it writes to stdout and the exit code it sets. */
async function stdoutOf(fn: () => Promise<void>): Promise<{ stdout: string; code: number }> {
  let stdout = '';
  const write = process.stdout.write;
  const before = process.exitCode;
  process.exitCode = undefined;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  try {
    await fn();
    return { stdout, code: Number(process.exitCode ?? 0) };
  } finally {
    process.stdout.write = write;
    process.exitCode = before;
  }
}

describe('yuqing store backup / restore', () => {
  it('backs up the --data store and restores it into another --data directory', async () => {
    const data = await makeDataDir(4, dirs);
    await data.store.close();
    const out = join(tempDir(), 'backup');
    const backup = await stdoutOf(() => storeBackupCommand({ config: CONFIG, data: data.dir, out }));
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(`备份完成：${out}`);
    expect(backup.stdout).toMatch(/4 条信息/);
    expect(backup.stdout).toMatch(/取证材料：4 条记录/);

    const target = tempDir();
    const restore = await stdoutOf(() => storeRestoreCommand({ config: CONFIG, data: target, from: out }));
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain(`恢复完成：${join(target, 'yuqing.db')}`);
    expect(restore.stdout).toMatch(/4 条取证记录与入库时的 SHA-256 一致/);
    const store = new SqliteStore({ path: join(target, 'yuqing.db'), logger: silentLogger() });
    await store.init();
    expect(await store.countArticles()).toBe(4);
    await store.close();

    const again = await storeRestoreCommand({ config: CONFIG, data: target, from: out }).catch(
      (e: unknown) => e,
    );
    expect(again).toBeInstanceOf(BackupError);
    expect((again as BackupError).code).toBe('E_BACKUP_TARGET_EXISTS');
  });

  it('names a --from that does not exist', async () => {
    const missing = join(tempDir(), 'nope');
    const error = await storeRestoreCommand({ config: CONFIG, data: tempDir(), from: missing }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BackupError);
    expect((error as BackupError).code).toBe('E_BACKUP_NOT_FOUND');
    expect((error as BackupError).message).toBe(`--from ${missing}：备份目录不存在`);
  });

  it('names the missing database when the --data directory holds no store', async () => {
    const empty = tempDir();
    const error = await storeBackupCommand({ config: CONFIG, data: empty, out: join(tempDir(), 'b') }).catch(
      (e: unknown) => e,
    );
    expect((error as BackupError).code).toBe('E_BACKUP_SOURCE');
    expect((error as BackupError).message).toContain(`数据库文件不存在：${join(empty, 'yuqing.db')}`);
  });
});
