// The rectification ledger on SQLite: tables problems and problem_links (schema step 9).
import type Database from 'better-sqlite3';
import type { Problem, ProblemLink, ProblemStatus } from '../../core/ledger.js';
import type { LedgerFilter, LedgerStore, TipProblemKey } from '../ledger-types.js';
import { isoToEpochMs } from '../time.js';
import type { Prepare } from './statements.js';

/** Runs an operation on a ready store (SqliteConnection.run). */
export type Runner = <T>(operation: string, fn: () => T) => T;

/** A row of table problems. */
export interface ProblemRow {
  round_id: string;
  id: string;
  unit_id: string;
  title: string;
  description: string;
  category: string | null;
  terms: string;
  raised_on: string | null;
  deadline: string | null;
  status: string;
  team: string | null;
  created_at: string;
  updated_at: string;
}

/** A row of table problem_links. */
export interface LinkRow {
  round_id: string;
  problem_id: string;
  unit_id: string;
  article_id: string;
  cluster_id: string;
  title: string;
  url: string;
  published_at: string | null;
  linked_at: string;
  recurrence: number;
  reason: string;
}

/** A problems row as the domain's Problem. */
export function toProblem(r: ProblemRow): Problem {
  return {
    roundId: r.round_id,
    id: r.id,
    unitId: r.unit_id,
    title: r.title,
    description: r.description,
    ...(r.category !== null && { category: r.category }),
    terms: JSON.parse(r.terms) as string[],
    ...(r.raised_on !== null && { raisedOn: r.raised_on }),
    ...(r.deadline !== null && { deadline: r.deadline }),
    status: r.status as ProblemStatus,
    ...(r.team !== null && { team: r.team }),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** A problem_links row as the domain's ProblemLink. */
export function toLink(r: LinkRow): ProblemLink {
  return {
    roundId: r.round_id,
    problemId: r.problem_id,
    unitId: r.unit_id,
    articleId: r.article_id,
    clusterId: r.cluster_id,
    title: r.title,
    url: r.url,
    ...(r.published_at !== null && { publishedAt: r.published_at }),
    linkedAt: r.linked_at,
    recurrence: r.recurrence === 1,
    reason: r.reason,
  };
}

function where(filter: LedgerFilter, problemColumn: string): { sql: string; params: string[] } {
  const clauses: string[] = [];
  const params: string[] = [];
  if (filter.roundId !== undefined) {
    clauses.push('round_id = ?');
    params.push(filter.roundId);
  }
  if (filter.unitId !== undefined) {
    clauses.push('unit_id = ?');
    params.push(filter.unitId);
  }
  if (filter.problemId !== undefined) {
    clauses.push(`${problemColumn} = ?`);
    params.push(filter.problemId);
  }
  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** LedgerStore over the store's SQLite connection. */
export class SqliteLedger implements LedgerStore {
  constructor(
    private readonly run: Runner,
    private readonly db: Database.Database,
    private readonly prep: Prepare,
  ) {}

  async listProblems(filter: LedgerFilter = {}): Promise<Problem[]> {
    return this.run('listProblems', () => {
      const w = where(filter, 'id');
      const rows = this.prep(`SELECT * FROM problems ${w.sql} ORDER BY round_id, unit_id, id`).all(
        ...w.params,
      ) as ProblemRow[];
      return rows.map(toProblem);
    });
  }

  async getProblem(roundId: string, id: string): Promise<Problem | undefined> {
    return this.run('getProblem', () => {
      const row = this.prep('SELECT * FROM problems WHERE round_id = ? AND id = ?').get(roundId, id) as
        | ProblemRow
        | undefined;
      return row ? toProblem(row) : undefined;
    });
  }

  async saveProblems(problems: readonly Problem[]): Promise<{ created: number; updated: number }> {
    return this.run('saveProblems', () =>
      this.db
        .transaction(() => {
          let created = 0;
          let updated = 0;
          for (const p of problems) {
            const existing = this.prep('SELECT created_at FROM problems WHERE round_id = ? AND id = ?').get(
              p.roundId,
              p.id,
            ) as { created_at: string } | undefined;
            if (existing) updated += 1;
            else created += 1;
            this.prep(
              `INSERT OR REPLACE INTO problems (round_id, id, unit_id, title, description, category, terms,
                 raised_on, deadline, status, team, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            ).run(
              p.roundId,
              p.id,
              p.unitId,
              p.title,
              p.description,
              p.category ?? null,
              JSON.stringify(p.terms),
              p.raisedOn ?? null,
              p.deadline ?? null,
              p.status,
              p.team ?? null,
              existing?.created_at ?? p.createdAt,
              p.updatedAt,
            );
          }
          return { created, updated };
        })
        .immediate(),
    );
  }

  async deleteProblem(roundId: string, id: string): Promise<Problem | undefined> {
    return this.run('deleteProblem', () =>
      this.db
        .transaction(() => {
          const row = this.prep('SELECT * FROM problems WHERE round_id = ? AND id = ?').get(roundId, id) as
            | ProblemRow
            | undefined;
          if (!row) return undefined;
          this.prep('DELETE FROM problem_links WHERE round_id = ? AND problem_id = ?').run(roundId, id);
          this.prep('DELETE FROM problems WHERE round_id = ? AND id = ?').run(roundId, id);
          return toProblem(row);
        })
        .immediate(),
    );
  }

  async addLinks(links: readonly ProblemLink[]): Promise<void> {
    if (links.length === 0) return;
    this.run('addLinks', () =>
      this.db
        .transaction(() => {
          for (const l of links) {
            const timeMs = isoToEpochMs(l.publishedAt ?? l.linkedAt) ?? isoToEpochMs(l.linkedAt) ?? 0;
            this.prep(
              `INSERT OR IGNORE INTO problem_links (round_id, problem_id, unit_id, article_id, cluster_id, title,
                 url, published_at, time_ms, linked_at, recurrence, reason)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            ).run(
              l.roundId,
              l.problemId,
              l.unitId,
              l.articleId,
              l.clusterId,
              l.title,
              l.url,
              l.publishedAt ?? null,
              timeMs,
              l.linkedAt,
              l.recurrence ? 1 : 0,
              l.reason,
            );
          }
        })
        .immediate(),
    );
  }

  async listLinks(filter: LedgerFilter = {}): Promise<ProblemLink[]> {
    return this.run('listLinks', () => {
      const w = where(filter, 'problem_id');
      const rows = this.prep(
        `SELECT * FROM problem_links ${w.sql} ORDER BY time_ms, linked_at, article_id`,
      ).all(...w.params) as LinkRow[];
      return rows.map(toLink);
    });
  }

  async problemsForTips(keys: readonly TipProblemKey[]): Promise<string[][]> {
    return this.run('problemsForTips', () =>
      keys.map((k) =>
        (
          this.prep(
            `SELECT DISTINCT problem_id FROM problem_links WHERE round_id = ? AND unit_id = ? AND cluster_id = ?
             ORDER BY problem_id`,
          ).all(k.roundId, k.unitId, k.clusterId) as { problem_id: string }[]
        ).map((r) => r.problem_id),
      ),
    );
  }
}
