// The round file as the round setup edits it: the same shape as config/rounds/*.yaml (config/schema/rounds.ts).
import type { Level, PhaseName } from '../../../../core/types.js';

/** A subordinate unit whose mentions count for its parent. */
export interface ChildUnitConfig {
  name: string;
  aliases: string[];
}

/** A watched unit of a round. */
export interface UnitConfig {
  id: string;
  name: string;
  aliases: string[];
  exclude: string[];
  people: string[];
  team?: string;
  kind?: 'gov' | 'company' | 'institution' | 'village' | 'place' | 'other';
  derive?: boolean;
  children?: ChildUnitConfig[];
}

/** A keyword of a round's lexicon additions. */
export interface KeywordConfig {
  term: string;
  category: string;
  weight: number;
  phases?: PhaseName[];
}

/** An alert route of a round. */
export interface RouteConfig {
  minLevel: Level;
  channels: string[];
  to?: 'team';
  units?: string[];
  teams?: string[];
  phases?: PhaseName[];
  digest?: string;
  realert?: string;
}

/** A round file. */
export interface RoundConfig {
  id: string;
  name: string;
  active: boolean;
  phases: Partial<Record<PhaseName, { start: string; end: string }>>;
  units: UnitConfig[];
  keywords: KeywordConfig[];
  sources: string[];
  alerts: RouteConfig[];
  levels: { red: number; orange: number; yellow: number };
}

/** GET /api/rounds/:id/config. */
export interface RoundConfigResponse {
  round: RoundConfig;
  file: string;
  options: {
    sources: { id: string; name: string }[];
    channels: string[];
    teams: string[];
    categories: string[];
  };
}
