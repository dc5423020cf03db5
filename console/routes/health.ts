import { requestSession } from '../auth/sessions.js';
import type { ConsoleDeps } from '../deps.js';
import type { RouteFn } from '../router.js';

/**
 * GET /api/health: liveness for probes (no session needed). Anyone gets `{ ok: true }` only; the number of
 * stored articles is for a signed-in session, since it tells an outsider how much the office watches.
 */
export function registerHealthRoutes(route: RouteFn, deps: ConsoleDeps): void {
  route({
    method: 'GET',
    path: '/api/health',
    summary: '存活检查',
    tag: '系统',
    auth: 'public',
    response: { description: '{ ok }；已登录时另有 articles' },
    handler: async (_ctx, request) => {
      // Counting also proves the store answers: a probe must see a dead database as a failure.
      const articles = await deps.store.countArticles();
      const signedIn = await requestSession(deps.store, request, deps.clock?.() ?? new Date());
      return signedIn ? { ok: true, articles } : { ok: true };
    },
  });
}
