import { DateTime } from 'luxon';
import { z } from 'zod';
import { InputError } from '../../core/errors.js';
import { LEVELS, type Level, PHASE_LABELS, type PhaseName } from '../../core/types.js';
import { createCloudWords, loadStopWords, topCloudTerms } from '../../pipeline/word-cloud.js';
import type { UnitLevelCounts } from '../../store/store.js';
import { type Access, requireRound, visibleRounds } from '../auth/access.js';
import type { ConsoleDeps } from '../deps.js';
import { unitProblemCounts } from '../ledger-summary.js';
import { checkRange, readDate, readString } from '../params.js';
import type { RouteFn } from '../router.js';
import { scopedSourceHealth } from './sources.js';

/** Days shown when the period is not given. */
export const DEFAULT_DASHBOARD_DAYS = 30;
const MAX_DAYS = 400;

const dashboardQuery = z.object({
  round: z.string().optional().describe('轮次，默认第一个启用的轮次'),
  from: z.string().optional().describe('YYYY-MM-DD，默认 30 天前'),
  to: z.string().optional().describe('YYYY-MM-DD，默认今天'),
});

function zero(): Record<Level, number> {
  return { red: 0, orange: 0, yellow: 0, green: 0 };
}

function countsOf(list: readonly UnitLevelCounts[], unitId: string): Record<Level, number> {
  return { ...zero(), ...list.find((u) => u.unitId === unitId)?.counts };
}

function worst(counts: Record<Level, number>): Level {
  return LEVELS.find((level) => counts[level] > 0) ?? 'green';
}

/** GET /api/dashboard: the situation of one round over a period, limited to the caller's units. */
export function registerDashboardRoutes(route: RouteFn, deps: ConsoleDeps): void {
  const cloudWords = deps.cloudWords ?? createCloudWords(loadStopWords());
  route({
    method: 'GET',
    path: '/api/dashboard',
    summary: '态势：单位四色状态、等级统计、每日趋势、阶段、热词、来源类型、信息源健康',
    tag: '态势',
    auth: 'session',
    query: dashboardQuery,
    response: { description: 'Dashboard' },
    handler: async ({ access, query }) => dashboard(deps, cloudWords, access, query),
  });
}

async function dashboard(
  deps: ConsoleDeps,
  cloudWords: (text: string) => string[],
  access: Access,
  query: Record<string, unknown>,
) {
  const zone = deps.config.settings.timezone;
  const rounds = visibleRounds(access, deps.config);
  const roundId = readString(query, 'round');
  requireRound(access, roundId);
  const round =
    roundId === undefined
      ? (rounds.find((r) => r.active) ?? rounds[0])
      : rounds.find((r) => r.id === roundId);
  if (!round) {
    throw roundId === undefined
      ? new InputError('没有可查看的轮次')
      : new InputError(`参数 round 无效：未知轮次「${roundId}」`);
  }
  const today = DateTime.fromJSDate(deps.clock?.() ?? new Date()).setZone(zone);
  const to = DateTime.fromISO(readDate(query, 'to', zone, 'end') ?? today.endOf('day').toISO() ?? '', {
    zone,
  });
  const from = DateTime.fromISO(
    readDate(query, 'from', zone, 'start') ??
      to
        .minus({ days: DEFAULT_DASHBOARD_DAYS - 1 })
        .startOf('day')
        .toISO() ??
      '',
    { zone },
  );
  checkRange(from.toISO() ?? undefined, to.toISO() ?? undefined);
  if (to.diff(from, 'days').days > MAX_DAYS)
    throw new InputError(`参数 from 无效：时间范围最长 ${MAX_DAYS} 天`);
  const unitIds = access.scope === undefined ? undefined : round.units.map((u) => u.id);
  const data = await deps.store.dashboardData({
    roundId: round.id,
    from: from.toISO() ?? '',
    to: to.toISO() ?? '',
    utcOffsetMinutes: from.offset,
    ...(unitIds ? { unitIds } : {}),
  });
  // From the trend, whose rows count each item once even when it names several units.
  const levelCounts = zero();
  for (const row of data.trend) if (LEVELS.includes(row.level)) levelCounts[row.level] += row.count;
  const trend: ({ day: string } & Record<Level, number>)[] = [];
  for (let day = from.startOf('day'); day <= to; day = day.plus({ days: 1 })) {
    trend.push({ day: day.toFormat('yyyy-MM-dd'), ...zero() });
  }
  for (const row of data.trend) {
    const entry = trend.find((t) => t.day === row.day);
    if (entry && LEVELS.includes(row.level)) entry[row.level] += row.count;
  }
  const problemCounts = await unitProblemCounts(deps.store, round.id);
  return {
    round: {
      id: round.id,
      name: round.name,
      phases: (Object.entries(round.phases) as [PhaseName, { start: string; end: string } | undefined][])
        .filter((e): e is [PhaseName, { start: string; end: string }] => e[1] !== undefined)
        .map(([phase, w]) => ({ phase, label: PHASE_LABELS[phase], start: w.start, end: w.end })),
    },
    from: from.toFormat('yyyy-MM-dd'),
    to: to.toFormat('yyyy-MM-dd'),
    units: round.units.map((u) => {
      const open = countsOf(data.openTips, u.id);
      return {
        id: u.id,
        name: u.name,
        ...(u.team ? { team: u.team } : {}),
        status: worst(open),
        openTips: LEVELS.reduce((sum, l) => sum + open[l], 0),
        counts: countsOf(data.unitLevels, u.id),
        // Rectification ledger: problems, and those with public recurrence signals (issue 20).
        problems: problemCounts.get(u.id) ?? { problems: 0, recurring: 0 },
      };
    }),
    levelCounts,
    trend,
    topTerms: topCloudTerms(data.termSample, cloudWords),
    sourceTypes: data.sourceTypes,
    sources: await scopedSourceHealth(deps, access),
  };
}
