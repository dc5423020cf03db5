// Per-source crawl bookkeeping, source health, evidence records and HTTP validators.
import { StoreError } from '../../core/errors.js';
import type {
  EvidenceRecord,
  HttpValidators,
  SourceDayCount,
  SourceHealthState,
  SourceRun,
  SourceState,
} from '../store.js';
import { compact, type EsContext, getDoc, isConflict, searchDocs } from './context.js';
import { docId } from './docs.js';

/** The state of one source with its health details, if it ever ran. */
export async function getSourceHealthState(
  ctx: EsContext,
  sourceId: string,
): Promise<SourceHealthState | undefined> {
  return (await getDoc<SourceHealthState>(ctx, ctx.names.sources, sourceId))?.source;
}

/** Health states of every source that ever ran, by source id. */
export async function listSourceHealthStates(ctx: EsContext): Promise<SourceHealthState[]> {
  return (
    await searchDocs<SourceHealthState>(ctx, ctx.names.sources, { match_all: {} }, [{ sourceId: 'asc' }])
  ).docs;
}

/** The plain state (without health details). */
export function plainState(s: SourceHealthState): SourceState {
  return compact({
    sourceId: s.sourceId,
    lastRunAt: s.lastRunAt,
    lastSuccessAt: s.lastSuccessAt,
    lastError: s.lastError,
    consecutiveFailures: s.consecutiveFailures,
    itemsStored: s.itemsStored,
  });
}

/** The state after one more run (same rules as the SQLite store). */
export function applyRun(prev: SourceHealthState | undefined, run: SourceRun): SourceHealthState {
  const stored = Math.max(0, Math.floor(Number.isFinite(run.stored) ? run.stored : 0));
  const base: SourceHealthState = prev ?? { sourceId: run.sourceId, consecutiveFailures: 0, itemsStored: 0 };
  if (run.ok) {
    return compact({
      ...base,
      lastRunAt: run.at,
      lastSuccessAt: run.at,
      lastError: undefined,
      consecutiveFailures: 0,
      itemsStored: base.itemsStored + stored,
      failingSince: undefined,
      emptyListAt: run.emptyList ? run.at : undefined,
    });
  }
  return compact({
    ...base,
    lastRunAt: run.at,
    lastError: run.error ?? '未知错误',
    lastErrorAt: run.at,
    consecutiveFailures: base.consecutiveFailures + 1,
    itemsStored: base.itemsStored + stored,
    failingSince: base.failingSince ?? run.at,
    emptyListAt: run.emptyList ? run.at : base.emptyListAt,
  });
}

/** Record a run: read, apply, write back conditionally on the version read (retried on a race). */
export async function recordSourceRun(ctx: EsContext, run: SourceRun): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const read = await getDoc<SourceHealthState>(ctx, ctx.names.sources, run.sourceId);
    const next = applyRun(read?.source, run);
    try {
      await ctx.client.index({
        index: ctx.names.sources,
        id: run.sourceId,
        document: next,
        refresh: ctx.refresh,
        ...(read
          ? { if_seq_no: read.seqNo, if_primary_term: read.primaryTerm }
          : { op_type: 'create' as const }),
      });
      return;
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
  }
  throw new StoreError('E_STORE_CONFLICT', `recordSourceRun ${run.sourceId}: too many concurrent updates`);
}

/** Stored items per source and local day since `since`, days at `utcOffsetMinutes` from UTC. */
export async function countStoredBySourceDay(
  ctx: EsContext,
  sinceMs: number,
  utcOffsetMinutes: number,
): Promise<SourceDayCount[]> {
  const res = await ctx.client.search({
    index: ctx.names.articles,
    size: 0,
    query: { range: { storedMs: { gte: sinceMs, format: 'epoch_millis' } } },
    aggs: {
      sources: {
        terms: { field: 'sourceId', size: 10_000, order: { _key: 'asc' } },
        aggs: {
          days: {
            date_histogram: {
              field: 'storedMs',
              calendar_interval: 'day',
              time_zone: offsetZone(utcOffsetMinutes),
              format: 'yyyy-MM-dd',
              min_doc_count: 1,
            },
          },
        },
      },
    },
  });
  type Buckets = {
    buckets: { key: string; days: { buckets: { key_as_string: string; doc_count: number }[] } }[];
  };
  const sources = (res.aggregations?.sources as Buckets | undefined)?.buckets ?? [];
  return sources.flatMap((s) =>
    s.days.buckets.map((d) => ({ sourceId: s.key, day: d.key_as_string, count: d.doc_count })),
  );
}

/** A fixed UTC offset as Elasticsearch's time_zone (`+08:00`). */
export function offsetZone(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(Math.trunc(minutes));
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Insert or replace an evidence record; E_STORE_NOT_FOUND for an unknown item, E_STORE_INPUT on a bad hash. */
export async function putEvidence(ctx: EsContext, record: EvidenceRecord): Promise<void> {
  if (!/^[0-9a-f]{64}$/.test(record.sha256)) {
    throw new StoreError('E_STORE_INPUT', `putEvidence ${record.articleId}: sha256 is not 64 hex digits`);
  }
  const known = await ctx.client.exists({ index: ctx.names.articles, id: record.articleId });
  if (!known) throw new StoreError('E_STORE_NOT_FOUND', `putEvidence: no article ${record.articleId}`);
  await ctx.client.index({
    index: ctx.names.evidence,
    id: record.articleId,
    document: compact({ ...record }),
    refresh: ctx.refresh,
  });
}

/** The evidence record of an item, if any. */
export async function getEvidence(ctx: EsContext, articleId: string): Promise<EvidenceRecord | undefined> {
  return (await getDoc<EvidenceRecord>(ctx, ctx.names.evidence, articleId))?.source;
}

/** ETag / Last-Modified of a URL, if any were kept. */
export async function getValidators(ctx: EsContext, url: string): Promise<HttpValidators | undefined> {
  const doc = await getDoc<HttpValidators & { url: string }>(ctx, ctx.names.validators, docId('url', url));
  if (!doc) return undefined;
  return compact({ etag: doc.source.etag, lastModified: doc.source.lastModified });
}

/** Keep a URL's validators; with neither present the URL is forgotten. */
export async function putValidators(
  ctx: EsContext,
  url: string,
  v: HttpValidators,
  now: string,
): Promise<void> {
  const id = docId('url', url);
  const etag = v.etag || undefined;
  const lastModified = v.lastModified || undefined;
  if (etag === undefined && lastModified === undefined) {
    try {
      await ctx.client.delete({ index: ctx.names.validators, id, refresh: ctx.refresh });
    } catch (error) {
      if ((error as { meta?: { statusCode?: number } }).meta?.statusCode !== 404) throw error;
    }
    return;
  }
  await ctx.client.index({
    index: ctx.names.validators,
    id,
    document: compact({ url, etag, lastModified, updatedAt: now }),
    refresh: ctx.refresh,
  });
}
