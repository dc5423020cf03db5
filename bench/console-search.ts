import type { AppConfig } from '../config/schema.js';
import { benchConsoleSearch } from '../console/bench.js';
import { silentLogger } from '../core/log.js';
import type { Store } from '../store/store.js';
import { bounded, type Figure } from './figures.js';

/** What the console search figure needs: a filled store, the config it was filled with, the query segmenter. */
export interface ConsoleSearchDeps {
  store: Store;
  config: AppConfig;
  items: number;
  queryTerms: (text: string) => string[];
  roundId: string;
  unitId: string;
}

/** Issue #6's bound: a search the officer runs in the console answers within a second at 100 k items. */
const LIMIT_MS = 1000;

/**
 * Search as the console runs it: HTTP with a session, JSON, folding of reposts and highlights, against the
 * same store's in-process search (the reference) for the same queries.
 */
export async function measureConsoleSearch(deps: ConsoleSearchDeps): Promise<Figure> {
  const q = (text: string) => `q=${encodeURIComponent(text)}`;
  const queries = [
    `${q('收费')}&fold=1`,
    `${q('违规收费')}&fold=1&sort=score`,
    `${q('"违规收费" -网友')}&fold=1`,
    `${q('收费')}&round=${deps.roundId}&unit=${deps.unitId}&minLevel=orange&fold=1`,
  ];
  const result = await benchConsoleSearch({
    store: deps.store,
    config: deps.config,
    queryTerms: deps.queryTerms,
    logger: silentLogger(),
    queries,
    rounds: 5,
  });
  const direct: number[] = [];
  for (let i = 0; i < 5; i++) {
    for (const text of ['收费', '违规收费']) {
      const started = performance.now();
      await deps.store.search({ terms: deps.queryTerms(text), limit: 20, foldClusters: true });
      direct.push(performance.now() - started);
    }
  }
  direct.sort((a, b) => a - b);
  const directP95 = direct[Math.min(direct.length - 1, Math.floor(0.95 * direct.length))] ?? 0;
  return bounded(
    `console search p95 via HTTP (${deps.items} items, folded, highlighted)`,
    'ms',
    result.p95Ms,
    'store.search p95 in process',
    directP95,
    LIMIT_MS,
    { p50Ms: Math.round(result.p50Ms), maxMs: Math.round(result.maxMs), requests: result.requests },
  );
}
