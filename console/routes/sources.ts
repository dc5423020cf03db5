import type { FastifyInstance } from 'fastify';
import { loadSourceHealth, type SourceHealth } from '../../store/source-health.js';
import type { ConsoleDeps } from '../deps.js';
import { type RawQuery, rejectUnknown } from '../params.js';

/** GET /api/sources: the health of every configured source as `{ sources }`, in config order. */
export function registerSourceRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  app.get('/api/sources', async (request): Promise<{ sources: SourceHealth[] }> => {
    rejectUnknown(request.query as RawQuery, []);
    const { settings } = deps.config;
    const sources = await loadSourceHealth(deps.store, deps.config.sources, {
      timezone: settings.timezone,
      failureThreshold: settings.alerts.sourceFailureThreshold,
    });
    return { sources };
  });
}
