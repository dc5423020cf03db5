// The rectification ledger on Elasticsearch: indices `<prefix>-problems` and `<prefix>-problemlinks`. Without
// transactions an import is one bulk request checked before anything is sent (the CLI and console validate
// the whole sheet first); a cluster failure midway can leave part of it written, and the same import again
// completes it (documents are keyed by round and id). Links are created with `op_type: create`, so a link
// already stored is kept.
import type { estypes } from '@elastic/elasticsearch';
import { StoreError } from '../../core/errors.js';
import type { Problem, ProblemLink } from '../../core/ledger.js';
import type { LedgerFilter, LedgerStore, TipProblemKey } from '../ledger-types.js';
import { isoToEpochMs } from '../time.js';
import { allOf, compact, type EsContext, getDoc, getDocs, searchDocs } from './context.js';

/** Runs an operation on a ready store (ElasticsearchStore.run). */
export type EsRunner = <T>(operation: string, fn: () => Promise<T>) => Promise<T>;

type LinkDoc = ProblemLink & { timeMs: number };

/** Document id of a problem: problem ids are unique only within a round. */
export const problemDocId = (roundId: string, id: string) =>
  `${encodeURIComponent(roundId)}:${encodeURIComponent(id)}`;
/** Document id of a link: one per problem and item. */
export const linkDocId = (l: ProblemLink) =>
  `${problemDocId(l.roundId, l.problemId)}:${encodeURIComponent(l.articleId)}`;

function filters(filter: LedgerFilter, problemField: string): estypes.QueryDslQueryContainer[] {
  const out: estypes.QueryDslQueryContainer[] = [];
  if (filter.roundId !== undefined) out.push({ term: { roundId: filter.roundId } });
  if (filter.unitId !== undefined) out.push({ term: { unitId: filter.unitId } });
  if (filter.problemId !== undefined) out.push({ term: { [problemField]: filter.problemId } });
  return out;
}

/** Messages of the failed items of a bulk response (409s left out when `allowConflict`). */
export function bulkErrors(res: estypes.BulkResponse, allowConflict: boolean): string[] {
  if (!res.errors) return [];
  return res.items.flatMap((item) => {
    const r = Object.values(item)[0];
    if (!r?.error || (allowConflict && r.status === 409)) return [];
    return [`${r._id}: ${r.error.reason ?? r.error.type}`];
  });
}

/** LedgerStore over the store's Elasticsearch context. */
export class EsLedger implements LedgerStore {
  constructor(
    private readonly run: EsRunner,
    private readonly ctx: EsContext,
  ) {}

  listProblems(filter: LedgerFilter = {}): Promise<Problem[]> {
    return this.run('listProblems', async () => {
      const { docs } = await searchDocs<Problem>(
        this.ctx,
        this.ctx.names.problems,
        allOf(filters(filter, 'id')),
        [{ roundId: 'asc' }, { unitId: 'asc' }, { id: 'asc' }],
      );
      return docs;
    });
  }

  getProblem(roundId: string, id: string): Promise<Problem | undefined> {
    return this.run('getProblem', async () => {
      const doc = await getDoc<Problem>(this.ctx, this.ctx.names.problems, problemDocId(roundId, id));
      return doc?.source;
    });
  }

  saveProblems(problems: readonly Problem[]): Promise<{ created: number; updated: number }> {
    return this.run('saveProblems', async () => {
      if (problems.length === 0) return { created: 0, updated: 0 };
      const index = this.ctx.names.problems;
      const existing = await getDocs<Problem>(
        this.ctx,
        index,
        problems.map((p) => problemDocId(p.roundId, p.id)),
      );
      const operations = problems.flatMap((p) => {
        const id = problemDocId(p.roundId, p.id);
        const createdAt = existing.get(id)?.createdAt ?? p.createdAt;
        return [{ index: { _index: index, _id: id } }, compact({ ...p, createdAt })];
      });
      const res = await this.ctx.client.bulk({ operations, refresh: this.ctx.refresh });
      const errors = bulkErrors(res, false);
      if (errors.length > 0) throw new StoreError('E_STORE_IO', `saveProblems: ${errors.join('; ')}`);
      const updated = problems.filter((p) => existing.has(problemDocId(p.roundId, p.id))).length;
      return { created: problems.length - updated, updated };
    });
  }

  deleteProblem(roundId: string, id: string): Promise<Problem | undefined> {
    return this.run('deleteProblem', async () => {
      const docId = problemDocId(roundId, id);
      const doc = await getDoc<Problem>(this.ctx, this.ctx.names.problems, docId);
      if (!doc) return undefined;
      await this.ctx.client.deleteByQuery({
        index: this.ctx.names.problemlinks,
        query: allOf(filters({ roundId, problemId: id }, 'problemId')),
        refresh: true,
        conflicts: 'proceed',
      });
      await this.ctx.client.delete({ index: this.ctx.names.problems, id: docId, refresh: this.ctx.refresh });
      return doc.source;
    });
  }

  addLinks(links: readonly ProblemLink[]): Promise<void> {
    return this.run('addLinks', async () => {
      if (links.length === 0) return;
      const index = this.ctx.names.problemlinks;
      const operations = links.flatMap((l) => {
        const timeMs = isoToEpochMs(l.publishedAt ?? l.linkedAt) ?? isoToEpochMs(l.linkedAt) ?? 0;
        const doc: Record<string, unknown> = { ...l, timeMs };
        return [{ create: { _index: index, _id: linkDocId(l) } }, compact(doc)];
      });
      const res = await this.ctx.client.bulk({ operations, refresh: this.ctx.refresh });
      const errors = bulkErrors(res, true);
      if (errors.length > 0) throw new StoreError('E_STORE_IO', `addLinks: ${errors.join('; ')}`);
    });
  }

  listLinks(filter: LedgerFilter = {}): Promise<ProblemLink[]> {
    return this.run('listLinks', async () => {
      const { docs } = await searchDocs<LinkDoc>(
        this.ctx,
        this.ctx.names.problemlinks,
        allOf(filters(filter, 'problemId')),
        [{ timeMs: 'asc' }, { linkedAt: 'asc' }, { articleId: 'asc' }],
      );
      return docs.map(({ timeMs: _t, ...link }) => link);
    });
  }

  problemsForTips(keys: readonly TipProblemKey[]): Promise<string[][]> {
    return this.run('problemsForTips', async () => {
      if (keys.length === 0) return [];
      const clusters = [...new Set(keys.map((k) => k.clusterId))];
      const { docs } = await searchDocs<LinkDoc>(
        this.ctx,
        this.ctx.names.problemlinks,
        { terms: { clusterId: clusters } },
        [{ problemId: 'asc' }],
      );
      return keys.map((k) => [
        ...new Set(
          docs
            .filter((d) => d.roundId === k.roundId && d.unitId === k.unitId && d.clusterId === k.clusterId)
            .map((d) => d.problemId),
        ),
      ]);
    });
  }
}
