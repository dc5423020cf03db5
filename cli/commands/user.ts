import { addAccount, resetPassword, USER_ROLES } from '../../console/accounts.js';
import { InputError } from '../../core/errors.js';
import { ALL_UNITS } from '../../store/scope.js';
import type { UserRole } from '../../store/store.js';
import { commandLogger, type GlobalOptions, printJson, withApp } from '../command-context.js';

/** Options of `yuqing user add`. */
export interface UserAddOptions extends GlobalOptions {
  role: string;
  rounds?: string;
  units?: string;
  team?: string;
  passwordStdin?: boolean;
  json?: boolean;
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(/[,，\s]+/)
    .map((v) => v.trim())
    .filter(Boolean);

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** `yuqing user add NAME --role ... [--rounds a,b] [--units x,y] [--password-stdin]`. */
export async function userAddCommand(name: string, globalOptions: GlobalOptions): Promise<void> {
  // Commander puts the subcommand's own options next to the global ones.
  const options = globalOptions as UserAddOptions;
  if (!(USER_ROLES as readonly string[]).includes(options.role)) {
    throw new InputError(`--role 应为 ${USER_ROLES.join('、')} 之一，收到「${options.role}」`);
  }
  const password = options.passwordStdin ? await readStdin() : undefined;
  await withApp(options, commandLogger(false), async (app) => {
    if (await app.store.getUser(name)) throw new InputError(`账号「${name}」已存在`);
    const created = await addAccount(
      app.store,
      app.config,
      {
        name,
        role: options.role as UserRole,
        rounds: list(options.rounds),
        units: list(options.units),
        ...(options.team ? { team: options.team } : {}),
        ...(password === undefined ? {} : { password }),
      },
      new Date(),
    );
    if (options.json) {
      printJson({ name, role: created.user.role, password: created.password });
      return;
    }
    process.stdout.write(`已创建账号 ${name}（${created.user.role}）\n`);
    if (created.password) {
      process.stdout.write(`一次性密码：${created.password}\n（首次登录后须修改密码）\n`);
    } else if (created.user.mustChangePassword) {
      process.stdout.write('（该密码由管理员设置，本人首次登录后须修改密码）\n');
    }
  });
}

// Deny by default: no units means the units of the account's 巡察组, or nothing without one.
function teamUnitsLabel(units: readonly string[], team: string | undefined): string {
  if (units.includes(ALL_UNITS)) return '全部';
  if (units.length > 0) return units.join(',');
  return team ? `${team}负责的单位` : '无（看不到任何信息）';
}

/** `yuqing user list`. */
export async function userListCommand(options: GlobalOptions & { json?: boolean }): Promise<void> {
  await withApp(options, commandLogger(false), async (app) => {
    const users = (await app.store.listUsers()).map(({ passwordHash: _h, ...u }) => u);
    if (options.json) return printJson(users);
    for (const u of users) {
      const scope =
        u.role === 'team' ? ` 轮次：${u.rounds.join(',')} 单位：${teamUnitsLabel(u.units, u.team)}` : '';
      process.stdout.write(`${u.name}\t${u.role}${u.disabled ? '（已停用）' : ''}${scope}\n`);
    }
  });
}

/** `yuqing user reset NAME`: a new one-time password, printed once. */
export async function userResetCommand(name: string, options: GlobalOptions): Promise<void> {
  await withApp(options, commandLogger(false), async (app) => {
    if (!(await app.store.getUser(name))) throw new InputError(`未找到账号「${name}」`);
    const password = await resetPassword(app.store, name, new Date());
    process.stdout.write(`账号 ${name} 的一次性密码：${password}\n（登录后须修改密码）\n`);
  });
}
