// The search rotation's I/O: reads a search source's cursor from the store, picks this cycle's queries
// (crawlers/search-rotation.ts) and, after the run, moves the cursor on and records which units were searched.
import type { SourceConfig } from '../config/schema.js';
import { rotationBatch, rotationQueries, type UnitNames } from '../crawlers/search-rotation.js';
import type { SearchTerms } from '../crawlers/types.js';
import type { App } from './app.js';

/** This cycle's search terms for a source, and how to save the rotation once the run is over. */
export interface SearchPlan {
  terms: SearchTerms;
  /** Save the cursor; units count as searched only when the run did not fail as a whole. */
  commit(ok: boolean, at: string): Promise<void>;
}

/** The units of the active rounds that use this source, with their names and aliases. */
export function searchUnits(app: App, source: SourceConfig): UnitNames[] {
  return app
    .activeRounds()
    .filter((r) => r.sources.includes(source.id))
    .flatMap((r) => r.units.map((u) => ({ key: `${r.id}/${u.id}`, names: [u.name, ...u.aliases] })));
}

/** Plan a search source's cycle from its persisted cursor (a store failure starts from the beginning). */
export async function planSearch(app: App, source: SourceConfig): Promise<SearchPlan> {
  const units = searchUnits(app, source);
  const rounds = app.activeRounds().filter((r) => r.sources.includes(source.id));
  const keywords = [...new Set(rounds.flatMap((r) => r.keywords.map((k) => k.term)))];
  const names = [...new Set(units.flatMap((u) => u.names))];
  const cursor = await app.store.cursors.getSearchCursor(source.id).catch((err: unknown) => {
    app.logger.warn({ component: 'cycle', source: source.id, err }, 'search cursor not read; starting over');
    return undefined;
  });
  const all = rotationQueries(source, units, keywords);
  const { batch, next } = rotationBatch(all, cursor?.next ?? 0, source.queries);
  return {
    terms: { names, keywords, queries: batch.map((q) => q.query) },
    async commit(ok, at) {
      const lastSearched = { ...(cursor?.lastSearched ?? {}) };
      if (ok) for (const q of batch) lastSearched[q.unitKey] = at;
      try {
        await app.store.cursors.putSearchCursor({
          sourceId: source.id,
          next: ok ? next : (cursor?.next ?? 0),
          lastSearched,
          updatedAt: at,
        });
      } catch (err) {
        app.logger.error({ component: 'cycle', source: source.id, err }, 'search cursor not saved');
      }
    },
  };
}
