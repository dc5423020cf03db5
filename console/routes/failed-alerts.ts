// 失败预警 (admin): alerts the sender gave up on, with what they were about and why in Chinese; an admin
// re-queues one (after fixing the channel) or marks it handled (told the team another way). Both are audited.
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { YuqingError } from '../../core/errors.js';
import { alertErrorText, NOTICE_KIND_LABELS } from '../../core/labels.js';
import type { Level, OutboxAlert } from '../../core/types.js';
import { audit } from '../audit.js';
import type { ConsoleDeps } from '../deps.js';
import { errorBody, NotFoundError } from '../errors.js';
import { readEnum } from '../params.js';
import type { RouteFn } from '../router.js';

/** A dead alert as the 失败预警 page shows it. */
export interface FailedAlertView extends OutboxAlert {
  /** Channel type (email, wecom…) from channels.yaml; absent for a channel no longer configured. */
  channelType?: string;
  /** The last error as a Chinese sentence (with the receiver's own words). */
  errorText: string;
  /** Tip rows: what the tip is (absent when the tip is gone). */
  tip?: { title: string; unitName: string; team?: string; level: Level; roundId: string };
  /** Notice rows: the notice kind in Chinese and its subject. */
  notice?: { kindLabel: string; title: string };
}

async function view(deps: ConsoleDeps, alert: OutboxAlert): Promise<FailedAlertView> {
  const channelType = deps.config.channels[alert.channel]?.type;
  const tip = alert.tipId ? await deps.store.getTip(alert.tipId) : undefined;
  const notice = alert.noticeId ? await deps.store.getNotice(alert.noticeId) : undefined;
  return {
    ...alert,
    ...(channelType !== undefined && { channelType }),
    errorText: alertErrorText(alert.lastError),
    ...(tip && {
      tip: {
        title: tip.title,
        unitName: tip.unitName,
        ...(tip.team !== undefined && { team: tip.team }),
        level: tip.level,
        roundId: tip.roundId,
      },
    }),
    ...(notice && {
      notice: { kindLabel: NOTICE_KIND_LABELS[notice.kind] ?? '系统通知', title: notice.title },
    }),
  };
}

const STORE_MESSAGES = {
  requeue: { missing: '未找到失败预警', conflict: '该预警已不是失败状态（可能已被重试），请刷新后再试' },
  handled: { missing: '未找到失败预警', conflict: '该预警已被标记处理或已重新排队，请刷新后再试' },
} as const;

/** Chinese 404/409 for the store's typed errors; anything else is rethrown. */
function storeFailure(error: unknown, reply: FastifyReply, op: keyof typeof STORE_MESSAGES, id: string) {
  if (error instanceof YuqingError && error.code === 'E_STORE_NOT_FOUND') {
    throw new NotFoundError(`${STORE_MESSAGES[op].missing}：${id}`);
  }
  if (error instanceof YuqingError && error.code === 'E_STORE_CONFLICT') {
    return reply.status(409).send(errorBody('E_CONFLICT', STORE_MESSAGES[op].conflict));
  }
  throw error;
}

const HANDLED = ['false', 'true', 'all'] as const;

/** GET /api/failed-alerts, POST /api/failed-alerts/:id/requeue and /handled (admin only). */
export function registerFailedAlertRoutes(route: RouteFn, deps: ConsoleDeps): void {
  const now = () => (deps.clock?.() ?? new Date()).toISOString();

  route({
    method: 'GET',
    path: '/api/failed-alerts',
    summary: '失败预警（发送已放弃的预警与通知）',
    tag: '态势',
    auth: 'admin',
    query: z.object({ handled: z.enum(HANDLED).optional() }),
    response: { description: '{ alerts, unhandled }' },
    handler: async ({ query }) => {
      const dead = await deps.store.listAlerts('dead');
      const wanted = readEnum(query, 'handled', HANDLED) ?? 'false';
      const chosen = dead.filter(
        (a) => wanted === 'all' || (a.handledAt !== undefined) === (wanted === 'true'),
      );
      const alerts = [];
      for (const alert of chosen) alerts.push(await view(deps, alert));
      return { alerts, unhandled: dead.filter((a) => a.handledAt === undefined).length };
    },
  });

  const actions = [
    {
      op: 'requeue',
      summary: '重试失败预警（重新排队，尝试次数清零）',
      description: '{ alert }: pending again now',
      action: 'alert_requeue',
      apply: (id: string) => deps.store.requeueAlert(id, now()),
    },
    {
      op: 'handled',
      summary: '将失败预警标记为已处理（已通过其他方式告知）',
      description: '{ alert } with handledAt, handledBy',
      action: 'alert_handled',
      apply: (id: string, by: string) => deps.store.markAlertHandled(id, by, now()),
    },
  ] as const;
  for (const spec of actions) {
    route({
      method: 'POST',
      path: `/api/failed-alerts/:id/${spec.op}`,
      summary: spec.summary,
      tag: '态势',
      auth: 'admin',
      body: z.strictObject({}).optional(),
      response: { description: spec.description },
      handler: async ({ access, params }, request, reply) => {
        const id = params.id ?? '';
        try {
          const alert = await spec.apply(id, access.user.name);
          await audit(deps, request, access.user.name, spec.action, id, {
            channel: alert.channel,
            attempts: alert.attempts,
            ...(alert.tipId && { tipId: alert.tipId }),
          });
          return { alert: await view(deps, alert) };
        } catch (error) {
          return storeFailure(error, reply, spec.op, id);
        }
      },
    });
  }
}
