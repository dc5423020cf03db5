import { loadSourceHealth, type SourceHealth } from '../../store/source-health.js';
import { type Access, allowsUnit, visibleSourceIds } from '../auth/access.js';
import type { ConsoleDeps } from '../deps.js';
import { sourceSchedules } from '../ledger-summary.js';
import type { RouteFn } from '../router.js';

/** The health of the sources the access covers, in config order. */
export async function scopedSourceHealth(deps: ConsoleDeps, access: Access): Promise<SourceHealth[]> {
  const { settings } = deps.config;
  const visible = visibleSourceIds(access, deps.config);
  const sources = deps.config.sources.filter((s) => visible === undefined || visible.has(s.id));
  const health = await loadSourceHealth(deps.store, sources, {
    timezone: settings.timezone,
    failureThreshold: settings.alerts.sourceFailureThreshold,
  });
  // Current cadence by phase, and each unit's last search (issue 20).
  const schedules = await sourceSchedules(deps.store, deps.config, sources, deps.clock?.() ?? new Date());
  return health.map((h) => {
    const schedule = schedules.get(h.sourceId);
    // A search source's per-unit log names units of every round using it: keep the caller's own.
    const lastSearched = schedule?.lastSearched?.filter((s) => allowsUnit(access, s.roundId, s.unitId));
    return { ...h, ...schedule, ...(lastSearched ? { lastSearched } : {}) };
  });
}

/** GET /api/sources: the health of every configured source (a team's: its rounds' sources) as `{ sources }`. */
export function registerSourceRoutes(route: RouteFn, deps: ConsoleDeps): void {
  route({
    method: 'GET',
    path: '/api/sources',
    summary: '信息源健康状况',
    tag: '态势',
    auth: 'session',
    response: { description: '{ sources }' },
    handler: async ({ access }) => ({ sources: await scopedSourceHealth(deps, access) }),
  });
}
