import type { AppConfig } from '../../config/schema.js';
import { teamNames } from '../../config/teams.js';
import type { PhaseName } from '../../core/types.js';
import { type Access, visibleRounds, visibleSourceIds } from '../auth/access.js';
import type { ConsoleDeps } from '../deps.js';
import type { RouteFn } from '../router.js';

/** What the filter dropdowns need from the configuration (no people, keywords or recipients). */
export interface RoundsView {
  /** IANA timezone used to show times. */
  timezone: string;
  rounds: {
    id: string;
    name: string;
    active: boolean;
    phases: Partial<Record<PhaseName, { start: string; end: string }>>;
    units: { id: string; name: string; aliases: string[]; team?: string }[];
  }[];
  sources: { id: string; name: string; type: string }[];
  /** Team names (channels.yaml `teams:` and the units' `team`), for the assign dropdown. */
  teams?: string[];
}

/** Project the configuration onto what the console may show (to `access`, when given). */
export function roundsView(config: AppConfig, access?: Access): RoundsView {
  const rounds = access ? visibleRounds(access, config) : config.rounds;
  const sourceIds = access ? visibleSourceIds(access, config) : undefined;
  return {
    timezone: config.settings.timezone,
    rounds: rounds.map((r) => ({
      id: r.id,
      name: r.name,
      active: r.active,
      phases: r.phases,
      units: r.units.map((u) => ({ id: u.id, name: u.name, aliases: u.aliases, team: u.team })),
    })),
    sources: config.sources
      .filter((s) => sourceIds === undefined || sourceIds.has(s.id))
      .map((s) => ({ id: s.id, name: s.name, type: s.type })),
    teams: teamNames(config, rounds),
  };
}

/** GET /api/rounds: rounds, units and sources for the filter dropdowns (the caller's scope only). */
export function registerRoundRoutes(route: RouteFn, deps: ConsoleDeps): void {
  route({
    method: 'GET',
    path: '/api/rounds',
    summary: '轮次、单位、信息源（用于筛选）',
    tag: '轮次',
    auth: 'session',
    response: { description: 'RoundsView' },
    // Read per request: a round saved in the console shows at once.
    handler: async ({ access }) => roundsView(deps.config, access),
  });
}
