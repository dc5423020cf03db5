import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { userAddCommand } from '../../cli/commands/user.js';
import { loadConfig } from '../../config/loader.js';
import { verifyPassword } from '../../console/auth/passwords.js';
import { ensureFirstAdmin } from '../../console/first-admin.js';
import { silentLogger } from '../../core/log.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { ROOT } from '../helpers/cli.js';
import { tempDir } from './fixtures.js';

let dir: string;
let remove: () => void;

beforeAll(() => {
  const tmp = tempDir();
  dir = tmp.dir;
  remove = tmp.remove;
  cpSync(join(ROOT, 'config'), join(dir, 'config'), {
    recursive: true,
    filter: (src) => !src.endsWith('.ts'),
  });
});

afterAll(() => remove());

async function openStore(): Promise<SqliteStore> {
  const store = new SqliteStore({ path: join(dir, 'data/yuqing.db'), logger: silentLogger() });
  await store.init();
  return store;
}

describe('accounts from the command line and at first start', () => {
  it('yuqing user add prints a one-time password and stores a team account with its scope', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    let printed = '';
    try {
      await userAddCommand('team1', {
        config: join(dir, 'config'),
        data: join(dir, 'data'),
        role: 'team',
        rounds: '2026-r4',
        units: 'zjj,scjg',
      } as never);
      printed = out.mock.calls.map((c) => String(c[0])).join('');
    } finally {
      out.mockRestore();
    }
    const password = /一次性密码：(\S+)/.exec(printed)?.[1] ?? '';
    expect(password).toHaveLength(16);
    const store = await openStore();
    try {
      const user = await store.getUser('team1');
      expect(user).toMatchObject({
        role: 'team',
        rounds: ['2026-r4'],
        units: ['zjj', 'scjg'],
        mustChangePassword: true,
      });
      expect(await verifyPassword(password, user?.passwordHash ?? '')).toBe(true);
      await expect(
        userAddCommand('team2', {
          config: join(dir, 'config'),
          data: join(dir, 'data'),
          role: 'team',
          rounds: 'nope',
        } as never),
      ).rejects.toMatchObject({ code: 'E_INPUT' });
    } finally {
      await store.close();
    }
  });

  it('creates the first admin only when there is no account', async () => {
    const config = await loadConfig(join(dir, 'config'), { dataDir: join(dir, 'fresh') });
    const store = new SqliteStore({ path: join(dir, 'fresh/yuqing.db'), logger: silentLogger() });
    await store.init();
    try {
      const first = await ensureFirstAdmin(store, config, {}, new Date());
      expect(first?.password).toHaveLength(16);
      expect(await store.getUser('admin')).toMatchObject({ role: 'admin', mustChangePassword: true });
      expect(await ensureFirstAdmin(store, config, {}, new Date())).toBeUndefined();
    } finally {
      await store.close();
    }
    const store2 = new SqliteStore({ path: join(dir, 'fresh2/yuqing.db'), logger: silentLogger() });
    await store2.init();
    try {
      const given = await ensureFirstAdmin(
        store2,
        config,
        { YUQING_ADMIN_PASSWORD: 'given-password-1' },
        new Date(),
      );
      expect(given).toEqual({ name: 'admin' });
      const admin = await store2.getUser('admin');
      expect(admin?.mustChangePassword).toBe(false);
      expect(await verifyPassword('given-password-1', admin?.passwordHash ?? '')).toBe(true);
    } finally {
      await store2.close();
    }
  });
});
