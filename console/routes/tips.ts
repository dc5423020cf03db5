import { z } from 'zod';
import { LEVELS, type Tip, type TipStatus } from '../../core/types.js';
import type { ConsoleTipFilter, TipFilter } from '../../store/store.js';
import { type Access, requireRound, requireUnit } from '../auth/access.js';
import type { ConsoleDeps } from '../deps.js';
import {
  checkRoundUnit,
  compact,
  type RawQuery,
  readEnum,
  readInt,
  readString,
  rejectUnknown,
} from '../params.js';
import type { RouteFn } from '../router.js';
import { registerTipWorkflowRoutes } from './tip-workflow.js';

const TIP_STATUSES: readonly TipStatus[] = ['new', 'assigned', 'in_progress', 'closed', 'dismissed'];

/** Default page size of the tips API. */
export const DEFAULT_TIPS_LIMIT = 20;

const tipsQuery = z.object({
  round: z.string().optional(),
  unit: z.string().optional(),
  team: z.string().optional(),
  status: z.enum(['new', 'assigned', 'in_progress', 'closed', 'dismissed']).optional(),
  minLevel: z.enum(['red', 'orange', 'yellow', 'green']).optional(),
  overdue: z.enum(['0', '1']).optional(),
  limit: z.string().optional().describe('1–200，默认 20'),
  offset: z.string().optional(),
});

/** Validate the tips querystring; throws InputError naming the parameter. */
export function parseTipFilter(query: RawQuery, deps: Pick<ConsoleDeps, 'config'>): TipFilter {
  const { team: _team, overdueAt: _overdue, ...filter } = parseConsoleTipFilter(query, deps);
  return filter;
}

/** Validate the board's querystring into a store filter limited to the caller's scope. */
export function parseConsoleTipFilter(
  query: RawQuery,
  deps: Pick<ConsoleDeps, 'config' | 'clock'>,
  access?: Access,
): ConsoleTipFilter {
  rejectUnknown(query, Object.keys(tipsQuery.shape));
  const roundId = readString(query, 'round');
  const unitId = readString(query, 'unit');
  checkRoundUnit(deps.config.rounds, roundId, unitId);
  if (access) {
    requireRound(access, roundId);
    requireUnit(access, roundId, unitId);
  }
  const overdue = readEnum(query, 'overdue', ['0', '1'] as const) === '1';
  return compact({
    roundId,
    unitId,
    team: readString(query, 'team'),
    status: readEnum(query, 'status', TIP_STATUSES),
    minLevel: readEnum(query, 'minLevel', LEVELS),
    overdueAt: overdue ? (deps.clock?.() ?? new Date()).toISOString() : undefined,
    scope: access?.scope,
    limit: readInt(query, 'limit', 1, 200) ?? DEFAULT_TIPS_LIMIT,
    offset: readInt(query, 'offset', 0, 1_000_000) ?? 0,
  });
}

/** Whether a tip is past its due time and still open. */
export function isOverdue(tip: Tip, now: Date): boolean {
  return (
    (tip.status === 'assigned' || tip.status === 'in_progress') &&
    tip.dueAt !== undefined &&
    Date.parse(tip.dueAt) < now.getTime()
  );
}

/** GET /api/tips (the board) plus the workflow routes (tip-workflow.ts). */
export function registerTipRoutes(route: RouteFn, deps: ConsoleDeps): void {
  route({
    method: 'GET',
    path: '/api/tips',
    summary: '线索列表（按状态计数、逾期标记）',
    tag: '线索',
    auth: 'session',
    query: tipsQuery,
    response: { description: '{ total, tips, counts }' },
    handler: async ({ access, query }) => {
      const list = await deps.store.listConsoleTips(parseConsoleTipFilter(query, deps, access));
      const now = deps.clock?.() ?? new Date();
      return { ...list, tips: list.tips.map((t) => ({ ...t, overdue: isOverdue(t, now) })) };
    },
  });
  registerTipWorkflowRoutes(route, deps);
}
