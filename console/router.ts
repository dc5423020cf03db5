// Every API route is registered through `route()`, which records it for the OpenAPI document and applies the
// access rules in one place: session, must-change-password, CSRF on state changes, role, query and body shape.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { UserRole } from '../store/store.js';
import { type Access, accessOf } from './auth/access.js';
import { CSRF_HEADER, requestSession, sameToken } from './auth/sessions.js';
import type { ConsoleDeps } from './deps.js';
import { AuthError, FieldsError, ForbiddenError } from './errors.js';
import { type RawQuery, rejectUnknown } from './params.js';

/** Who may call a route: anyone, any session, admin and officer, or admins only. */
export type AuthLevel = 'public' | 'session' | 'staff' | 'admin';

/** HTTP methods the API uses. */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a handler gets besides the request. */
export interface RouteContext<B> {
  /** The caller's account and scope (a placeholder guest access on public routes). */
  access: Access;
  /** The session's CSRF token (empty on public routes). */
  csrfToken: string;
  body: B;
  query: RawQuery;
  params: Record<string, string>;
}

/** One API route: what the OpenAPI document shows and what the guard enforces. */
export interface RouteSpec<B = unknown> {
  method: Method;
  /** Fastify path, e.g. /api/tips/:id */
  path: string;
  summary: string;
  tag: string;
  auth: AuthLevel;
  /** The allowed query parameters (unknown ones are refused); values are checked by the handler. */
  query?: z.ZodObject;
  /** The JSON body, validated before the handler runs; errors name the field. */
  body?: z.ZodType<B>;
  /** Response description (and schema) for the document. */
  response?: { status?: number; description: string; schema?: z.ZodType; contentType?: string };
  /** Routes a must-change-password session may still use (the auth routes). */
  allowMustChange?: boolean;
  handler: (ctx: RouteContext<B>, request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
}

const ROLES: Readonly<Record<Exclude<AuthLevel, 'public' | 'session'>, readonly UserRole[]>> = {
  staff: ['admin', 'officer'],
  admin: ['admin'],
};

const GUEST: Access = {
  user: {
    name: '',
    role: 'team',
    rounds: [],
    units: [],
    passwordHash: '',
    disabled: true,
    mustChangePassword: false,
    createdAt: '',
  },
  scope: [],
};

/** The registered routes, in registration order. */
export type RouteTable = RouteSpec<never>[];

/** A function that registers one route on the app and records it in the table. */
export type RouteFn = <B>(spec: RouteSpec<B>) => void;

/** Make the `route()` registrar of an app. */
export function createRouter(app: FastifyInstance, deps: ConsoleDeps, table: RouteTable): RouteFn {
  const now = () => deps.clock?.() ?? new Date();
  return <B>(spec: RouteSpec<B>) => {
    table.push(spec as unknown as RouteSpec<never>);
    app.route({
      method: spec.method,
      url: spec.path,
      handler: async (request, reply) => {
        let access = GUEST;
        let csrfToken = '';
        if (spec.auth !== 'public') {
          const found = await requestSession(deps.store, request, now());
          if (!found) throw new AuthError();
          access = accessOf(found.user, deps.config);
          csrfToken = found.session.csrfToken;
          if (spec.method !== 'GET') checkCsrf(request, csrfToken);
          if (found.user.mustChangePassword && !spec.allowMustChange) {
            throw new ForbiddenError('请先修改初始密码', 'E_PASSWORD_CHANGE');
          }
          if (spec.auth !== 'session' && !ROLES[spec.auth].includes(found.user.role)) {
            throw new ForbiddenError(
              spec.auth === 'admin' ? '只有管理员可以进行此操作' : '巡察组账号无权进行此操作',
            );
          }
        }
        const query = (request.query ?? {}) as RawQuery;
        rejectUnknown(query, spec.query ? Object.keys(spec.query.shape) : []);
        const body = spec.body ? parseBody(spec.body, request.body) : (undefined as B);
        const params = (request.params ?? {}) as Record<string, string>;
        return spec.handler({ access, csrfToken, body, query, params }, request, reply);
      },
    });
  };
}

function checkCsrf(request: FastifyRequest, expected: string): void {
  const header = request.headers[CSRF_HEADER];
  const given = Array.isArray(header) ? header[0] : header;
  if (given === undefined || !sameToken(given, expected)) {
    throw new ForbiddenError(`缺少或错误的 ${CSRF_HEADER} 请求头（请刷新页面后重试）`, 'E_CSRF');
  }
}

/** Validate a body with its schema; a FieldsError lists every bad field by dotted path. */
export function parseBody<B>(schema: z.ZodType<B>, body: unknown): B {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const fields = result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const first = fields[0];
  const where = first && first.path !== '' ? `字段 ${first.path}：` : '';
  throw new FieldsError('E_INPUT', `请求体无效：${where}${first?.message ?? ''}`, fields);
}
