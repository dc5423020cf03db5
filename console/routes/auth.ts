import { z } from 'zod';
import type { UserAccount } from '../../store/store.js';
import { accountWords } from '../accounts.js';
import { audit } from '../audit.js';
import { MIN_PASSWORD_LENGTH, passwordWeakness } from '../auth/password-strength.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { type LoginThrottle, retryAfterSecs, throttleMessage } from '../auth/rate-limit.js';
import {
  clearSessionCookie,
  hashSessionId,
  isHttps,
  openSession,
  SESSION_COOKIE,
  setSessionCookie,
} from '../auth/sessions.js';
import type { ConsoleDeps } from '../deps.js';
import { AuthError, FieldsError, RateLimitError } from '../errors.js';
import type { RouteFn } from '../router.js';

/** An account as the API shows it (never the password hash). */
export interface UserView {
  name: string;
  role: UserAccount['role'];
  rounds: string[];
  units: string[];
  team?: string;
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  lastLoginAt?: string;
}

/** Drop the password hash. */
export function userView(user: UserAccount): UserView {
  const { passwordHash: _hash, updatedAt: _updated, ...view } = user;
  return view;
}

const loginBody = z.strictObject({
  username: z.string().trim().min(1, { error: '请输入用户名' }).max(64),
  password: z.string().min(1, { error: '请输入密码' }).max(256),
});

const passwordBody = z.strictObject({
  oldPassword: z.string().min(1, { error: '请输入原密码' }).max(256),
  newPassword: z
    .string()
    .min(MIN_PASSWORD_LENGTH, { error: `新密码至少 ${MIN_PASSWORD_LENGTH} 个字符` })
    .max(256),
});

// Verifying against a dummy hash when the user does not exist keeps the answer time the same either way.
const DUMMY_HASH = hashPassword('not-a-real-account-password');

/** POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me, POST /api/auth/password. */
export function registerAuthRoutes(route: RouteFn, deps: ConsoleDeps, throttle: LoginThrottle): void {
  const now = () => deps.clock?.() ?? new Date();
  const secure = (request: Parameters<typeof isHttps>[0]) =>
    isHttps(request, deps.config.settings.console.publicUrl);

  route({
    method: 'POST',
    path: '/api/auth/login',
    summary: '登录（成功后设置会话 Cookie，返回 CSRF 令牌）',
    tag: '账号',
    auth: 'public',
    body: loginBody,
    response: { description: '{ user, csrfToken }' },
    handler: async ({ body }, request, reply) => {
      const at = now();
      const gate = await throttle.admit(body.username, request.ip, at);
      // Refused attempts are not audited: the log is append-only and a flood would grow it without bound.
      if ('blocked' in gate) {
        throw new RateLimitError(
          throttleMessage(gate.blocked, at, deps.config.settings.timezone),
          retryAfterSecs(gate.blocked, at),
        );
      }
      const user = await deps.store.getUser(body.username);
      const ok = await verifyPassword(body.password, user?.passwordHash ?? (await DUMMY_HASH));
      if (!user || !ok || user.disabled) {
        await audit(deps, request, body.username, 'login_failed', undefined, {
          reason: !user ? 'unknown user' : user.disabled ? 'disabled' : 'wrong password',
        });
        throw new AuthError('用户名或密码错误');
      }
      await throttle.succeeded(gate.attempt, body.username);
      const session = await openSession(deps.store, user, at, request.ip);
      const updated = await deps.store.updateUser(user.name, { lastLoginAt: at.toISOString() });
      await audit(deps, request, user.name, 'login');
      setSessionCookie(reply, session.id, secure(request));
      return { user: userView(updated), csrfToken: session.csrfToken };
    },
  });

  route({
    method: 'POST',
    path: '/api/auth/logout',
    summary: '退出登录',
    tag: '账号',
    auth: 'session',
    allowMustChange: true,
    response: { status: 204, description: '已退出' },
    handler: async ({ access }, request, reply) => {
      const id = request.cookies[SESSION_COOKIE];
      if (id) await deps.store.deleteSession(hashSessionId(id));
      await audit(deps, request, access.user.name, 'logout');
      clearSessionCookie(reply, secure(request));
      return reply.status(204).send();
    },
  });

  route({
    method: 'GET',
    path: '/api/auth/me',
    summary: '当前账号与 CSRF 令牌',
    tag: '账号',
    auth: 'session',
    allowMustChange: true,
    response: { description: '{ user, csrfToken }' },
    handler: async ({ access, csrfToken }) => ({ user: userView(access.user), csrfToken }),
  });

  route({
    method: 'POST',
    path: '/api/auth/password',
    summary: '修改本人密码（其他会话随之失效）',
    tag: '账号',
    auth: 'session',
    allowMustChange: true,
    body: passwordBody,
    response: { status: 204, description: '已修改' },
    handler: async ({ access, body }, request, reply) => {
      if (!(await verifyPassword(body.oldPassword, access.user.passwordHash))) {
        throw new FieldsError('E_INPUT', '原密码不正确', [{ path: 'oldPassword', message: '原密码不正确' }]);
      }
      if (body.newPassword === body.oldPassword) {
        throw new FieldsError('E_INPUT', '新密码不能与原密码相同', [
          { path: 'newPassword', message: '新密码不能与原密码相同' },
        ]);
      }
      const weakness = passwordWeakness(body.newPassword, accountWords(access.user));
      if (weakness) throw new FieldsError('E_INPUT', weakness, [{ path: 'newPassword', message: weakness }]);
      const at = now().toISOString();
      await deps.store.updateUser(access.user.name, {
        passwordHash: await hashPassword(body.newPassword),
        mustChangePassword: false,
        updatedAt: at,
      });
      // Every other session of the account ends; this one stays so the user is not thrown out.
      const id = request.cookies[SESSION_COOKIE] ?? '';
      const current = await deps.store.getSession(hashSessionId(id), at);
      await deps.store.deleteUserSessions(access.user.name);
      if (current) await deps.store.createSession(current);
      await audit(deps, request, access.user.name, 'password_change');
      return reply.status(204).send();
    },
  });
}
