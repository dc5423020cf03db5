import { z } from 'zod';
import type { UserPatch } from '../../store/store.js';
import { addAccount, checkAccount, resetPassword } from '../accounts.js';
import { audit } from '../audit.js';
import type { ConsoleDeps } from '../deps.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { compact, type RawQuery, readDate, readInt, readString } from '../params.js';
import type { RouteFn } from '../router.js';
import { userView } from './auth.js';

const role = z.enum(['admin', 'officer', 'team'], { error: '角色应为 admin、officer 或 team' });
const ids = z.array(z.string().trim().min(1).max(100)).max(200);

const createBody = z.strictObject({
  name: z.string().trim().min(1, { error: '请输入用户名' }).max(64),
  role,
  rounds: ids.optional(),
  units: ids.optional(),
  team: z.string().trim().max(100).optional(),
  password: z.string().max(256).optional(),
});

const patchBody = z.strictObject({
  role: role.optional(),
  rounds: ids.optional(),
  units: ids.optional(),
  team: z.string().trim().max(100).nullable().optional(),
  disabled: z.boolean().optional(),
  resetPassword: z.literal(true).optional(),
});

const auditQuery = z.object({
  user: z.string().optional(),
  action: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  limit: z.string().optional().describe('1–500，默认 50'),
  offset: z.string().optional(),
});

/** Admin routes: accounts and the audit log. */
export function registerUserRoutes(route: RouteFn, deps: ConsoleDeps): void {
  const now = () => deps.clock?.() ?? new Date();

  route({
    method: 'GET',
    path: '/api/users',
    summary: '账号列表',
    tag: '账号',
    auth: 'admin',
    response: { description: '{ users }' },
    handler: async () => ({ users: (await deps.store.listUsers()).map(userView) }),
  });

  route({
    method: 'POST',
    path: '/api/users',
    summary: '新建账号（不填密码则生成一次性密码）',
    tag: '账号',
    auth: 'admin',
    body: createBody,
    response: { status: 201, description: '{ user, password? }' },
    handler: async ({ access, body }, request, reply) => {
      if (await deps.store.getUser(body.name)) throw new ConflictError(`用户名「${body.name}」已存在`);
      const created = await addAccount(deps.store, deps.config, body, now());
      await audit(deps, request, access.user.name, 'user_change', body.name, {
        op: 'create',
        role: body.role,
        rounds: created.user.rounds,
        units: created.user.units,
      });
      return reply
        .status(201)
        .send({ user: userView(created.user), ...(created.password ? { password: created.password } : {}) });
    },
  });

  route({
    method: 'PATCH',
    path: '/api/users/:name',
    summary: '修改账号（角色、范围、停用、重置密码）',
    tag: '账号',
    auth: 'admin',
    body: patchBody,
    response: { description: '{ user, password? }' },
    handler: async ({ access, body, params }, request) => {
      const name = params.name ?? '';
      const current = await deps.store.getUser(name);
      if (!current) throw new NotFoundError(`未找到账号「${name}」`);
      if (name === access.user.name && (body.disabled === true || (body.role && body.role !== 'admin'))) {
        throw new ForbiddenError('不能停用自己或取消自己的管理员角色');
      }
      const nextRole = body.role ?? current.role;
      const rounds = body.rounds ?? current.rounds;
      const units = body.units ?? current.units;
      checkAccount({ name, role: nextRole, rounds, units }, deps.config);
      const patch: UserPatch = {
        role: nextRole,
        rounds: nextRole === 'team' ? rounds : [],
        units: nextRole === 'team' ? units : [],
        updatedAt: now().toISOString(),
        ...(body.team !== undefined ? { team: body.team } : {}),
        ...(body.disabled !== undefined ? { disabled: body.disabled } : {}),
      };
      let user = await deps.store.updateUser(name, patch);
      if (body.disabled === true || body.role !== undefined || body.rounds || body.units) {
        // A narrower account must not keep using sessions opened under the old rights.
        await deps.store.deleteUserSessions(name);
      }
      const password = body.resetPassword ? await resetPassword(deps.store, name, now()) : undefined;
      if (password) user = (await deps.store.getUser(name)) ?? user;
      const { resetPassword: reset, ...changes } = body;
      await audit(deps, request, access.user.name, 'user_change', name, {
        op: 'update',
        ...changes,
        resetPassword: reset === true,
      });
      return { user: userView(user), ...(password ? { password } : {}) };
    },
  });

  route({
    method: 'GET',
    path: '/api/audit',
    summary: '审计日志（只读，最新在前）',
    tag: '账号',
    auth: 'admin',
    query: auditQuery,
    response: { description: '{ total, entries }' },
    handler: async ({ query }) => {
      const zone = deps.config.settings.timezone;
      const q = query as RawQuery;
      return deps.store.listAudit(
        compact({
          user: readString(q, 'user'),
          action: readString(q, 'action'),
          from: readDate(q, 'from', zone, 'start'),
          to: readDate(q, 'to', zone, 'end'),
          limit: readInt(q, 'limit', 1, 500) ?? 50,
          offset: readInt(q, 'offset', 0, 10_000_000) ?? 0,
        }),
      );
    },
  });
}
