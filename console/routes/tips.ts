import type { FastifyInstance } from 'fastify';
import { LEVELS, type TipStatus } from '../../core/types.js';
import type { TipFilter } from '../../store/store.js';
import type { ConsoleDeps } from '../deps.js';
import { checkRoundUnit, type RawQuery, readEnum, readInt, readString, rejectUnknown } from '../params.js';
import { registerTipWorkflowRoutes } from './tip-workflow.js';

const TIP_STATUSES: readonly TipStatus[] = ['new', 'assigned', 'in_progress', 'closed', 'dismissed'];

/** Default page size of the tips API. */
export const DEFAULT_TIPS_LIMIT = 20;

/** Validate the tips querystring; throws InputError naming the parameter. */
export function parseTipFilter(query: RawQuery, deps: Pick<ConsoleDeps, 'config'>): TipFilter {
  rejectUnknown(query, ['round', 'unit', 'status', 'minLevel', 'limit', 'offset']);
  const roundId = readString(query, 'round');
  const unitId = readString(query, 'unit');
  checkRoundUnit(deps.config.rounds, roundId, unitId);
  const filter: TipFilter = {
    limit: readInt(query, 'limit', 1, 200) ?? DEFAULT_TIPS_LIMIT,
    offset: readInt(query, 'offset', 0, 1_000_000) ?? 0,
  };
  const status = readEnum(query, 'status', TIP_STATUSES);
  const minLevel = readEnum(query, 'minLevel', LEVELS);
  if (roundId !== undefined) filter.roundId = roundId;
  if (unitId !== undefined) filter.unitId = unitId;
  if (status !== undefined) filter.status = status;
  if (minLevel !== undefined) filter.minLevel = minLevel;
  return filter;
}

/**
 * GET /api/tips: tips, newest first, as `{ total, tips }`; plus the workflow API (GET /api/tips/:id,
 * GET /api/tips/:id/history, POST /api/tips/:id/transitions, GET /api/suggestions,
 * POST /api/suggestions/:id/decision).
 */
export function registerTipRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  app.get('/api/tips', async (request) =>
    deps.store.listTips(parseTipFilter(request.query as RawQuery, deps)),
  );
  registerTipWorkflowRoutes(app, deps);
}
