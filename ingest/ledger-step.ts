// Wires recurrence matching (pipeline/recurrence.ts) into ingest: the ledger's problems are read from the store
// (cached briefly, so a cycle does not query once per item) and each match becomes a link once the item is stored.
import type { Problem, ProblemLink } from '../core/ledger.js';
import type { ProcessedArticle } from '../core/types.js';
import { applyRecurrence, type RecurrenceResult } from '../pipeline/recurrence.js';
import type { Store } from '../store/store.js';
import type { App } from './app.js';

/** How long problems read from the store are reused: an import or edit reaches the crawler within this. */
export const PROBLEM_CACHE_MS = 10_000;

/** The problems of the ledger, read at most once per PROBLEM_CACHE_MS. */
export function problemCache(store: Store, now: () => number = Date.now): () => Promise<Problem[]> {
  let cached: { at: number; problems: Promise<Problem[]> } | undefined;
  return () => {
    const t = now();
    if (!cached || t - cached.at >= PROBLEM_CACHE_MS) {
      const problems = store.ledger.listProblems();
      cached = { at: t, problems };
      // A failed read is not kept: the next item asks again.
      problems.catch(() => {
        cached = undefined;
      });
    }
    return cached.problems;
  };
}

/** The item after recurrence matching against the active rounds' problems. */
export async function matchRecurrence(app: App, scored: ProcessedArticle): Promise<RecurrenceResult> {
  const problems = await (app.problems?.() ?? app.store.ledger.listProblems());
  return applyRecurrence(scored, {
    rounds: app.activeRounds(),
    problems,
    wording: app.config.recurrenceWording ?? { rectification: [], generic: [] },
    cut: (text) => app.segmenter.cut(text),
    timezone: app.config.settings.timezone,
  });
}

/** The links of a stored item's matches, under the story it joined. */
export function linksOf(result: RecurrenceResult, clusterId: string, linkedAt: string): ProblemLink[] {
  const a = result.article;
  return result.matches.map((m) => ({
    roundId: m.roundId,
    problemId: m.problemId,
    unitId: m.unitId,
    articleId: a.id,
    clusterId,
    title: a.title,
    url: a.url,
    ...(a.publishedAt !== undefined && { publishedAt: a.publishedAt }),
    linkedAt,
    recurrence: m.recurrence,
    reason: m.part.label,
  }));
}
