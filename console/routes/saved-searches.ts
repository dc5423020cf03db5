import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { audit } from '../audit.js';
import type { ConsoleDeps } from '../deps.js';
import { ConflictError, NotFoundError } from '../errors.js';
import type { RouteFn } from '../router.js';
import { searchQuerySchema } from './search.js';

const PARAM_NAMES = Object.keys(searchQuerySchema.shape);

const saveBody = z.strictObject({
  name: z.string().trim().min(1, { error: '请输入名称' }).max(60, { error: '名称最长 60 个字符' }),
  params: z
    .record(z.string(), z.string().max(500))
    .refine((p) => Object.keys(p).every((k) => PARAM_NAMES.includes(k)), {
      error: `只能保存检索参数：${PARAM_NAMES.join(', ')}`,
    }),
});

/** The caller's saved searches: list, save, delete. */
export function registerSavedSearchRoutes(route: RouteFn, deps: ConsoleDeps): void {
  route({
    method: 'GET',
    path: '/api/saved-searches',
    summary: '我的常用检索',
    tag: '检索',
    auth: 'session',
    response: { description: '{ savedSearches }' },
    handler: async ({ access }) => ({
      savedSearches: (await deps.store.listSavedSearches(access.user.name)).map(({ user: _u, ...s }) => s),
    }),
  });

  route({
    method: 'POST',
    path: '/api/saved-searches',
    summary: '保存检索条件',
    tag: '检索',
    auth: 'session',
    body: saveBody,
    response: { status: 201, description: '{ savedSearch }' },
    handler: async ({ access, body }, request, reply) => {
      const mine = await deps.store.listSavedSearches(access.user.name);
      if (mine.some((s) => s.name === body.name))
        throw new ConflictError(`已有名为「${body.name}」的常用检索`);
      const saved = {
        id: randomUUID(),
        user: access.user.name,
        name: body.name,
        params: body.params,
        createdAt: (deps.clock?.() ?? new Date()).toISOString(),
      };
      await deps.store.createSavedSearch(saved);
      await audit(deps, request, access.user.name, 'saved_search', saved.id, {
        op: 'create',
        name: body.name,
      });
      const { user: _u, ...savedSearch } = saved;
      return reply.status(201).send({ savedSearch });
    },
  });

  route({
    method: 'DELETE',
    path: '/api/saved-searches/:id',
    summary: '删除常用检索',
    tag: '检索',
    auth: 'session',
    response: { status: 204, description: '已删除' },
    handler: async ({ access, params }, request, reply) => {
      const id = params.id ?? '';
      if (!(await deps.store.deleteSavedSearch(access.user.name, id))) {
        throw new NotFoundError(`未找到常用检索 ${id}`);
      }
      await audit(deps, request, access.user.name, 'saved_search', id, { op: 'delete' });
      return reply.status(204).send();
    },
  });
}
