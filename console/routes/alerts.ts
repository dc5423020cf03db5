import type { FastifyInstance } from 'fastify';
import type { AlertStatus } from '../../core/types.js';
import type { ConsoleDeps } from '../deps.js';
import { type RawQuery, readEnum, rejectUnknown } from '../params.js';

const ALERT_STATUSES: readonly AlertStatus[] = ['pending', 'sent', 'dead'];

/** GET /api/alerts?status=: rows of the alert outbox as `{ alerts }`. */
export function registerAlertRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  app.get('/api/alerts', async (request) => {
    const query = request.query as RawQuery;
    rejectUnknown(query, ['status']);
    const alerts = await deps.store.listAlerts(readEnum(query, 'status', ALERT_STATUSES));
    // Dead letters (alerts given up after their last attempt) are counted whatever the filter.
    const dead = (await deps.store.listAlerts('dead')).length;
    return { alerts, dead };
  });
}
