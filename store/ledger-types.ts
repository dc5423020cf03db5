// The rectification ledger's persistence port (issue 20); every backend implements it as Store.ledger.
import type { Problem, ProblemLink } from '../core/ledger.js';

/** Which problems or links to list. */
export interface LedgerFilter {
  roundId?: string;
  unitId?: string;
  problemId?: string;
}

/** A tip's key as far as its linked problems go. */
export interface TipProblemKey {
  roundId: string;
  unitId: string;
  clusterId: string;
}

/** Problems (问题清单) and the items linked to them; problem ids are unique within a round. */
export interface LedgerStore {
  /** Problems, by round, unit and id. */
  listProblems(filter?: LedgerFilter): Promise<Problem[]>;
  getProblem(roundId: string, id: string): Promise<Problem | undefined>;
  /** Insert or replace every problem of one import at once: all are written, or none (SQLite: one transaction). */
  saveProblems(problems: readonly Problem[]): Promise<{ created: number; updated: number }>;
  /** Delete a problem and its links; returns what was deleted (for the audit log), undefined when absent. */
  deleteProblem(roundId: string, id: string): Promise<Problem | undefined>;
  /** Record links; a link already stored (same round, problem and article) is kept as it was. */
  addLinks(links: readonly ProblemLink[]): Promise<void>;
  /** Links, oldest item first (publish time, else link time). */
  listLinks(filter?: LedgerFilter): Promise<ProblemLink[]>;
  /** For each key, the ids of the problems linked to items of that story for that round and unit. */
  problemsForTips(keys: readonly TipProblemKey[]): Promise<string[][]>;
}
