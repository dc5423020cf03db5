// The rectification ledger (整改台账): problems an inspection team raised at 反馈, and the items linked to them.

/** Status of a problem: 整改中 (being fixed), 已整改 (reported fixed), 已销号 (closed by the office). */
export type ProblemStatus = 'rectifying' | 'rectified' | 'closed';

/** Chinese label of each problem status, as the sheet, the CLI and the console write it. */
export const PROBLEM_STATUS_LABELS: Readonly<Record<ProblemStatus, string>> = {
  rectifying: '整改中',
  rectified: '已整改',
  closed: '已销号',
};

/** The status named by an id (`rectified`) or a Chinese label (已整改); undefined when neither. */
export function parseProblemStatus(text: string): ProblemStatus | undefined {
  const t = text.trim();
  for (const [id, label] of Object.entries(PROBLEM_STATUS_LABELS)) {
    if (t === id || t === label) return id as ProblemStatus;
  }
  return undefined;
}

/** One problem of a round's 问题清单 for one unit; `id` is unique within the round. */
export interface Problem {
  roundId: string;
  /** 问题编号, e.g. `R4-ZJJ-01`. */
  id: string;
  unitId: string;
  /** 问题: a one-line title. */
  title: string;
  /** 问题描述. */
  description: string;
  category?: string;
  /** 关键词: key terms the public would use about it. */
  terms: string[];
  /** 反馈日期, yyyy-MM-dd. */
  raisedOn?: string;
  /** 整改时限, yyyy-MM-dd. */
  deadline?: string;
  status: ProblemStatus;
  /** Responsible inspection team (defaults to the unit's team). */
  team?: string;
  createdAt: string;
  updatedAt: string;
}

/** An item found to be about a problem (recurrence matching), kept per problem and article. */
export interface ProblemLink {
  roundId: string;
  problemId: string;
  unitId: string;
  articleId: string;
  /** The story the item joined; a tip of this round and unit on it carries the problem. */
  clusterId: string;
  title: string;
  url: string;
  publishedAt?: string;
  /** When the link was made (ISO). */
  linkedAt: string;
  /** Rectification wording found or the problem was already marked done: a recurrence signal. */
  recurrence: boolean;
  /** Why it matched, in Chinese (the score part's label). */
  reason: string;
}
