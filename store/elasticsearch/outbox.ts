// The alert outbox on Elasticsearch. An alert's id is derived from its dedup key and channel and written with
// `op_type: create`, so two instances (or a retried ingest) queueing the same alert end up with one row: the
// second create is refused with 409 and nothing is sent twice. Delivery is claimed the same way: a sender
// takes a due alert with an update conditional on the seq_no it read (409 = another instance got it) and holds
// it until a lease ends. A claimed alert's `nextAttemptMs` is moved to the lease end, so the existing due query
// skips live claims and a crashed instance's alerts fall due again by themselves; `nextAttemptAt` (what users
// see) keeps the real retry time.
import { randomUUID } from 'node:crypto';
import type { estypes } from '@elastic/elasticsearch';
import { StoreError } from '../../core/errors.js';
import type { Level, Notice, OutboxAlert } from '../../core/types.js';
import { clampInt } from '../query.js';
import { type BulkOp, writeBulk } from './bulk.js';
import {
  allOf,
  type EsContext,
  getDoc,
  getDocs,
  MAX_PAGE,
  requireMs,
  searchDocs,
  updateScript,
} from './context.js';
import { docId, fromOutboxDoc, type OutboxDoc } from './docs.js';

const OLDEST_FIRST: estypes.SortCombinations[] = [{ createdMs: 'asc' }, { seq: 'asc' }];
const NEWEST_FIRST: estypes.SortCombinations[] = [{ createdMs: 'desc' }, { seq: 'desc' }];

/** Dedup key of a tip alert: one per tip and level on each channel (as the SQLite store). */
export function tipDedupKey(tipId: string, level: Level): string {
  return `tip:${tipId}:${level}`;
}

/** The id of the alert with this dedup key on this channel, the same on every instance. */
export function alertId(dedupKey: string, channel: string): string {
  return docId('alert', dedupKey, channel);
}

function newAlert(
  ctx: EsContext,
  fields: { kind: 'tip' | 'notice'; dedupKey: string; channel: string; now: string } & Partial<OutboxDoc>,
): OutboxDoc {
  const { now, ...rest } = fields;
  const ms = requireMs('outbox.createdAt', now);
  return {
    ...rest,
    id: alertId(fields.dedupKey, fields.channel),
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    nextAttemptMs: ms,
    createdAt: now,
    createdMs: ms,
    seq: ctx.nextSeq(),
  };
}

/** Create-only writes of one pending alert per channel for a tip at a level. */
export function tipAlertOps(
  ctx: EsContext,
  tip: { id: string; level: Level },
  channels: readonly string[],
  upgrade: boolean,
  now: string,
): BulkOp[] {
  const dedupKey = tipDedupKey(tip.id, tip.level);
  return [...new Set(channels)].map((channel) => {
    const doc = newAlert(ctx, {
      kind: 'tip',
      tipId: tip.id,
      level: tip.level,
      upgrade,
      dedupKey,
      channel,
      now,
    });
    return { op: 'create', index: ctx.names.outbox, id: doc.id, doc };
  });
}

/**
 * Create-only writes of one re-alert per channel whose wait (ms) has passed since its last alert of the tip
 * (sent at, or queued at when never delivered); a channel with a pending alert, or none, gets nothing.
 */
export async function realertOps(
  ctx: EsContext,
  tip: { id: string; level: Level },
  waits: Readonly<Record<string, number>>,
  now: string,
): Promise<{ channel: string; op: BulkOp }[]> {
  const nowMs = requireMs('realert.now', now);
  const out: { channel: string; op: BulkOp }[] = [];
  for (const [channel, wait] of Object.entries(waits)) {
    if (!(wait > 0)) continue;
    const { docs } = await searchDocs<OutboxDoc>(
      ctx,
      ctx.names.outbox,
      allOf([{ term: { tipId: tip.id } }, { term: { channel } }]),
      NEWEST_FIRST,
      1,
    );
    const last = docs[0];
    if (!last || last.status === 'pending') continue;
    const lastMs = last.sentMs ?? last.createdMs;
    if (nowMs - lastMs < wait) continue;
    const dedupKey = `tip:${tip.id}:${tip.level}:realert:${last.id}`;
    const doc = newAlert(ctx, {
      kind: 'tip',
      tipId: tip.id,
      level: tip.level,
      realert: true,
      dedupKey,
      channel,
      now,
    });
    out.push({ channel, op: { op: 'create', index: ctx.names.outbox, id: doc.id, doc } });
  }
  return out;
}

/** Queue a notice to each channel unless (dedupKey, channel) was queued before; the ids queued. */
export async function enqueueNotice(
  ctx: EsContext,
  channels: readonly string[],
  notice: Notice,
  dedupKey: string,
  now: string,
): Promise<string[]> {
  if (!dedupKey) throw new StoreError('E_STORE_INPUT', 'enqueueNotice: dedupKey is empty');
  const wanted = [...new Set(channels)];
  const known = await getDocs<OutboxDoc>(
    ctx,
    ctx.names.outbox,
    wanted.map((c) => alertId(dedupKey, c)),
  );
  const fresh = wanted.filter((c) => !known.has(alertId(dedupKey, c)));
  if (fresh.length === 0) return [];
  const noticeId = randomUUID();
  const rows = fresh.map((channel) => newAlert(ctx, { kind: 'notice', noticeId, dedupKey, channel, now }));
  const outcomes = await writeBulk(ctx, [
    {
      op: 'index',
      index: ctx.names.notices,
      id: noticeId,
      doc: { kind: notice.kind, body: notice, createdAt: now },
    },
    ...rows.map((doc): BulkOp => ({ op: 'create', index: ctx.names.outbox, id: doc.id, doc })),
  ]);
  // Another instance may have queued the same key meanwhile: its create won, ours was refused.
  return rows.filter((_, i) => outcomes[i + 1] === 'ok').map((r) => r.id);
}

/** A queued notice by id. */
export async function getNotice(ctx: EsContext, id: string): Promise<Notice | undefined> {
  return (await getDoc<{ body: Notice }>(ctx, ctx.names.notices, id))?.source.body;
}

/** Pending alerts due at `nowMs`, oldest first. */
export async function dueAlerts(ctx: EsContext, nowMs: number, limit: number): Promise<OutboxAlert[]> {
  const size = clampInt(limit, 0, 0, MAX_PAGE);
  if (size === 0) return [];
  const query = allOf([{ term: { status: 'pending' } }, { range: { nextAttemptMs: { lte: nowMs } } }]);
  return (await searchDocs<OutboxDoc>(ctx, ctx.names.outbox, query, OLDEST_FIRST, size)).docs.map(
    fromOutboxDoc,
  );
}

/** Alerts with the status (all when absent), newest first. */
export async function listAlerts(ctx: EsContext, status?: OutboxAlert['status']): Promise<OutboxAlert[]> {
  const query = allOf(status === undefined ? [] : [{ term: { status } }]);
  return (await searchDocs<OutboxDoc>(ctx, ctx.names.outbox, query, NEWEST_FIRST)).docs.map(fromOutboxDoc);
}

const SENT = `ctx._source.status = 'sent'; ctx._source.sentAt = params.at; ctx._source.sentMs = params.atMs;
ctx._source.attempts += 1; ctx._source.remove('lastError'); ctx._source.leaseUntilMs = null;
if (params.mergedInto != null) { ctx._source.mergedInto = params.mergedInto; }`;

/** Mark delivered; the delivery counts as an attempt. */
export async function markAlertSent(ctx: EsContext, id: string, at: string): Promise<void> {
  const params = { at, atMs: requireMs('markAlertSent.at', at), mergedInto: null };
  await updateScript(ctx, ctx.names.outbox, id, { source: SENT, params }, 'markAlertSent');
}

/**
 * Mark several delivered by one merged message. Every id is checked first (E_STORE_NOT_FOUND before any
 * write); the updates then go in one bulk request, each idempotent, so a retry completes a partial one.
 */
export async function markAlertsSent(ctx: EsContext, ids: readonly string[], at: string): Promise<void> {
  const found = await getDocs<OutboxDoc>(ctx, ctx.names.outbox, ids);
  const missing = ids.find((id) => !found.has(id));
  if (missing !== undefined) throw new StoreError('E_STORE_NOT_FOUND', `markAlertsSent: no alert ${missing}`);
  if (ids.length === 0) return;
  const atMs = requireMs('markAlertsSent.at', at);
  const mergedInto = ids.length > 1 ? ids[0] : null;
  const res = await ctx.client.bulk({
    refresh: ctx.refresh,
    operations: [...new Set(ids)].flatMap((id) => [
      { update: { _index: ctx.names.outbox, _id: id, retry_on_conflict: 5 } },
      { script: { lang: 'painless', source: SENT, params: { at, atMs, mergedInto } } },
    ]),
  });
  if (res.errors) {
    const failed = res.items.find((item) => item.update?.error);
    throw new StoreError('E_STORE_IO', `markAlertsSent: ${JSON.stringify(failed?.update?.error)}`);
  }
}

/** Record a failed attempt: pending again from `nextAttemptAt`, or dead. */
export async function markAlertFailed(
  ctx: EsContext,
  id: string,
  failure: { error: string; nextAttemptAt: string; nextAttemptMs: number; dead: boolean },
): Promise<void> {
  const source = `ctx._source.status = params.status; ctx._source.attempts += 1; ctx._source.lastError = params.error;
ctx._source.nextAttemptAt = params.nextAttemptAt; ctx._source.nextAttemptMs = params.nextAttemptMs;
ctx._source.leaseUntilMs = null;`;
  const params = { ...failure, status: failure.dead ? 'dead' : 'pending' };
  await updateScript(ctx, ctx.names.outbox, id, { source, params }, 'markAlertFailed');
}
