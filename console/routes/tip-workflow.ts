// The tip workflow API (分办 → 处置 → 反馈) that the console screens build on.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { TipNotFoundError, TipTransitionError } from '../../alerts/workflow/errors.js';
import { parseDismissReason, parseDue, TIP_ACTIONS } from '../../alerts/workflow/labels.js';
import { transitionTip } from '../../alerts/workflow/service.js';
import type { TipCommand } from '../../alerts/workflow/transitions.js';
import { InputError, YuqingError } from '../../core/errors.js';
import type { TipAction } from '../../core/types.js';
import type { SuggestionStatus } from '../../store/store.js';
import type { ConsoleDeps } from '../deps.js';
import { errorBody, NotFoundError } from '../errors.js';
import { type RawQuery, readEnum, readString, rejectUnknown } from '../params.js';

const BODY_FIELDS = ['action', 'team', 'assignee', 'dueAt', 'result', 'reason', 'phrase', 'note', 'by'];

/** A JSON body as an object of optional strings; InputError naming a field of another type. */
function readBody(body: unknown, allowed: readonly string[]): Record<string, string | undefined> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InputError('请求体应为 JSON 对象');
  }
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(body)) {
    if (!allowed.includes(key)) throw new InputError(`未知字段 ${key}（可用字段：${allowed.join(', ')}）`);
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') throw new InputError(`字段 ${key} 应为字符串`);
    out[key] = value;
  }
  return out;
}

/** The workflow command of a transition request body; InputError on a missing or malformed field. */
export function commandFromBody(body: Record<string, string | undefined>, zone: string): TipCommand {
  const action = body.action;
  if (action === undefined || !(TIP_ACTIONS as readonly string[]).includes(action)) {
    throw new InputError(`字段 action 应为 ${TIP_ACTIONS.join('、')} 之一`);
  }
  const note = body.note === undefined ? {} : { note: body.note };
  switch (action as TipAction) {
    case 'assign':
      if (body.dueAt === undefined) throw new InputError('分办需要字段 dueAt（办理期限）');
      return {
        action: 'assign',
        dueAt: parseDue(body.dueAt, zone, 'dueAt'),
        ...(body.team !== undefined && { team: body.team }),
        ...(body.assignee !== undefined && { assignee: body.assignee }),
        ...note,
      };
    case 'start':
      return { action: 'start', ...note };
    case 'close':
      return { action: 'close', result: body.result ?? '', ...note };
    case 'dismiss':
      if (body.reason === undefined) throw new InputError('排除需要字段 reason（误报/无关/重复）');
      return {
        action: 'dismiss',
        reason: parseDismissReason(body.reason),
        ...(body.phrase !== undefined && { phrase: body.phrase }),
        ...note,
      };
  }
}

function conflict(reply: FastifyReply, error: YuqingError) {
  return reply.status(409).send(errorBody(error.code, error.message));
}

/** Register the workflow routes. */
export function registerTipWorkflowRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  const zone = deps.config.settings.timezone;
  const tipOr404 = async (id: string) => {
    const tip = await deps.store.getTip(id);
    if (!tip) throw new NotFoundError(`未找到线索 ${id}`);
    return tip;
  };

  app.get<{ Params: { id: string } }>('/api/tips/:id', async (request) => {
    const tip = await tipOr404(request.params.id);
    return { tip, history: await deps.store.tipHistory(tip.id) };
  });

  app.get<{ Params: { id: string } }>('/api/tips/:id/history', async (request) => {
    const tip = await tipOr404(request.params.id);
    return { history: await deps.store.tipHistory(tip.id) };
  });

  app.post<{ Params: { id: string } }>('/api/tips/:id/transitions', async (request, reply) => {
    const body = readBody(request.body, BODY_FIELDS);
    const command = commandFromBody(body, zone);
    const actor = body.by?.trim() || 'console';
    try {
      const tip = await transitionTip(deps.store, request.params.id, command, {
        actor,
        at: new Date().toISOString(),
      });
      return { tip, history: await deps.store.tipHistory(tip.id) };
    } catch (error) {
      if (error instanceof TipNotFoundError) throw new NotFoundError(error.message);
      if (error instanceof TipTransitionError) return conflict(reply, error);
      if (error instanceof YuqingError && error.code === 'E_STORE_CONFLICT') return conflict(reply, error);
      throw error;
    }
  });

  app.get('/api/suggestions', async (request) => {
    const query = request.query as RawQuery;
    rejectUnknown(query, ['status']);
    const status = readEnum<SuggestionStatus>(query, 'status', ['pending', 'accepted', 'rejected']);
    return { suggestions: await deps.store.listSuggestions(status) };
  });

  app.post<{ Params: { id: string } }>('/api/suggestions/:id/decision', async (request, reply) => {
    const body = readBody(request.body, ['decision', 'by']);
    const decision = readString(body, 'decision');
    if (decision !== 'accept' && decision !== 'reject')
      throw new InputError('字段 decision 应为 accept 或 reject');
    try {
      const suggestion = await deps.store.decideSuggestion(request.params.id, {
        status: decision === 'accept' ? 'accepted' : 'rejected',
        by: body.by?.trim() || 'console',
        at: new Date().toISOString(),
      });
      return { suggestion };
    } catch (error) {
      if (error instanceof YuqingError && error.code === 'E_STORE_NOT_FOUND') {
        throw new NotFoundError(`未找到排除建议 ${request.params.id}`);
      }
      if (error instanceof YuqingError && error.code === 'E_STORE_CONFLICT') return conflict(reply, error);
      throw error;
    }
  });
}
