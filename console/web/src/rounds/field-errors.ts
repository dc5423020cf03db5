// Map the server's validation errors (dotted paths into the round) onto the editor's form fields.
import type { RoundConfig } from '../api/types.js';

/** Keys whose value is a list of strings edited as one tags field: an error on an element shows on the list. */
const TAG_LISTS = new Set([
  'aliases',
  'exclude',
  'people',
  'sources',
  'channels',
  'units',
  'teams',
  'phases',
]);

/** The form name path of a server error path, e.g. `units.0.aliases.1` → ['units', 0, 'aliases']. */
export function fieldPath(path: string): (string | number)[] {
  const parts: (string | number)[] = path
    .split('.')
    .filter((p) => p !== '')
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const last = parts[parts.length - 1];
  const parent = parts[parts.length - 2];
  if (typeof last === 'number' && typeof parent === 'string' && TAG_LISTS.has(parent) && parts.length > 2) {
    return parts.slice(0, -1);
  }
  return parts;
}

/** The round as the form shows it: `derive` absent means on, so the switch starts checked. */
export function formRound(round: RoundConfig): RoundConfig {
  return { ...round, units: round.units.map((u) => ({ ...u, derive: u.derive !== false })) };
}

/** Drop empty optional values the form leaves behind, so the body matches the YAML schema. */
export function cleanRound(round: RoundConfig): RoundConfig {
  const units = (round.units ?? []).map((u) => {
    const unit = { ...u, aliases: u.aliases ?? [], exclude: u.exclude ?? [], people: u.people ?? [] };
    if (!unit.team) delete unit.team;
    if (!unit.kind) delete unit.kind;
    // Deriving is the default: only an explicit `false` is written to the YAML.
    if (unit.derive !== false) delete unit.derive;
    if (!unit.children || unit.children.length === 0) delete unit.children;
    else unit.children = unit.children.map((c) => ({ ...c, aliases: c.aliases ?? [] }));
    return unit;
  });
  const alerts = (round.alerts ?? []).map((a) => {
    const route = { ...a, channels: a.channels ?? [] };
    for (const key of ['to', 'digest', 'realert'] as const) if (!route[key]) delete route[key];
    for (const key of ['units', 'teams', 'phases'] as const)
      if (!route[key] || route[key].length === 0) delete route[key];
    return route;
  });
  const keywords = (round.keywords ?? []).map((k) => {
    const keyword = { ...k, weight: Number(k.weight) };
    if (!keyword.phases || keyword.phases.length === 0) delete keyword.phases;
    return keyword;
  });
  const phases: RoundConfig['phases'] = {};
  for (const [name, window] of Object.entries(round.phases ?? {})) {
    if (window && (window.start || window.end)) phases[name as keyof RoundConfig['phases']] = window;
  }
  return { ...round, units, alerts, keywords, phases, sources: round.sources ?? [] };
}
