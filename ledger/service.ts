// Ledger operations shared by the CLI and the console: import, edit, delete (kept in the audit log) and the
// views with linked items. Storage is the LedgerStore port; rules live here, once.
import type { RoundConfig } from '../config/schema.js';
import { InputError } from '../core/errors.js';
import { PROBLEM_STATUS_LABELS, type Problem, type ProblemLink } from '../core/ledger.js';
import type { Store } from '../store/store.js';
import { problemsFromSheet, readSheet } from './sheet-import.js';

/** A problem with its linked items, oldest first. */
export interface ProblemView extends Problem {
  unitName: string;
  statusLabel: string;
  links: ProblemLink[];
  /** Linked items with a recurrence signal (rectification wording, or after 已整改). */
  recurrences: number;
}

/** Import a sheet into a round: all problems or none; existing ids of the round are replaced. */
export async function importSheet(
  store: Store,
  round: RoundConfig,
  file: string,
  actor: string,
  now = new Date().toISOString(),
): Promise<{ created: number; updated: number; problems: Problem[] }> {
  const problems = problemsFromSheet(await readSheet(file), round, file, now);
  const counts = await store.ledger.saveProblems(problems);
  await store.appendAudit({
    at: now,
    user: actor,
    action: 'ledger_import',
    target: round.id,
    detail: { file, ...counts, ids: problems.map((p) => p.id) },
  });
  return { ...counts, problems };
}

/** The round's problems (optionally one unit's) with their linked items. */
export async function problemViews(
  store: Store,
  round: RoundConfig,
  unitId?: string,
): Promise<ProblemView[]> {
  const filter = { roundId: round.id, ...(unitId !== undefined && { unitId }) };
  const [problems, links] = await Promise.all([
    store.ledger.listProblems(filter),
    store.ledger.listLinks(filter),
  ]);
  return problems.map((p) => view(round, p, links));
}

/** One problem with its linked items, or undefined. */
export async function problemView(
  store: Store,
  round: RoundConfig,
  id: string,
): Promise<ProblemView | undefined> {
  const problem = await store.ledger.getProblem(round.id, id);
  if (!problem) return undefined;
  return view(round, problem, await store.ledger.listLinks({ roundId: round.id, problemId: id }));
}

function view(round: RoundConfig, p: Problem, links: readonly ProblemLink[]): ProblemView {
  const own = links.filter((l) => l.problemId === p.id);
  return {
    ...p,
    unitName: round.units.find((u) => u.id === p.unitId)?.name ?? p.unitId,
    statusLabel: PROBLEM_STATUS_LABELS[p.status],
    links: own,
    recurrences: own.filter((l) => l.recurrence).length,
  };
}

/** Create or replace one problem (console edit); the unit must be one of the round's. */
export async function saveProblem(
  store: Store,
  round: RoundConfig,
  problem: Problem,
  actor: string,
  now = new Date().toISOString(),
): Promise<Problem> {
  if (!round.units.some((u) => u.id === problem.unitId)) {
    throw new InputError(`unit: 轮次 ${round.id} 中没有单位「${problem.unitId}」`);
  }
  const existing = await store.ledger.getProblem(round.id, problem.id);
  const saved = { ...problem, roundId: round.id, createdAt: existing?.createdAt ?? now, updatedAt: now };
  await store.ledger.saveProblems([saved]);
  await store.appendAudit({
    at: now,
    user: actor,
    action: existing ? 'ledger_update' : 'ledger_create',
    target: `${round.id}/${problem.id}`,
    detail: { before: existing ?? null, after: saved },
  });
  return saved;
}

/** Delete a problem; its last state and its links stay in the audit log. */
export async function deleteProblem(
  store: Store,
  roundId: string,
  id: string,
  actor: string,
  now = new Date().toISOString(),
): Promise<Problem | undefined> {
  const links = await store.ledger.listLinks({ roundId, problemId: id });
  const deleted = await store.ledger.deleteProblem(roundId, id);
  if (!deleted) return undefined;
  await store.appendAudit({
    at: now,
    user: actor,
    action: 'ledger_delete',
    target: `${roundId}/${id}`,
    detail: { problem: deleted, links },
  });
  return deleted;
}
