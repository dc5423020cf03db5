// Fair query rotation for `search` sources (issue 20): every unit's names and aliases of every active round,
// interleaved unit by unit, walked with a persisted cursor so that `queries` is a per-cycle budget and no unit
// is skipped. Pure; the cursor is read and written by the caller.
import type { SourceConfig } from '../config/schema.js';
import { DEFAULT_QUERIES } from './search-crawler.js';

/** A watched unit's search names; `key` is `round/unit`. */
export interface UnitNames {
  key: string;
  names: readonly string[];
}

/** One query and the unit it searches for. */
export interface RotationQuery {
  query: string;
  unitKey: string;
}

/**
 * The full query list: for each risk term (or none), the units' first names, then their second names, and so
 * on, so consecutive queries go to different units. A query two units share is asked once, for the first.
 */
export function rotationQueries(
  source: Pick<SourceConfig, 'riskTerms'>,
  units: readonly UnitNames[],
  keywords: readonly string[],
): RotationQuery[] {
  const risk = source.riskTerms === 'keywords' ? keywords : (source.riskTerms ?? []);
  const suffixes = risk.length > 0 ? risk : [''];
  const depth = Math.max(0, ...units.map((u) => u.names.length));
  const seen = new Set<string>();
  const out: RotationQuery[] = [];
  for (const suffix of suffixes) {
    for (let level = 0; level < depth; level++) {
      for (const unit of units) {
        const name = unit.names[level]?.trim();
        if (!name) continue;
        const query = suffix ? `${name} ${suffix.trim()}` : name;
        if (seen.has(query)) continue;
        seen.add(query);
        out.push({ query, unitKey: unit.key });
      }
    }
  }
  return out;
}

/** This cycle's queries: `budget` of them from `cursor`, wrapping around; and where the next cycle starts. */
export function rotationBatch(
  all: readonly RotationQuery[],
  cursor: number,
  budget: number | undefined,
): { batch: RotationQuery[]; next: number } {
  if (all.length === 0) return { batch: [], next: 0 };
  const size = Math.min(all.length, Math.max(1, budget ?? DEFAULT_QUERIES));
  const start = ((Math.floor(cursor) % all.length) + all.length) % all.length;
  const batch = Array.from({ length: size }, (_, i) => all[(start + i) % all.length] as RotationQuery);
  return { batch, next: (start + size) % all.length };
}
