import type { AppConfig } from '../config/schema.js';
import { InputError } from '../core/errors.js';
import type { Store } from '../store/store.js';
import { accountWords, addAccount } from './accounts.js';
import { passwordWeakness } from './auth/password-strength.js';

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
  const weakness = given === undefined ? undefined : passwordWeakness(given, accountWords({ name: 'admin' }));
  if (weakness) throw new InputError(`环境变量 ${ADMIN_PASSWORD_ENV} 的初始管理员密码不可用：${weakness}`);
  // A password from the environment is the operator's own choice for their own account (containers, tests), so
  // it need not be changed; it still has to pass the strength check. A generated one must be changed.
  const created = await addAccount(
    store,
    config,
    { name: 'admin', role: 'admin', password: given, mustChangePassword: given === undefined },
    now,
  );
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
