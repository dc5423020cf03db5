import type { ConsoleDeps } from '../deps.js';
import { buildOpenApi } from '../openapi.js';
import type { RouteFn, RouteTable } from '../router.js';

/** GET /api/openapi.json: the OpenAPI document of every registered route (itself included). */
export function registerOpenApiRoute(route: RouteFn, _deps: ConsoleDeps, table: RouteTable): void {
  route({
    method: 'GET',
    path: '/api/openapi.json',
    summary: 'OpenAPI 文档',
    tag: '系统',
    auth: 'session',
    response: { description: 'OpenAPI 3.1 文档' },
    handler: async () => buildOpenApi(table, '1.0.0'),
  });
}
