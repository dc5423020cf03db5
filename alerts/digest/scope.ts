// What one recipient of a digest route sees: the route's limits and the recipient's units as a report scope,
// and the tip backlog of just those units, counted through listTips.
import { TIP_STATUS_LABELS, type TipStatus } from '../../core/types.js';
import type { Store } from '../../store/store.js';
import type { ReportScope } from '../report/scope.js';
import type { DigestRecipient, DigestTarget } from './targets.js';

const STATUSES = Object.keys(TIP_STATUS_LABELS) as TipStatus[];

/** The limits of a digest route that apply to every recipient. */
export type DigestLimits = Partial<Pick<DigestTarget, 'minLevel' | 'phases'>>;

/** The report scope of one recipient of a route (undefined: the whole round, every item). */
export function recipientScope(recipient: DigestRecipient, limits: DigestLimits): ReportScope | undefined {
  const scope: ReportScope = {
    ...(recipient.unitIds !== undefined && { unitIds: recipient.unitIds }),
    ...(recipient.team !== undefined && { name: recipient.team }),
    ...(limits.minLevel !== undefined && { minLevel: limits.minLevel }),
    ...(limits.phases !== undefined && { phases: limits.phases }),
  };
  return Object.keys(scope).length === 0 ? undefined : scope;
}

/** The backlog of some units together: tips by current status. */
export type BacklogOf = (unitIds: readonly string[]) => Promise<Record<TipStatus, number>>;

function zero(): Record<TipStatus, number> {
  return Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<TipStatus, number>;
}

/**
 * A backlog counter for one round; each unit is counted once (one store count per status) however many
 * recipients' scopes include it.
 */
export function unitBacklog(store: Pick<Store, 'listTips'>, roundId: string): BacklogOf {
  const byUnit = new Map<string, Promise<Record<TipStatus, number>>>();
  const count = async (unitId: string) => {
    const counts = zero();
    for (const status of STATUSES) {
      counts[status] = (await store.listTips({ roundId, unitId, status, limit: 1 })).total;
    }
    return counts;
  };
  return async (unitIds) => {
    const total = zero();
    for (const id of new Set(unitIds)) {
      let counts = byUnit.get(id);
      if (counts === undefined) {
        counts = count(id);
        byUnit.set(id, counts);
      }
      const done = await counts;
      for (const s of STATUSES) total[s] += done[s];
    }
    return total;
  };
}
