import { createHash } from 'node:crypto';
import { type RoundConfig, type RouteConfig, realertMs } from '../config/schema.js';
import { type Level, levelRank, type PhaseName, type ProcessedArticle, type Tip } from '../core/types.js';
import type { NewTip } from '../store/store.js';

/** Stable tip id: the same round, story and unit always give the same id (24 hex digits). */
export function tipId(roundId: string, clusterId: string, unitId: string): string {
  return createHash('sha256')
    .update(`${roundId}\u0000${clusterId}\u0000${unitId}`)
    .digest('hex')
    .slice(0, 24);
}

/** What a route looks at besides the level: the unit, its team and the item's phase. */
export interface RouteTarget {
  unitId?: string;
  team?: string;
  phase?: PhaseName;
}

/** Team name → channel names (channels.yaml `teams:`). */
export type TeamChannels = Readonly<Record<string, readonly string[]>>;

/** Whether a route's `units:` and `teams:` (both, when given) take this unit of this team. */
export function routeCoversUnit(
  route: { units?: readonly string[] | undefined; teams?: readonly string[] | undefined },
  target: Pick<RouteTarget, 'unitId' | 'team'>,
): boolean {
  if (route.units && (target.unitId === undefined || !route.units.includes(target.unitId))) return false;
  if (route.teams && (target.team === undefined || !route.teams.includes(target.team))) return false;
  return true;
}

/** Whether a route takes a tip of this level for this unit, team and phase (digest routes included). */
export function routeMatches(route: RouteConfig, level: Level, target: RouteTarget): boolean {
  if (levelRank(level) < levelRank(route.minLevel)) return false;
  if (!routeCoversUnit(route, target)) return false;
  if (route.phases && (target.phase === undefined || !route.phases.includes(target.phase))) return false;
  return true;
}

/** Channels of one route for a target: its own, then the unit's team's when `to: team`. */
export function routeChannels(route: RouteConfig, target: RouteTarget, teams: TeamChannels = {}): string[] {
  const team = route.to === 'team' && target.team !== undefined ? (teams[target.team] ?? []) : [];
  return [...route.channels, ...team];
}

/**
 * Channel names of every immediate route (not `digest:`) that takes the level for the target, in route order,
 * without duplicates.
 */
export function channelsFor(
  round: RoundConfig,
  assessment: { level: Level; phase?: PhaseName },
  target: RouteTarget = {},
  teams: TeamChannels = {},
): string[] {
  const full: RouteTarget = { ...target, ...(assessment.phase !== undefined && { phase: assessment.phase }) };
  const channels = new Set<string>();
  for (const route of round.alerts) {
    if (route.digest !== undefined || !routeMatches(route, assessment.level, full)) continue;
    for (const channel of routeChannels(route, full, teams)) channels.add(channel);
  }
  return [...channels];
}

/**
 * Channel → `realert` wait (ms) over the immediate routes that take the level for the target; a channel that
 * several such routes reach gets the shortest wait. Channels of routes without `realert` (or `never`) are absent.
 */
export function realertFor(
  round: RoundConfig,
  assessment: { level: Level; phase?: PhaseName },
  target: RouteTarget = {},
  teams: TeamChannels = {},
): Record<string, number> {
  const full: RouteTarget = { ...target, ...(assessment.phase !== undefined && { phase: assessment.phase }) };
  const waits: Record<string, number> = {};
  for (const route of round.alerts) {
    if (route.digest !== undefined || !routeMatches(route, assessment.level, full)) continue;
    const wait = route.realert === undefined ? undefined : realertMs(route.realert);
    if (wait === undefined || wait <= 0) continue;
    for (const channel of routeChannels(route, full, teams)) {
      waits[channel] = Math.min(waits[channel] ?? Number.POSITIVE_INFINITY, wait);
    }
  }
  return waits;
}

/** The digest routes (with their index in the round's `alerts`) that take the level for the target. */
export function digestRoutesFor(
  round: RoundConfig,
  level: Level,
  target: RouteTarget,
): { index: number; route: RouteConfig }[] {
  return round.alerts
    .map((route, index) => ({ index, route }))
    .filter(({ route }) => route.digest !== undefined && routeMatches(route, level, target));
}

/** The tip of one unit of a round, built from an item and its assessment; the caller sets level and score. */
export function buildTip(
  round: RoundConfig,
  article: ProcessedArticle,
  unit: { unitId: string; unitName: string; team?: string },
  clusterId: string,
  scored: Pick<Tip, 'level' | 'score' | 'parts'> & { phase?: PhaseName },
  now: string,
): Tip {
  const unitConfig = round.units.find((u) => u.id === unit.unitId);
  const team = unitConfig?.team ?? unit.team;
  return {
    id: tipId(round.id, clusterId, unit.unitId),
    roundId: round.id,
    unitId: unit.unitId,
    unitName: unitConfig?.name ?? unit.unitName,
    ...(team !== undefined && { team }),
    clusterId,
    articleId: article.id,
    title: article.title,
    url: article.url,
    sourceName: article.sourceName,
    ...(article.publishedAt !== undefined && { publishedAt: article.publishedAt }),
    level: scored.level,
    score: scored.score,
    ...(scored.phase !== undefined && { phase: scored.phase }),
    // Every part, even one about another unit the item names: the explanation must add up to the score.
    parts: [...scored.parts],
    status: 'new',
    createdAt: now,
  };
}

/** The team of a unit: the round config's, else the one the pipeline saw. */
export function unitTeam(round: RoundConfig, unit: { unitId: string; team?: string }): string | undefined {
  return round.units.find((u) => u.id === unit.unitId)?.team ?? unit.team;
}

/**
 * The tips a single item raises: one per active round × matched unit whose level reaches at least one
 * immediate route, each with the deduplicated channels of all such routes.
 */
export function routeTips(
  article: ProcessedArticle,
  clusterId: string,
  rounds: RoundConfig[],
  now: string,
  teams: TeamChannels = {},
): NewTip[] {
  const byId = new Map(rounds.map((r) => [r.id, r]));
  const tips: NewTip[] = [];
  for (const assessment of article.assessments) {
    const round = byId.get(assessment.roundId);
    if (!round?.active || assessment.units.length === 0) continue;
    const seen = new Set<string>();
    for (const unit of assessment.units) {
      if (seen.has(unit.unitId)) continue;
      seen.add(unit.unitId);
      const team = unitTeam(round, unit);
      const target = { unitId: unit.unitId, ...(team !== undefined && { team }) };
      const channels = channelsFor(round, assessment, target, teams);
      if (channels.length === 0) continue;
      tips.push({ tip: buildTip(round, article, unit, clusterId, assessment, now), channels });
    }
  }
  return tips;
}
