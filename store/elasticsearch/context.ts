// What every part of the Elasticsearch store shares: the client, index names, refresh policy, clock, and the
// small request helpers (get by id, search all, conflict detection).
import type { Client, estypes } from '@elastic/elasticsearch';
import { StoreError } from '../../core/errors.js';
import type { Logger } from '../../core/log.js';
import { isoToEpochMs } from '../time.js';
import type { IndexNames } from './names.js';

/** `wait_for` makes a write visible to the next search (read-after-write, as the contract needs). */
export type RefreshPolicy = 'wait_for' | true | false;

/** Shared state of one ElasticsearchStore. */
export interface EsContext {
  client: Client;
  names: IndexNames;
  refresh: RefreshPolicy;
  logger: Logger;
  clock: () => Date;
  /** Increasing number per process: insertion order among records created in the same millisecond. */
  nextSeq(): number;
}

/** A sequence generator: microsecond-scaled wall clock, strictly increasing within the process. */
export function sequence(): () => number {
  let last = 0;
  return () => {
    last = Math.max(last + 1, Date.now() * 1000);
    return last;
  };
}

/** Largest page the store asks for at once (index.max_result_window default). */
export const MAX_PAGE = 10_000;

/** HTTP status of a client ResponseError, if it is one. */
export function statusOf(error: unknown): number | undefined {
  const meta = (error as { meta?: { statusCode?: number } } | undefined)?.meta;
  return typeof meta?.statusCode === 'number' ? meta.statusCode : undefined;
}

/** Whether the error is a version conflict or an `op_type: create` on an existing id. */
export function isConflict(error: unknown): boolean {
  return statusOf(error) === 409;
}

/** A document's source by id, with its seq_no/primary_term for optimistic updates; undefined when absent. */
export async function getDoc<T>(
  ctx: EsContext,
  index: string,
  id: string,
): Promise<{ source: T; seqNo: number; primaryTerm: number } | undefined> {
  try {
    const res = await ctx.client.get<T>({ index, id });
    if (!res.found || res._source === undefined) return undefined;
    return { source: res._source, seqNo: res._seq_no ?? 0, primaryTerm: res._primary_term ?? 0 };
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/**
 * Write `document` over a document read by getDoc, only if nobody changed it since (E_STORE_CONFLICT with
 * `conflictMessage` otherwise): the optimistic update of a decision or a dead letter.
 */
export async function indexIfUnchanged<T>(
  ctx: EsContext,
  index: string,
  id: string,
  document: T,
  read: { seqNo: number; primaryTerm: number },
  conflictMessage: string,
): Promise<void> {
  try {
    await ctx.client.index({
      index,
      id,
      document,
      if_seq_no: read.seqNo,
      if_primary_term: read.primaryTerm,
      refresh: ctx.refresh,
    });
  } catch (error) {
    if (isConflict(error)) throw new StoreError('E_STORE_CONFLICT', conflictMessage);
    throw error;
  }
}

/** Sources of many ids (missing ones left out), in the order asked. */
export async function getDocs<T>(
  ctx: EsContext,
  index: string,
  ids: readonly string[],
): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  const unique = [...new Set(ids)];
  if (unique.length === 0) return out;
  const res = await ctx.client.mget<T>({ index, ids: unique });
  for (const doc of res.docs) {
    if ('found' in doc && doc.found && doc._source !== undefined) out.set(doc._id, doc._source);
  }
  return out;
}

/** Sources of the first `size` matches of a query, in the given order. */
export async function searchDocs<T>(
  ctx: EsContext,
  index: string,
  query: estypes.QueryDslQueryContainer,
  sort: estypes.Sort,
  size = MAX_PAGE,
  from = 0,
): Promise<{ total: number; docs: T[] }> {
  const res = await ctx.client.search<T>({ index, query, sort, size, from, track_total_hits: true });
  const total = typeof res.hits.total === 'number' ? res.hits.total : (res.hits.total?.value ?? 0);
  return { total, docs: res.hits.hits.flatMap((h) => (h._source === undefined ? [] : [h._source])) };
}

/** Count of documents matching a query. */
export async function countDocs(
  ctx: EsContext,
  index: string,
  query: estypes.QueryDslQueryContainer,
): Promise<number> {
  return (await ctx.client.count({ index, query })).count;
}

/** A bool filter of the given clauses (match_all when none). */
export function allOf(filters: estypes.QueryDslQueryContainer[]): estypes.QueryDslQueryContainer {
  return filters.length === 0 ? { match_all: {} } : { bool: { filter: filters } };
}

/** Epoch ms of an ISO time, or StoreError E_STORE_INPUT naming the field. */
export function requireMs(name: string, iso: string): number {
  const ms = isoToEpochMs(iso);
  if (ms === undefined) throw new StoreError('E_STORE_INPUT', `${name} is not an ISO time: ${iso}`);
  return ms;
}

/** Drop undefined values, so optional fields stay absent in documents and domain objects. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as T;
}

/** Run a painless update on one document; E_STORE_NOT_FOUND (naming `what`) when it does not exist. */
export async function updateScript(
  ctx: EsContext,
  index: string,
  id: string,
  script: { source: string; params?: Record<string, unknown> },
  what: string,
): Promise<void> {
  try {
    await ctx.client.update({
      index,
      id,
      script: { lang: 'painless', ...script },
      refresh: ctx.refresh,
      retry_on_conflict: 5,
    });
  } catch (error) {
    if (statusOf(error) === 404) throw new StoreError('E_STORE_NOT_FOUND', `${what}: no document ${id}`);
    throw error;
  }
}
