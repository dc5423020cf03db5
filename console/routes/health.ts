import type { FastifyInstance } from 'fastify';
import type { ConsoleDeps } from '../deps.js';

/** GET /api/health: liveness plus the number of stored articles. */
export function registerHealthRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  app.get('/api/health', async () => ({ ok: true, articles: await deps.store.countArticles() }));
}
