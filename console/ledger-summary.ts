// Ledger figures for the dashboard and the sources page (issue 20).
import type { AppConfig, SourceConfig } from '../config/schema.js';
import { cadenceLabel, cadenceOf } from '../crawlers/cadence.js';
import type { Store } from '../store/store.js';

/** Per unit: problems in the ledger, and how many have public recurrence signals. */
export interface UnitProblemCounts {
  problems: number;
  recurring: number;
}

/** Counts per unit id of one round. */
export async function unitProblemCounts(
  store: Store,
  roundId: string,
): Promise<Map<string, UnitProblemCounts>> {
  const [problems, links] = await Promise.all([
    store.ledger.listProblems({ roundId }),
    store.ledger.listLinks({ roundId }),
  ]);
  const recurring = new Set(links.filter((l) => l.recurrence).map((l) => `${l.unitId}\u0000${l.problemId}`));
  const out = new Map<string, UnitProblemCounts>();
  for (const p of problems) {
    const c = out.get(p.unitId) ?? { problems: 0, recurring: 0 };
    c.problems += 1;
    if (recurring.has(`${p.unitId}\u0000${p.id}`)) c.recurring += 1;
    out.set(p.unitId, c);
  }
  return out;
}

/** What the sources page shows besides health: the current cadence, and for search sources each unit's last search. */
export interface SourceSchedule {
  cadence: string;
  paused: boolean;
  lastSearched?: { roundId: string; unitId: string; unitName: string; at: string | null }[];
}

/** The schedule view of each source by id. */
export async function sourceSchedules(
  store: Store,
  config: AppConfig,
  sources: readonly SourceConfig[],
  now: Date,
): Promise<Map<string, SourceSchedule>> {
  const cursors = new Map((await store.cursors.listSearchCursors()).map((c) => [c.sourceId, c]));
  const rounds = config.rounds.filter((r) => r.active !== false);
  const out = new Map<string, SourceSchedule>();
  for (const s of sources) {
    const cadence = cadenceOf(s, rounds, now.toISOString(), config.settings.timezone);
    const view: SourceSchedule = { cadence: cadenceLabel(cadence), paused: cadence.cron === undefined };
    if (s.type === 'search') {
      const seen = cursors.get(s.id)?.lastSearched ?? {};
      view.lastSearched = rounds
        .filter((r) => r.sources.includes(s.id))
        .flatMap((r) =>
          r.units.map((u) => ({
            roundId: r.id,
            unitId: u.id,
            unitName: u.name,
            at: seen[`${r.id}/${u.id}`] ?? null,
          })),
        );
    }
    out.set(s.id, view);
  }
  return out;
}
