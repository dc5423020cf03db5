import type { ConsoleDeps } from '../deps.js';
import type { RouteFn } from '../router.js';

/** GET /api/health: liveness plus the number of stored articles (no session needed, for probes). */
export function registerHealthRoutes(route: RouteFn, deps: ConsoleDeps): void {
  route({
    method: 'GET',
    path: '/api/health',
    summary: '存活检查',
    tag: '系统',
    auth: 'public',
    response: { description: '{ ok, articles }' },
    handler: async () => ({ ok: true, articles: await deps.store.countArticles() }),
  });
}
