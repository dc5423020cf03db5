import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../../config/schema.js';
import type { PhaseName } from '../../core/types.js';
import type { ConsoleDeps } from '../deps.js';

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
}

/** Project the configuration onto what the console may show. */
export function roundsView(config: AppConfig): RoundsView {
  return {
    timezone: config.settings.timezone,
    rounds: config.rounds.map((r) => ({
      id: r.id,
      name: r.name,
      active: r.active,
      phases: r.phases,
      units: r.units.map((u) => ({ id: u.id, name: u.name, aliases: u.aliases, team: u.team })),
    })),
    sources: config.sources.map((s) => ({ id: s.id, name: s.name, type: s.type })),
  };
}

/** GET /api/rounds: rounds, units and sources for the filter dropdowns. */
export function registerRoundRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  const view = roundsView(deps.config);
  app.get('/api/rounds', async () => view);
}
