import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../console/accounts.js';
import { ensureFirstAdmin } from '../../console/first-admin.js';
import { testConfig } from '../console/fixtures.js';
import { type InjectedConsole, openSeededApp } from '../console/seed.js';
import { createAccount, login, TEST_PASSWORD } from '../console/session.js';
import { openTempStore } from '../helpers/temp-store.js';

// Finding 5 of issue 23: any 10 characters were a password (`aaaaaaaaaa`), and a password an admin set did not
// have to be changed at first login.

let admin: InjectedConsole;

beforeAll(async () => {
  admin = await openSeededApp('admin');
});

afterAll(async () => admin?.close());

const create = (name: string, password: string) =>
  admin.session.inject({ method: 'POST', url: '/api/users', payload: { name, role: 'officer', password } });

describe('password strength', () => {
  it('refuses repeated, sequential, keyboard, common and name-based passwords an admin sets, naming the field', async () => {
    for (const weak of [
      'aaaaaaaaaa',
      'abcdefghij',
      '1234567890',
      'qwertyuiop',
      'password123',
      'woaini1314520',
      'wangfang-wangfang',
    ]) {
      const res = await create('wangfang', weak);
      expect(res.statusCode, weak).toBe(400);
      const field = res.json().error.fields[0];
      expect(field.path, weak).toBe('password');
      expect(field.message, weak).toMatch(/^密码太容易被猜到：/);
    }
    expect((await create('wangfang', 'short')).json().error.fields[0].message).toBe('密码至少 10 个字符');
  });

  it('refuses a weak new password at the password change, and accepts a strong one', async () => {
    await createAccount(admin.store, admin.config, { name: 'zhoujie', role: 'officer' });
    const session = await login(admin.app, 'zhoujie');
    const change = (newPassword: string) =>
      session.inject({
        method: 'POST',
        url: '/api/auth/password',
        payload: { oldPassword: TEST_PASSWORD, newPassword },
      });
    const weak = await change('aaaaaaaaaa');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toMatchObject({ code: 'E_INPUT', fields: [{ path: 'newPassword' }] });
    expect(weak.json().error.message).toContain('重复');
    expect((await change('zhoujie-zhoujie-1')).statusCode).toBe(400);
    expect((await change('Tea-kettle-on-7-bridges')).statusCode).toBe(204);
  });

  it('refuses a weak YUQING_ADMIN_PASSWORD before creating the first admin', async () => {
    const temp = await openTempStore('yq-pw-');
    try {
      const config = testConfig(temp.dir);
      await expect(
        ensureFirstAdmin(temp.store, config, { YUQING_ADMIN_PASSWORD: 'aaaaaaaaaa' }, new Date()),
      ).rejects.toThrow(/环境变量 YUQING_ADMIN_PASSWORD 的初始管理员密码不可用：密码太容易被猜到/);
      expect(await temp.store.listUsers()).toEqual([]);
    } finally {
      await temp.dispose();
    }
  });
});

describe('admin-set passwords must be changed at first login', () => {
  it('gives an account created with an admin-chosen password only the password change until it is replaced', async () => {
    const made = await create('zhaolei', 'Lantern-river-93-quiet');
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().user.mustChangePassword).toBe(true);
    const session = await login(admin.app, 'zhaolei', 'Lantern-river-93-quiet');
    const me = await session.inject({ method: 'GET', url: '/api/auth/me' });
    expect(me.json().user.mustChangePassword).toBe(true);
    for (const url of ['/api/search', '/api/tips', '/api/dashboard?round=2026-r4']) {
      const res = await session.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error).toEqual({ code: 'E_PASSWORD_CHANGE', message: '请先修改初始密码' });
    }
    const changed = await session.inject({
      method: 'POST',
      url: '/api/auth/password',
      payload: { oldPassword: 'Lantern-river-93-quiet', newPassword: 'Copper-finch-41-meadow' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await session.inject({ method: 'GET', url: '/api/search' })).statusCode).toBe(200);
  });

  it('makes a password reset by an admin, and any password given to addAccount (the CLI), a one-time one', async () => {
    await create('qianwei', 'Lantern-river-93-quiet');
    const reset = await admin.session.inject({
      method: 'PATCH',
      url: '/api/users/qianwei',
      payload: { resetPassword: true },
    });
    expect(reset.statusCode).toBe(200);
    expect(reset.json().user.mustChangePassword).toBe(true);
    const session = await login(admin.app, 'qianwei', reset.json().password);
    expect((await session.inject({ method: 'GET', url: '/api/search' })).json().error.code).toBe(
      'E_PASSWORD_CHANGE',
    );
    const temp = await openTempStore('yq-pw-');
    try {
      const added = await addAccount(
        temp.store,
        testConfig(temp.dir),
        { name: 'sunli', role: 'officer', password: 'Harbor-violet-58-drum' },
        new Date(),
      );
      expect(added.user.mustChangePassword).toBe(true);
    } finally {
      await temp.dispose();
    }
  });
});
