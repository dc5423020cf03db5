// Who receives digests and overdue reminders, from the rounds' routes and the teams map of channels.yaml.
import type { RoundConfig } from '../../config/schema.js';

/** A digest route of a round: its cron and the channels its 舆情简报 goes to. */
export interface DigestTarget {
  round: RoundConfig;
  /** Index of the route in the round's `alerts:` list (part of the digest's dedup key). */
  index: number;
  cron: string;
  channels: string[];
}

type Teams = Readonly<Record<string, readonly string[]>>;

// The fields read from a route; `digest` and `to` come from the routing issue's schema.
interface RouteFields {
  channels: readonly string[];
  digest?: string | undefined;
  to?: string | undefined;
}

function teamChannels(round: RoundConfig, teams: Teams): string[] {
  return round.units.flatMap((u) => (u.team ? [...(teams[u.team] ?? [])] : []));
}

/**
 * Every digest route (`digest: CRON`) of the active rounds. A route with `to: team` also reaches the channels
 * of every team of the round's units; the report itself always covers the whole round.
 */
export function digestTargets(rounds: readonly RoundConfig[], teams: Teams = {}): DigestTarget[] {
  const out: DigestTarget[] = [];
  for (const round of rounds) {
    if (round.active === false) continue;
    round.alerts.forEach((raw, index) => {
      const route = raw as RouteFields;
      if (!route.digest) return;
      const extra = route.to === 'team' ? teamChannels(round, teams) : [];
      const channels = [...new Set([...route.channels, ...extra])];
      if (channels.length > 0) out.push({ round, index, cron: route.digest, channels });
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
  teams: Teams = {},
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
