import type { AppConfig } from '../config/schema.js';
import type { Store } from '../store/store.js';
import { addAccount } from './accounts.js';

/** Environment variable that sets the first admin's password (containers, tests) instead of a one-time one. */
export const ADMIN_PASSWORD_ENV = 'YUQING_ADMIN_PASSWORD';

/**
 * When no account exists yet, create `admin`: with the password from YUQING_ADMIN_PASSWORD, or a random one-time
 * password (must be changed at first login) that is returned to be printed once on stderr — never logged.
 */
export async function ensureFirstAdmin(
  store: Store,
  config: AppConfig,
  env: NodeJS.ProcessEnv,
  now: Date,
): Promise<{ name: string; password?: string } | undefined> {
  if ((await store.listUsers()).length > 0) return undefined;
  const given = env[ADMIN_PASSWORD_ENV]?.trim() || undefined;
  const created = await addAccount(store, config, { name: 'admin', role: 'admin', password: given }, now);
  return { name: created.user.name, ...(created.password ? { password: created.password } : {}) };
}

/** The stderr text announcing the first admin's one-time password. */
export function firstAdminNotice(name: string, password: string): string {
  return [
    '',
    `已创建初始管理员账号：${name}`,
    `一次性密码：${password}`,
    '（只显示这一次；首次登录后须修改密码。也可用 yuqing user add 另建账号。）',
    '',
  ].join('\n');
}
