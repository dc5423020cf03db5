// Compartments (分级权限): what of an item a scoped account may see. One module for the rule, used by the console
// and by both store backends (which receive the caller's scope with the query), so no backend re-implements it.
import { type Assessment, type Level, levelRank, type UnitMatch } from '../core/types.js';
import type { ScopeEntry } from './store-console-types.js';

/** In an account's `units`: every unit of its rounds (granted explicitly, never by leaving units empty). */
export const ALL_UNITS = '*';

/**
 * The units of one round a team account sees (deny by default): the listed ones, every one for ALL_UNITS, else
 * the units the round assigns to the account's 巡察组; none at all without units and team. The console form
 * previews the same rule.
 */
export function accountUnits(
  account: { units: readonly string[]; team?: string },
  round: { units: readonly { id: string; team?: string }[] },
): string[] {
  if (account.units.includes(ALL_UNITS)) return round.units.map((u) => u.id);
  if (account.units.length > 0)
    return round.units.filter((u) => account.units.includes(u.id)).map((u) => u.id);
  const team = account.team;
  return team ? round.units.filter((u) => u.team === team).map((u) => u.id) : [];
}

/** Whether one unit of one round lies inside the scope (undefined scope = everything; empty = nothing). */
export function scopeAllows(
  scope: readonly ScopeEntry[] | undefined,
  roundId: string,
  unitId: string,
): boolean {
  if (scope === undefined) return true;
  return scope.some(
    (e) =>
      e.roundId === roundId &&
      (e.unitIds === undefined || e.unitIds.length === 0 || e.unitIds.includes(unitId)),
  );
}

/** Whether the scope covers the round at all. */
export function scopeAllowsRound(scope: readonly ScopeEntry[] | undefined, roundId: string): boolean {
  return scope === undefined || scope.some((e) => e.roundId === roundId);
}

// A unit-limited assessment takes the verdict of its best visible unit, so another unit's score and
// explanation never show through the round's overall figures.
function projectAssessment(a: Assessment, units: UnitMatch[]): Assessment {
  if (units.length === a.units.length) return a;
  const best = [...units].sort((x, y) => (y.score ?? a.score) - (x.score ?? a.score))[0];
  if (best === undefined) return { ...a, units: [] };
  return {
    ...a,
    units,
    score: best.score ?? a.score,
    level: best.level ?? a.level,
    parts:
      best.parts ?? a.parts.filter((p) => p.unitId === undefined || units.some((u) => u.unitId === p.unitId)),
  };
}

/**
 * The assessments a scope may see: only its rounds, each with only its units; an assessment left without a
 * visible unit is dropped (it would only say that other units were named). Without a scope, all of them.
 */
export function scopeAssessments(
  assessments: readonly Assessment[],
  scope: readonly ScopeEntry[] | undefined,
): Assessment[] {
  if (scope === undefined) return [...assessments];
  return assessments.flatMap((a) => {
    const units = a.units.filter((u) => scopeAllows(scope, a.roundId, u.unitId));
    return units.length === 0 ? [] : [projectAssessment(a, units)];
  });
}

/** The overall score and level over some assessments (green/0 when none), as the pipeline computes them. */
export function overallVerdict(assessments: readonly Assessment[]): { score: number; level: Level } {
  let best: { score: number; level: Level } = { score: 0, level: 'green' };
  for (const a of assessments) {
    if (a.score > best.score || (a.score === best.score && levelRank(a.level) > levelRank(best.level))) {
      best = { score: a.score, level: a.level };
    }
  }
  return best;
}

/** An item as a scope may see it: assessments filtered, overall score and level over what is left. */
export function scopedArticle<T extends { assessments: Assessment[]; score: number; level: Level }>(
  article: T,
  scope: readonly ScopeEntry[] | undefined,
): T {
  if (scope === undefined) return article;
  const assessments = scopeAssessments(article.assessments, scope);
  return { ...article, assessments, ...overallVerdict(assessments) };
}

/** Ids of the watched units an item mentions that the scope may see, over its rounds, without repeats. */
export function scopedUnitIds(
  assessments: readonly Assessment[],
  scope: readonly ScopeEntry[] | undefined,
): string[] {
  return [...new Set(scopeAssessments(assessments, scope).flatMap((a) => a.units.map((u) => u.unitId)))];
}

/** The level, score and unit ids a search hit shows to a scope (the item's own without one). */
export function scopedHitFields(
  item: { assessments: readonly Assessment[]; score: number; level: Level },
  scope: readonly ScopeEntry[] | undefined,
): { level: Level; score: number; units: string[] } {
  if (scope === undefined)
    return { level: item.level, score: item.score, units: scopedUnitIds(item.assessments, scope) };
  const assessments = scopeAssessments(item.assessments, scope);
  return {
    ...overallVerdict(assessments),
    units: [...new Set(assessments.flatMap((a) => a.units.map((u) => u.unitId)))],
  };
}

/**
 * The scope of a query that also filters by round and/or unit: only the scope's rows of that round and unit,
 * so the filter and the scope must hold on the same mention (a unit named only in a round the account does
 * not see never makes an item match). Without a scope, none.
 */
export function narrowScope(
  scope: readonly ScopeEntry[] | undefined,
  roundId: string | undefined,
  unitId: string | undefined,
): ScopeEntry[] | undefined {
  if (scope === undefined) return undefined;
  return scope.flatMap((e) => {
    if (roundId !== undefined && e.roundId !== roundId) return [];
    if (unitId === undefined) return [e];
    return scopeAllows([e], e.roundId, unitId) ? [{ roundId: e.roundId, unitIds: [unitId] }] : [];
  });
}

/**
 * The rounds a round-dependent filter (phase) of a query looks at: the asked round, else the scope's rounds,
 * else any round (undefined), so a phase of a round the account does not see never makes an item match.
 */
export function filterRounds(
  roundId: string | undefined,
  scope: readonly ScopeEntry[] | undefined,
): string[] | undefined {
  if (roundId !== undefined) return [roundId];
  return scope === undefined ? undefined : [...new Set(scope.map((e) => e.roundId))];
}
