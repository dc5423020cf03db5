// The rectification ledger in the console (issue 20): a round's 问题清单 per unit, one problem with its linked
// items and tips in time order, edits by admins and the unit's own team only, and the Excel export.
import { z } from 'zod';
import { tipId } from '../../alerts/routing.js';
import type { RoundConfig } from '../../config/schema.js';
import type { Problem, ProblemStatus } from '../../core/ledger.js';
import type { Tip } from '../../core/types.js';
import { deleteProblem, problemView, problemViews, saveProblem } from '../../ledger/service.js';
import { problemsWorkbook } from '../../ledger/sheet-export.js';
import { type Access, allowsUnit, requireRound, requireUnit } from '../auth/access.js';
import type { ConsoleDeps } from '../deps.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import type { RouteFn } from '../router.js';

const dateText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 2026-10-15' })
  .optional();

const problemBody = z.strictObject({
  id: z.string().trim().min(1, { error: '请输入问题编号' }).max(60),
  unitId: z.string().trim().min(1, { error: '请选择单位' }),
  title: z.string().trim().min(1, { error: '请输入问题' }).max(200),
  description: z.string().max(5000).default(''),
  category: z.string().max(60).optional(),
  terms: z.array(z.string().trim().min(1).max(60)).max(50).default([]),
  raisedOn: dateText,
  deadline: dateText,
  status: z.enum(['rectifying', 'rectified', 'closed'], { error: '状态应为 整改中、已整改 或 已销号' }),
  team: z.string().max(60).optional(),
});

const listQuery = z.object({ unit: z.string().optional() });

/** Admins, and team accounts of the unit's own team inside their scope, may edit a unit's problems. */
export function canEditUnit(access: Access, round: RoundConfig, unitId: string): boolean {
  if (access.user.role === 'admin') return true;
  if (access.user.role !== 'team' || !allowsUnit(access, round.id, unitId)) return false;
  const team = round.units.find((u) => u.id === unitId)?.team;
  return team === undefined || team === access.user.team;
}

function roundOf(deps: ConsoleDeps, access: Access, id: string | undefined): RoundConfig {
  requireRound(access, id);
  const round = deps.config.rounds.find((r) => r.id === id);
  if (!round) throw new NotFoundError(`轮次「${id}」不存在`);
  return round;
}

function requireEdit(access: Access, round: RoundConfig, unitId: string): void {
  if (!canEditUnit(access, round, unitId)) {
    throw new ForbiddenError(`只有管理员和负责该单位的巡察组可以修改问题清单（单位「${unitId}」）`);
  }
}

/** Register the ledger routes. */
export function registerLedgerRoutes(route: RouteFn, deps: ConsoleDeps): void {
  route({
    method: 'GET',
    path: '/api/rounds/:round/problems',
    summary: '问题清单（按单位）及关联舆情数',
    tag: '整改台账',
    auth: 'session',
    query: listQuery,
    response: { description: '{ problems, units }' },
    handler: async ({ access, params, query }) => {
      const round = roundOf(deps, access, params.round);
      const unit = typeof query.unit === 'string' ? query.unit : undefined;
      requireUnit(access, round.id, unit);
      const views = (await problemViews(deps.store, round, unit)).filter((p) =>
        allowsUnit(access, round.id, p.unitId),
      );
      const units = round.units
        .filter((u) => allowsUnit(access, round.id, u.id))
        .map((u) => ({
          id: u.id,
          name: u.name,
          team: u.team,
          editable: canEditUnit(access, round, u.id),
          problems: views.filter((p) => p.unitId === u.id).length,
          recurring: views.filter((p) => p.unitId === u.id && p.recurrences > 0).length,
        }));
      return { round: { id: round.id, name: round.name }, units, problems: views };
    },
  });

  route({
    method: 'GET',
    path: '/api/rounds/:round/problems/:id',
    summary: '问题详情：关联的舆情与线索（按时间）',
    tag: '整改台账',
    auth: 'session',
    response: { description: '{ problem, timeline }' },
    handler: async ({ access, params }) => {
      const round = roundOf(deps, access, params.round);
      const view = await problemView(deps.store, round, params.id ?? '');
      if (!view || !allowsUnit(access, round.id, view.unitId)) {
        throw new NotFoundError(`问题「${params.id}」不存在`);
      }
      const tips = await storyTips(
        deps,
        round.id,
        view.unitId,
        view.links.map((l) => l.clusterId),
      );
      const timeline = view.links.map((l) => ({
        ...l,
        tip: tips.get(l.clusterId) ?? null,
      }));
      return { problem: { ...view, editable: canEditUnit(access, round, view.unitId) }, timeline };
    },
  });

  route({
    method: 'PUT',
    path: '/api/rounds/:round/problems/:id',
    summary: '新建或修改问题（管理员、负责该单位的巡察组）',
    tag: '整改台账',
    auth: 'session',
    body: problemBody,
    response: { description: '{ problem }' },
    handler: async ({ access, params, body }) => {
      const round = roundOf(deps, access, params.round);
      if (body.id !== params.id) throw new ForbiddenError('问题编号与地址不一致');
      requireEdit(access, round, body.unitId);
      const existing = await deps.store.ledger.getProblem(round.id, body.id);
      if (existing) requireEdit(access, round, existing.unitId);
      const now = (deps.clock?.() ?? new Date()).toISOString();
      const problem: Problem = {
        ...body,
        status: body.status as ProblemStatus,
        roundId: round.id,
        createdAt: now,
        updatedAt: now,
      };
      return { problem: await saveProblem(deps.store, round, problem, access.user.name, now) };
    },
  });

  route({
    method: 'DELETE',
    path: '/api/rounds/:round/problems/:id',
    summary: '删除问题（原记录保留在审计日志中）',
    tag: '整改台账',
    auth: 'session',
    response: { status: 204, description: '已删除' },
    handler: async ({ access, params }, _request, reply) => {
      const round = roundOf(deps, access, params.round);
      const existing = await deps.store.ledger.getProblem(round.id, params.id ?? '');
      if (!existing || !allowsUnit(access, round.id, existing.unitId)) {
        throw new NotFoundError(`问题「${params.id}」不存在`);
      }
      requireEdit(access, round, existing.unitId);
      const now = (deps.clock?.() ?? new Date()).toISOString();
      await deleteProblem(deps.store, round.id, existing.id, access.user.name, now);
      return reply.status(204).send();
    },
  });

  route({
    method: 'GET',
    path: '/api/rounds/:round/problems.xlsx',
    summary: '导出问题清单（Excel）',
    tag: '整改台账',
    auth: 'session',
    response: {
      description: '问题清单.xlsx',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
    handler: async ({ access, params }, _request, reply) => {
      const round = roundOf(deps, access, params.round);
      const views = (await problemViews(deps.store, round)).filter((p) =>
        allowsUnit(access, round.id, p.unitId),
      );
      const bytes = await problemsWorkbook(round, views, new Map(views.map((v) => [v.id, v.links.length])));
      return reply
        .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'Content-Disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(`${round.id}-问题清单.xlsx`)}`,
        )
        .send(bytes);
    },
  });
}

// The tip of each linked story for this round and unit (tip ids derive from round, story and unit), if any.
async function storyTips(
  deps: ConsoleDeps,
  roundId: string,
  unitId: string,
  clusterIds: readonly string[],
): Promise<Map<string, Pick<Tip, 'id' | 'level' | 'score' | 'status' | 'createdAt'>>> {
  const out = new Map<string, Pick<Tip, 'id' | 'level' | 'score' | 'status' | 'createdAt'>>();
  for (const clusterId of new Set(clusterIds)) {
    const tip = await deps.store.getTip(tipId(roundId, clusterId, unitId));
    if (tip) {
      out.set(clusterId, {
        id: tip.id,
        level: tip.level,
        score: tip.score,
        status: tip.status,
        createdAt: tip.createdAt,
      });
    }
  }
  return out;
}
