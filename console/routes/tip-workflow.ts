// The tip workflow API (分办 → 处置 → 反馈) that the console screens build on.

import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { TipNotFoundError, TipTransitionError } from '../../alerts/workflow/errors.js';
import { parseDismissReason, parseDue, TIP_ACTIONS } from '../../alerts/workflow/labels.js';
import { transitionTip } from '../../alerts/workflow/service.js';
import type { TipCommand } from '../../alerts/workflow/transitions.js';
import { teamNames } from '../../config/teams.js';
import { InputError, YuqingError } from '../../core/errors.js';
import type { TipAction } from '../../core/types.js';
import type { SuggestionStatus } from '../../store/store.js';
import { audit } from '../audit.js';
import { type Access, allowsTip } from '../auth/access.js';
import type { ConsoleDeps } from '../deps.js';
import { errorBody, NotFoundError } from '../errors.js';
import { readEnum } from '../params.js';
import type { RouteFn } from '../router.js';

const optional = z.string().max(2000).optional();
const transitionBody = z.strictObject({
  action: z.enum(['assign', 'start', 'close', 'dismiss'], {
    error: `字段 action 应为 ${TIP_ACTIONS.join('、')} 之一`,
  }),
  team: z.string().max(100).optional(),
  assignee: z.string().max(100).optional(),
  dueAt: z.string().max(40).optional(),
  result: optional,
  reason: z.string().max(40).optional(),
  phrase: z.string().max(100).optional(),
  note: optional,
  /** Ignored: the actor is the session's account (kept so older clients are not refused). */
  by: z.string().max(100).optional(),
});

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

/** Register the workflow routes: tip detail, history, transitions, notes and exclusion suggestions. */
export function registerTipWorkflowRoutes(route: RouteFn, deps: ConsoleDeps): void {
  const now = () => deps.clock?.() ?? new Date();
  // A tip outside the caller's scope answers exactly like an unknown one.
  const tipOr404 = async (access: Access, id = '') => {
    const tip = await deps.store.getTip(id);
    if (!tip || !allowsTip(access, tip)) throw new NotFoundError(`未找到线索 ${id}`);
    return tip;
  };

  route({
    method: 'GET',
    path: '/api/tips/:id',
    summary: '线索详情、处置记录和备注',
    tag: '线索',
    auth: 'session',
    response: { description: '{ tip, history, notes }' },
    handler: async ({ access, params }) => {
      const tip = await tipOr404(access, params.id);
      const [history, notes] = await Promise.all([
        deps.store.tipHistory(tip.id),
        deps.store.tipNotes(tip.id),
      ]);
      return { tip, history, notes };
    },
  });

  route({
    method: 'GET',
    path: '/api/tips/:id/history',
    summary: '线索处置记录',
    tag: '线索',
    auth: 'session',
    response: { description: '{ history }' },
    handler: async ({ access, params }) => {
      const tip = await tipOr404(access, params.id);
      return { history: await deps.store.tipHistory(tip.id) };
    },
  });

  route({
    method: 'POST',
    path: '/api/tips/:id/transitions',
    summary: '分办/开始处置/办结/排除',
    tag: '线索',
    auth: 'session',
    body: transitionBody,
    response: { description: '{ tip, history }' },
    handler: async ({ access, params, body }, request, reply) => {
      const before = await tipOr404(access, params.id);
      const command = commandFromBody(body, deps.config.settings.timezone);
      try {
        const tip = await transitionTip(deps.store, before.id, command, {
          actor: access.user.name,
          at: now().toISOString(),
          teams: teamNames(deps.config),
        });
        await audit(deps, request, access.user.name, 'tip_change', tip.id, {
          action: command.action,
          from: before.status,
          to: tip.status,
        });
        return { tip, history: await deps.store.tipHistory(tip.id) };
      } catch (error) {
        if (error instanceof TipNotFoundError) throw new NotFoundError(error.message);
        if (error instanceof TipTransitionError) return conflict(reply, error);
        if (error instanceof YuqingError && error.code === 'E_STORE_CONFLICT') return conflict(reply, error);
        throw error;
      }
    },
  });

  route({
    method: 'POST',
    path: '/api/tips/:id/notes',
    summary: '添加线索备注',
    tag: '线索',
    auth: 'session',
    body: z.strictObject({ text: z.string().trim().min(1, { error: '备注不能为空' }).max(2000) }),
    response: { status: 201, description: '{ note }' },
    handler: async ({ access, params, body }, request, reply) => {
      const tip = await tipOr404(access, params.id);
      const note = {
        id: randomUUID(),
        tipId: tip.id,
        at: now().toISOString(),
        user: access.user.name,
        text: body.text,
      };
      await deps.store.addTipNote(note);
      await audit(deps, request, access.user.name, 'tip_note', tip.id);
      return reply.status(201).send({ note });
    },
  });

  route({
    method: 'GET',
    path: '/api/suggestions',
    summary: '误报反馈提出的排除词建议',
    tag: '线索',
    auth: 'staff',
    query: z.object({ status: z.enum(['pending', 'accepted', 'rejected']).optional() }),
    response: { description: '{ suggestions }' },
    handler: async ({ query }) => {
      const status = readEnum<SuggestionStatus>(query, 'status', ['pending', 'accepted', 'rejected']);
      return { suggestions: await deps.store.listSuggestions(status) };
    },
  });

  route({
    method: 'POST',
    path: '/api/suggestions/:id/decision',
    summary: '采纳或驳回排除词建议（采纳后立即参与评分）',
    tag: '线索',
    auth: 'admin',
    body: z.strictObject({
      decision: z.enum(['accept', 'reject'], { error: '字段 decision 应为 accept 或 reject' }),
      by: z.string().max(100).optional(),
    }),
    response: { description: '{ suggestion }' },
    handler: async ({ access, params, body }, request, reply) => {
      try {
        const suggestion = await deps.store.decideSuggestion(params.id ?? '', {
          status: body.decision === 'accept' ? 'accepted' : 'rejected',
          by: access.user.name,
          at: now().toISOString(),
        });
        await audit(deps, request, access.user.name, 'suggestion_decision', suggestion.id, {
          decision: body.decision,
        });
        // Accepted exclusions join the scoring rounds: rebuild the processor like a config change does.
        if (body.decision === 'accept') await deps.applyConfig?.(deps.config);
        return { suggestion };
      } catch (error) {
        if (error instanceof YuqingError && error.code === 'E_STORE_NOT_FOUND') {
          throw new NotFoundError(`未找到排除建议 ${params.id}`);
        }
        if (error instanceof YuqingError && error.code === 'E_STORE_CONFLICT') return conflict(reply, error);
        throw error;
      }
    },
  });
}
