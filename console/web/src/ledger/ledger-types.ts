// Shapes of the ledger API (console/routes/ledger.ts).
import type { Level } from '../api/types.js';

/** Problem status ids. */
export type ProblemStatus = 'rectifying' | 'rectified' | 'closed';

/** Chinese labels of the statuses. */
export const PROBLEM_STATUS_LABELS: Readonly<Record<ProblemStatus, string>> = {
  rectifying: '整改中',
  rectified: '已整改',
  closed: '已销号',
};

/** An item linked to a problem. */
export interface ProblemLinkView {
  articleId: string;
  clusterId: string;
  title: string;
  url: string;
  publishedAt?: string;
  linkedAt: string;
  recurrence: boolean;
  reason: string;
}

/** A problem with its links. */
export interface ProblemView {
  roundId: string;
  id: string;
  unitId: string;
  unitName: string;
  title: string;
  description: string;
  category?: string;
  terms: string[];
  raisedOn?: string;
  deadline?: string;
  status: ProblemStatus;
  statusLabel: string;
  team?: string;
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
