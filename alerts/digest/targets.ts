// Who receives digests and overdue reminders, from the rounds' routes and the teams map of channels.yaml.
import type { RoundConfig } from '../../config/schema.js';
import type { Level, PhaseName } from '../../core/types.js';
import { routeCoversUnit, type TeamChannels } from '../routing.js';

/** One recipient of a digest route: channels and the units its 舆情简报 covers. */
export interface DigestRecipient {
  /** The team a team digest (`to: team`) goes to; absent for the route's own channels. */
  team?: string;
  channels: string[];
  /** Unit ids the digest covers; absent: the whole round (a route without `units:`/`teams:`). */
  unitIds?: string[];
}

/** A digest route of a round: its cron, its limits and who gets which 舆情简报. */
export interface DigestTarget {
  round: RoundConfig;
  /** Index of the route in the round's `alerts:` list (part of the digest's dedup key). */
  index: number;
  cron: string;
  /** Every channel any recipient of the route has (for logs and checks). */
  channels: string[];
  /** The route's own channels first (everything the route covers), then one per team with units in scope. */
  recipients: DigestRecipient[];
  /** The digest lists only items at this level or above. */
  minLevel: Level;
  /** The digest lists only new tips of these phases. */
  phases?: PhaseName[];
}

// The fields read from a route (config/schema/routes.ts).
interface RouteFields {
  minLevel: Level;
  channels: readonly string[];
  digest?: string | undefined;
  to?: string | undefined;
  units?: readonly string[] | undefined;
  teams?: readonly string[] | undefined;
  phases?: readonly PhaseName[] | undefined;
}

/**
 * Unit ids a route covers: the round's units narrowed by `units:` and `teams:` (both must match, as for
 * immediate routing); undefined when the route narrows nothing. Ids in `units:` the round does not configure
 * are kept, so their stored items still count.
 */
export function routeUnitIds(
  round: RoundConfig,
  route: { units?: readonly string[] | undefined; teams?: readonly string[] | undefined },
): string[] | undefined {
  if (route.units === undefined && route.teams === undefined) return undefined;
  const ids = round.units
    .filter((u) => routeCoversUnit(route, { unitId: u.id, team: u.team }))
    .map((u) => u.id);
  // An unconfigured id has no team, so a `teams:` limit cannot take it.
  const unknown =
    route.teams === undefined
      ? (route.units ?? []).filter((id) => !round.units.some((u) => u.id === id))
      : [];
  return [...new Set([...ids, ...unknown])];
}

/**
 * The recipients of one digest route: its own channels get the digest of everything it covers; with
 * `to: team`, each team that has channels and units in the route's scope gets a digest of only its units.
 * A team channel that is also one of the route's own gets the route's digest only (it covers the team's).
 */
export function digestRecipients(
  round: RoundConfig,
  route: RouteFields,
  teams: TeamChannels = {},
): DigestRecipient[] {
  const unitIds = routeUnitIds(round, route);
  const own = [...new Set(route.channels)];
  const out: DigestRecipient[] = [];
  if (own.length > 0) out.push({ channels: own, ...(unitIds !== undefined && { unitIds }) });
  if (route.to !== 'team') return out;
  const inScope = round.units.filter((u) => unitIds === undefined || unitIds.includes(u.id));
  const teamNames = [...new Set(inScope.flatMap((u) => (u.team ? [u.team] : [])))];
  for (const team of teamNames) {
    const channels = [...new Set(teams[team] ?? [])].filter((c) => !own.includes(c));
    if (channels.length === 0) continue;
    out.push({ team, channels, unitIds: inScope.filter((u) => u.team === team).map((u) => u.id) });
  }
  return out;
}

/**
 * Every digest route (`digest: CRON`) of the active rounds with its recipients; a route nobody receives is
 * left out.
 */
export function digestTargets(rounds: readonly RoundConfig[], teams: TeamChannels = {}): DigestTarget[] {
  const out: DigestTarget[] = [];
  for (const round of rounds) {
    if (round.active === false) continue;
    round.alerts.forEach((raw, index) => {
      const route: RouteFields = raw;
      if (!route.digest) return;
      const recipients = digestRecipients(round, route, teams);
      if (recipients.length === 0) return;
      const channels = [...new Set(recipients.flatMap((r) => r.channels))];
      out.push({
        round,
        index,
        cron: route.digest,
        channels,
        recipients,
        minLevel: route.minLevel,
        ...(route.phases !== undefined && { phases: [...route.phases] }),
      });
    });
  }
  return out;
}

/**
 * The channels of a team's overdue reminder: the team's own channels (`teams:` in channels.yaml) when it has
 * any, else the immediate (non-digest) route channels of the rounds its overdue tips belong to.
 */
export function overdueChannels(
  team: string,
  roundIds: readonly string[],
  rounds: readonly RoundConfig[],
  teams: TeamChannels = {},
): string[] {
  const own = teams[team];
  if (own && own.length > 0) return [...own];
  const channels = new Set<string>();
  for (const round of rounds) {
    if (!roundIds.includes(round.id)) continue;
    for (const raw of round.alerts) {
      const route = raw as RouteFields;
      if (!route.digest) for (const c of route.channels) channels.add(c);
    }
  }
  return [...channels];
}
