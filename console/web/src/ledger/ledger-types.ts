// Shapes of the ledger API (console/routes/ledger.ts).
import type { Problem, ProblemLink } from '../../../../core/ledger.js';
import type { Level } from '../api/types.js';

export type { ProblemStatus } from '../../../../core/ledger.js';
export { PROBLEM_STATUS_LABELS } from '../../../../core/ledger.js';

/** An item linked to a problem, as the API sends it. */
export type ProblemLinkView = Omit<ProblemLink, 'roundId' | 'problemId' | 'unitId'>;

/** A problem with its links. */
export interface ProblemView extends Omit<Problem, 'createdAt' | 'updatedAt'> {
  unitName: string;
  statusLabel: string;
  links: ProblemLinkView[];
  recurrences: number;
}

/** GET /api/rounds/:round/problems */
export interface ProblemList {
  round: { id: string; name: string };
  units: {
    id: string;
    name: string;
    team?: string;
    editable: boolean;
    problems: number;
    recurring: number;
  }[];
  problems: ProblemView[];
}

/** GET /api/rounds/:round/problems/:id */
export interface ProblemPage {
  problem: ProblemView & { editable: boolean };
  timeline: (ProblemLinkView & {
    tip: { id: string; level: Level; score: number; status: string; createdAt: string } | null;
  })[];
}
