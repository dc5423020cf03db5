// Failed logins on Elasticsearch: index `<prefix>-loginfailures`, one document per attempt and key (id
// `<attempt>|<key>`), so clearing one key leaves the attempt counted under its other keys.
import { StoreError } from '../../core/errors.js';
import type {
  LoginFailure,
  LoginFailureCount,
  LoginFailureQuery,
  LoginFailureStore,
} from '../login-failure-types.js';
import { allOf, type EsContext, requireMs } from './context.js';
import { bulkErrors, type EsRunner } from './ledger.js';

interface FailureDoc {
  attempt: string;
  key: string;
  at: string;
  atMs: number;
}

/** LoginFailureStore over the store's Elasticsearch context. */
export class EsLoginFailures implements LoginFailureStore {
  constructor(
    private readonly run: EsRunner,
    private readonly ctx: EsContext,
  ) {}

  addLoginFailure(f: LoginFailure): Promise<void> {
    return this.run('addLoginFailure', async () => {
      const atMs = requireMs('addLoginFailure.at', f.at);
      const keys = [...new Set(f.keys)];
      if (keys.length === 0) return;
      const index = this.ctx.names.loginfailures;
      const operations = keys.flatMap((key) => [
        { index: { _index: index, _id: `${f.id}|${key}` } },
        { attempt: f.id, key, at: f.at, atMs } satisfies FailureDoc,
      ]);
      const res = await this.ctx.client.bulk({ operations, refresh: this.ctx.refresh });
      const errors = bulkErrors(res, false);
      if (errors.length > 0) throw new StoreError('E_STORE_IO', `addLoginFailure: ${errors.join('; ')}`);
    });
  }

  countLoginFailures(queries: readonly LoginFailureQuery[], since: string): Promise<LoginFailureCount[]> {
    return this.run('countLoginFailures', async () => {
      const sinceMs = requireMs('countLoginFailures.since', since);
      const out: LoginFailureCount[] = [];
      for (const { key, nth } of queries) {
        // One request per key: the total is the count, the single hit at `from` is the nth newest.
        const res = await this.ctx.client.search<FailureDoc>({
          index: this.ctx.names.loginfailures,
          query: allOf([{ term: { key } }, { range: { atMs: { gt: sinceMs } } }]),
          sort: [{ atMs: 'desc' }],
          from: Math.max(0, Math.floor(nth) - 1),
          size: 1,
          track_total_hits: true,
        });
        const total = typeof res.hits.total === 'number' ? res.hits.total : (res.hits.total?.value ?? 0);
        const at = res.hits.hits[0]?._source?.at;
        out.push({ key, count: total, ...(at === undefined ? {} : { nthNewestAt: at }) });
      }
      return out;
    });
  }

  withdrawLoginFailure(id: string): Promise<void> {
    return this.run('withdrawLoginFailure', async () => {
      await this.deleteWhere({ term: { attempt: id } });
    });
  }

  clearLoginFailures(key: string): Promise<void> {
    return this.run('clearLoginFailures', async () => {
      await this.deleteWhere({ term: { key } });
    });
  }

  pruneLoginFailures(before: string): Promise<number> {
    return this.run('pruneLoginFailures', async () => {
      const beforeMs = requireMs('pruneLoginFailures.before', before);
      return this.deleteWhere({ range: { atMs: { lte: beforeMs } } });
    });
  }

  private async deleteWhere(query: Record<string, unknown>): Promise<number> {
    const res = await this.ctx.client.deleteByQuery({
      index: this.ctx.names.loginfailures,
      query,
      refresh: true,
      conflicts: 'proceed',
    });
    return res.deleted ?? 0;
  }
}
