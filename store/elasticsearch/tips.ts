// Tips on Elasticsearch. The (round, cluster, unit) uniqueness the SQLite store gets from a UNIQUE index is a
// `tipkeys` document whose id is derived from the triple, written with `op_type: create`: only one writer, on
// any instance, can create it, and that writer creates the tip and its alerts.
import type { estypes } from '@elastic/elasticsearch';
import { StoreError } from '../../core/errors.js';
import { levelRank, type Tip, type TipHistoryEntry } from '../../core/types.js';
import { clampInt } from '../query.js';
import type { NewTip, TipFilter, TipWorkflowUpdate } from '../store.js';
import type { BulkOp } from './bulk.js';
import { allOf, type EsContext, getDoc, isConflict, requireMs, searchDocs } from './context.js';
import { docId, fromTipDoc, type TipDoc, toTipDoc } from './docs.js';
import { realertOps, tipAlertOps } from './outbox.js';
import { insertSuggestion } from './suggestions.js';

/** Page size of listTips when none is given, and the largest. */
export const TIPS_DEFAULT_LIMIT = 50;
export const TIPS_MAX_LIMIT = 500;

/** Newest first: created time, then insertion order. */
export const TIPS_NEWEST_FIRST: estypes.Sort = [{ createdMs: 'desc' }, { seq: 'desc' }];
/** The tip board's order: a red tip is never listed under an orange one; newest first within a level. */
export const TIPS_BOARD_ORDER: estypes.Sort = [{ levelRank: 'desc' }, { createdMs: 'desc' }, { seq: 'desc' }];

/** What writing one routed tip did, and the create-only writes (tip, alerts) still to send. */
export interface TipWrite {
  outcome: 'created' | 'escalated' | 'realerted' | 'unchanged';
  tipId: string;
  ops: BulkOp[];
}

/** Id of the lock document of a (round, cluster, unit) triple. */
export function tipKeyId(roundId: string, clusterId: string, unitId: string): string {
  return docId('tipkey', roundId, clusterId, unitId);
}

/** Take the triple's lock for `tipId`; false when another tip holds it. */
async function claimTipKey(ctx: EsContext, key: string, tipId: string): Promise<boolean> {
  try {
    await ctx.client.create({ index: ctx.names.tipkeys, id: key, document: { tipId }, refresh: ctx.refresh });
    return true;
  } catch (error) {
    if (isConflict(error)) return false;
    throw error;
  }
}

/**
 * Create a tip with one alert per channel, or, when its (round, cluster, unit) exists: raise a lower stored
 * level (one upgrade alert per channel), keep a higher score, or queue due re-alerts.
 */
export async function writeTip(
  ctx: EsContext,
  newTip: NewTip,
  clusterId: string,
  now: string,
): Promise<TipWrite> {
  const { tip, channels, realertMs } = newTip;
  const key = tipKeyId(tip.roundId, clusterId, tip.unitId);
  const claimed = await claimTipKey(ctx, key, tip.id);
  const holder = claimed
    ? tip.id
    : ((await getDoc<{ tipId: string }>(ctx, ctx.names.tipkeys, key))?.source.tipId ?? tip.id);
  const existing = await getDoc<TipDoc>(ctx, ctx.names.tips, holder);
  if (!existing) {
    // First write, or a retry of an ingest that stopped after taking the lock: the tip and alerts are created.
    const stored = { ...tip, id: holder, clusterId };
    const doc = toTipDoc(stored, clusterId, ctx.nextSeq());
    return {
      outcome: 'created',
      tipId: holder,
      ops: [
        { op: 'create', index: ctx.names.tips, id: holder, doc },
        ...tipAlertOps(ctx, stored, channels, false, now),
      ],
    };
  }
  const current = existing.source;
  if (levelRank(tip.level) <= current.levelRank) {
    if (tip.score > current.score) {
      await ctx.client.update({
        index: ctx.names.tips,
        id: holder,
        doc: { score: tip.score, parts: tip.parts },
        refresh: ctx.refresh,
        retry_on_conflict: 5,
      });
    }
    const realerts = realertMs
      ? await realertOps(ctx, { id: holder, level: current.level }, realertMs, now)
      : [];
    return {
      outcome: realerts.length > 0 ? 'realerted' : 'unchanged',
      tipId: holder,
      ops: realerts.map((r) => r.op),
    };
  }
  try {
    await ctx.client.update({
      index: ctx.names.tips,
      id: holder,
      doc: { level: tip.level, levelRank: levelRank(tip.level), score: tip.score, parts: tip.parts },
      if_seq_no: existing.seqNo,
      if_primary_term: existing.primaryTerm,
      refresh: ctx.refresh,
    });
  } catch (error) {
    // Someone changed the tip meanwhile (another ingest raised it): decide again on the fresh tip.
    if (isConflict(error)) return writeTip(ctx, newTip, clusterId, now);
    throw error;
  }
  return {
    outcome: 'escalated',
    tipId: holder,
    ops: tipAlertOps(ctx, { id: holder, level: tip.level }, channels, true, now),
  };
}

/** One tip by id. */
export async function getTip(ctx: EsContext, id: string): Promise<Tip | undefined> {
  const doc = await getDoc<TipDoc>(ctx, ctx.names.tips, id);
  return doc && fromTipDoc(doc.source);
}

/** Filters of a TipFilter (without paging). */
export function tipFilters(filter: TipFilter): estypes.QueryDslQueryContainer[] {
  const out: estypes.QueryDslQueryContainer[] = [];
  if (filter.roundId !== undefined) out.push({ term: { roundId: filter.roundId } });
  if (filter.unitId !== undefined) out.push({ term: { unitId: filter.unitId } });
  if (filter.status !== undefined) out.push({ term: { status: filter.status } });
  if (filter.minLevel !== undefined) out.push({ range: { levelRank: { gte: levelRank(filter.minLevel) } } });
  return out;
}

/** Tips matching the filter, newest first, with the total. */
export async function listTips(ctx: EsContext, filter: TipFilter): Promise<{ total: number; tips: Tip[] }> {
  const size = clampInt(filter.limit, TIPS_DEFAULT_LIMIT, 0, TIPS_MAX_LIMIT);
  const from = clampInt(filter.offset, 0, 0, Number.MAX_SAFE_INTEGER);
  const { total, docs } = await searchDocs<TipDoc>(
    ctx,
    ctx.names.tips,
    allOf(tipFilters(filter)),
    TIPS_NEWEST_FIRST,
    size,
    from,
  );
  return { total, tips: docs.map(fromTipDoc) };
}

/**
 * Apply one workflow step. The status check is the tip document's seq_no: the update is conditional on the
 * version read, so of two concurrent steps from the same status only one succeeds (the other gets
 * E_STORE_CONFLICT). The history entry's id is (tip, seq) written create-only, so seqs never repeat.
 */
export async function updateTipWorkflow(ctx: EsContext, update: TipWorkflowUpdate): Promise<Tip> {
  const { tipId, patch, entry } = update;
  const read = await getDoc<TipDoc>(ctx, ctx.names.tips, tipId);
  if (!read) throw new StoreError('E_STORE_NOT_FOUND', `updateTipWorkflow: no tip ${tipId}`);
  requireMs(`tip ${tipId}: at`, entry.at);
  const dueMs = patch.dueAt === undefined ? undefined : requireMs(`tip ${tipId}: dueAt`, patch.dueAt);
  const conflict = () =>
    new StoreError(
      'E_STORE_CONFLICT',
      `tip ${tipId} is ${read.source.status}, not ${update.expectedStatus}: it was changed meanwhile`,
    );
  if (read.source.status !== update.expectedStatus) throw conflict();
  const next: TipDoc = { ...read.source, status: patch.status, updatedAt: entry.at };
  for (const field of ['team', 'assignee', 'dueAt', 'result', 'dismissReason'] as const) {
    if (patch[field] !== undefined) (next as Record<string, unknown>)[field] = patch[field];
  }
  if (dueMs !== undefined) next.dueMs = dueMs;
  try {
    await ctx.client.index({
      index: ctx.names.tips,
      id: tipId,
      document: next,
      if_seq_no: read.seqNo,
      if_primary_term: read.primaryTerm,
      refresh: ctx.refresh,
    });
  } catch (error) {
    if (isConflict(error)) throw conflict();
    throw error;
  }
  await appendHistory(ctx, { ...entry, tipId, seq: 0 });
  const current = fromTipDoc(read.source);
  if (update.suggestion)
    await insertSuggestion(ctx, {
      tip: current,
      phrase: update.suggestion.phrase,
      at: entry.at,
      by: entry.actor,
    });
  return fromTipDoc(next);
}

async function appendHistory(ctx: EsContext, entry: TipHistoryEntry): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const seq =
      (await ctx.client.count({ index: ctx.names.history, query: { term: { tipId: entry.tipId } } })).count +
      1;
    try {
      await ctx.client.create({
        index: ctx.names.history,
        id: `${entry.tipId}:${seq}`,
        document: { ...entry, seq },
        refresh: ctx.refresh,
      });
      return;
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
  }
  throw new StoreError('E_STORE_CONFLICT', `tip ${entry.tipId}: could not number the history entry`);
}

/** The history of a tip, oldest first. */
export async function tipHistory(ctx: EsContext, tipId: string): Promise<TipHistoryEntry[]> {
  const { docs } = await searchDocs<TipHistoryEntry>(ctx, ctx.names.history, { term: { tipId } }, [
    { seq: 'asc' },
  ]);
  return docs;
}

/** Open tips (assigned or in progress) due before `nowMs`, most overdue first. */
export async function overdueTips(ctx: EsContext, nowMs: number): Promise<Tip[]> {
  const query = allOf([
    { terms: { status: ['assigned', 'in_progress'] } },
    { range: { dueMs: { lt: nowMs } } },
  ]);
  const { docs } = await searchDocs<TipDoc>(ctx, ctx.names.tips, query, [{ dueMs: 'asc' }, { seq: 'asc' }]);
  return docs.map(fromTipDoc);
}
