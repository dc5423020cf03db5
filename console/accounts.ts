// Account creation and changes shared by the admin API and `yuqing user add`.
import type { AppConfig } from '../config/schema.js';
import { ALL_UNITS } from '../store/scope.js';
import type { Store, UserAccount, UserPatch, UserRole } from '../store/store.js';
import { passwordWeakness } from './auth/password-strength.js';
import { generatePassword, hashPassword } from './auth/passwords.js';
import { type FieldError, FieldsError } from './errors.js';

/** The roles an account can have. */
export const USER_ROLES: readonly UserRole[] = ['admin', 'officer', 'team'];

/** A login name: letters, digits, CJK, dot, dash, underscore, @; 1–64 characters. */
export const USER_NAME = /^[\p{L}\p{N}._@-]{1,64}$/u;

/** What is needed to add an account. */
export interface NewAccount {
  name: string;
  role: UserRole;
  rounds?: string[];
  units?: string[];
  team?: string;
  /** Absent: a one-time password is generated. */
  password?: string;
  /**
   * Whether the owner must replace the password at first login. Default true: a password someone else chose
   * (an admin, a generated one) is known to more than its owner. False only where the owner chose it.
   */
  mustChangePassword?: boolean;
}

/** Check name, role, rounds and units against the config; FieldsError listing each bad field. */
export function checkAccount(
  account: Pick<NewAccount, 'name' | 'role' | 'rounds' | 'units' | 'password' | 'team'>,
  config: AppConfig,
): void {
  const fields: FieldError[] = [];
  if (!USER_NAME.test(account.name)) {
    fields.push({ path: 'name', message: '用户名只能包含字母、数字、汉字和 . _ - @，最长 64 个字符' });
  }
  if (!USER_ROLES.includes(account.role))
    fields.push({ path: 'role', message: '角色应为 admin、officer 或 team' });
  const rounds = account.rounds ?? [];
  const units = account.units ?? [];
  if (account.role === 'team' && rounds.length === 0) {
    fields.push({ path: 'rounds', message: '巡察组账号至少需要一个轮次' });
  }
  rounds.forEach((id, i) => {
    if (!config.rounds.some((r) => r.id === id))
      fields.push({ path: `rounds.${i}`, message: `未知轮次「${id}」` });
  });
  const known = config.rounds.filter((r) => rounds.includes(r.id)).flatMap((r) => r.units.map((u) => u.id));
  units.forEach((id, i) => {
    if (id !== ALL_UNITS && !known.includes(id))
      fields.push({ path: `units.${i}`, message: `所选轮次中没有单位「${id}」` });
  });
  const weakness =
    account.password === undefined ? undefined : passwordWeakness(account.password, accountWords(account));
  if (weakness) fields.push({ path: 'password', message: weakness });
  const first = fields[0];
  if (first) throw new FieldsError('E_INPUT', `账号信息无效：${first.path}：${first.message}`, fields);
}

/** Words an attacker would know about an account: a password built on them counts as weak. */
export function accountWords(account: { name: string; team?: string | undefined }): string[] {
  return [account.name, ...(account.team ? [account.team] : [])];
}

/** Add an account; returns it and the generated one-time password when none was given. */
export async function addAccount(
  store: Store,
  config: AppConfig,
  account: NewAccount,
  now: Date,
): Promise<{ user: UserAccount; password?: string }> {
  checkAccount(account, config);
  const generated = account.password === undefined ? generatePassword() : undefined;
  const user: UserAccount = {
    name: account.name,
    role: account.role,
    rounds: account.role === 'team' ? [...(account.rounds ?? [])] : [],
    units: account.role === 'team' ? [...(account.units ?? [])] : [],
    ...(account.team ? { team: account.team } : {}),
    passwordHash: await hashPassword(account.password ?? generated ?? ''),
    disabled: false,
    mustChangePassword: account.mustChangePassword ?? true,
    createdAt: now.toISOString(),
  };
  await store.createUser(user);
  return { user, ...(generated === undefined ? {} : { password: generated }) };
}

/** Issue a new one-time password for an account (must be changed at next login); ends its sessions. */
export async function resetPassword(store: Store, name: string, now: Date): Promise<string> {
  const password = generatePassword();
  const patch: UserPatch = {
    passwordHash: await hashPassword(password),
    mustChangePassword: true,
    updatedAt: now.toISOString(),
  };
  await store.updateUser(name, patch);
  await store.deleteUserSessions(name);
  return password;
}
