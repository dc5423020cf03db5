// The inspection teams a tip can be assigned to: channels.yaml `teams:` and every unit's `team`.
import type { AppConfig } from './schema.js';

/** Team names known to the configuration (of the given rounds, by default all), each once. */
export function teamNames(config: AppConfig, rounds: AppConfig['rounds'] = config.rounds): string[] {
  return [
    ...new Set([
      ...Object.keys(config.teams ?? {}),
      ...rounds.flatMap((r) => r.units.flatMap((u) => (u.team ? [u.team] : []))),
    ]),
  ];
}
