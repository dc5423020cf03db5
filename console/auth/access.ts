// One place that turns a session's account into what it may see; every route that returns items, tips,
// dashboards, alerts, evidence or sources goes through these helpers.
import type { AppConfig, RoundConfig } from '../../config/schema.js';
import type { Tip } from '../../core/types.js';
import { accountUnits, scopeAllows, scopeAllowsRound } from '../../store/scope.js';
import type { ScopeEntry, StoredArticle, UserAccount } from '../../store/store.js';
import { ForbiddenError } from '../errors.js';

/** The account behind a request and its data scope. */
export interface Access {
  user: UserAccount;
  /** Rounds/units the account may see; undefined = everything (admin, officer). */
  scope?: ScopeEntry[];
}

/**
 * The access of an account: admins and officers see everything; a team account sees only the units its rounds
 * resolve to (accountUnits), listed explicitly per round, so a round or unit it was not given is never implied.
 */
export function accessOf(user: UserAccount, config: Pick<AppConfig, 'rounds'>): Access {
  if (user.role !== 'team') return { user };
  const scope = config.rounds
    .filter((r) => user.rounds.includes(r.id))
    .map((r) => ({ roundId: r.id, unitIds: accountUnits(user, r) }))
    .filter((e) => e.unitIds.length > 0);
  return { user, scope };
}

/** Whether the access covers the round (any of its units). */
export function allowsRound(access: Access, roundId: string): boolean {
  return scopeAllowsRound(access.scope, roundId);
}

/** Whether the access covers one unit of one round. */
export function allowsUnit(access: Access, roundId: string, unitId: string): boolean {
  return scopeAllows(access.scope, roundId, unitId);
}

/** Whether an item mentions a unit inside the access. */
export function allowsArticle(access: Access, article: Pick<StoredArticle, 'assessments'>): boolean {
  if (access.scope === undefined) return true;
  return article.assessments.some((a) => a.units.some((u) => allowsUnit(access, a.roundId, u.unitId)));
}

/** Whether a tip is inside the access. */
export function allowsTip(access: Access, tip: Pick<Tip, 'roundId' | 'unitId'>): boolean {
  return allowsUnit(access, tip.roundId, tip.unitId);
}

/** A `round=` filter outside the access is refused outright (403), not silently emptied. */
export function requireRound(access: Access, roundId: string | undefined): void {
  if (roundId !== undefined && !allowsRound(access, roundId)) {
    throw new ForbiddenError(`无权查看轮次「${roundId}」`);
  }
}

/** A `unit=` filter outside the access is refused outright (403). */
export function requireUnit(access: Access, roundId: string | undefined, unitId: string | undefined): void {
  if (unitId === undefined || access.scope === undefined) return;
  const rounds = roundId === undefined ? access.scope.map((e) => e.roundId) : [roundId];
  if (!rounds.some((r) => allowsUnit(access, r, unitId)))
    throw new ForbiddenError(`无权查看单位「${unitId}」`);
}

/** The configured rounds the access covers, each with only the units it covers. */
export function visibleRounds(access: Access, config: AppConfig): RoundConfig[] {
  return config.rounds
    .filter((r) => allowsRound(access, r.id))
    .map((r) => ({ ...r, units: r.units.filter((u) => allowsUnit(access, r.id, u.id)) }));
}

/** Ids of the sources of the rounds the access covers (undefined = every source). */
export function visibleSourceIds(access: Access, config: AppConfig): Set<string> | undefined {
  if (access.scope === undefined) return undefined;
  return new Set(visibleRounds(access, config).flatMap((r) => r.sources));
}
