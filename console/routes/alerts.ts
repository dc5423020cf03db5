import { z } from 'zod';
import type { AlertStatus, OutboxAlert } from '../../core/types.js';
import { type Access, allowsTip } from '../auth/access.js';
import type { ConsoleDeps } from '../deps.js';
import { readEnum } from '../params.js';
import type { RouteFn } from '../router.js';

const ALERT_STATUSES: readonly AlertStatus[] = ['pending', 'sent', 'dead'];

/** Alerts the access may see: everything, or (team) only alerts about its own tips. */
async function scoped(deps: ConsoleDeps, access: Access, alerts: OutboxAlert[]): Promise<OutboxAlert[]> {
  if (access.scope === undefined) return alerts;
  const allowed = new Map<string, boolean>();
  const out: OutboxAlert[] = [];
  for (const alert of alerts) {
    if (alert.tipId === '') continue;
    if (!allowed.has(alert.tipId)) {
      const tip = await deps.store.getTip(alert.tipId);
      allowed.set(alert.tipId, tip !== undefined && allowsTip(access, tip));
    }
    if (allowed.get(alert.tipId)) out.push(alert);
  }
  return out;
}

/** GET /api/alerts?status=: rows of the alert outbox as `{ alerts, dead }`. */
export function registerAlertRoutes(route: RouteFn, deps: ConsoleDeps): void {
  route({
    method: 'GET',
    path: '/api/alerts',
    summary: '告警发送记录',
    tag: '态势',
    auth: 'session',
    query: z.object({ status: z.enum(['pending', 'sent', 'dead']).optional() }),
    response: { description: '{ alerts, dead }' },
    handler: async ({ access, query }) => {
      const alerts = await scoped(
        deps,
        access,
        await deps.store.listAlerts(readEnum(query, 'status', ALERT_STATUSES)),
      );
      // Dead letters (alerts given up after their last attempt) are counted whatever the filter.
      const dead = (await scoped(deps, access, await deps.store.listAlerts('dead'))).length;
      return { alerts, dead };
    },
  });
}
