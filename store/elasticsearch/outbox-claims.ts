// Alert claims on Elasticsearch (issue 7): without transactions, every step is an update conditional on the
// seq_no/primary_term read just before it. Two instances that read the same due alert both try; the cluster
// applies one and refuses the other with 409, so exactly one of them sends it.
import type { estypes } from '@elastic/elasticsearch';
import { StoreError } from '../../core/errors.js';
import type { OutboxAlert } from '../../core/types.js';
import { clampInt } from '../query.js';
import { allOf, type EsContext, MAX_PAGE, requireMs } from './context.js';
import { fromOutboxDoc, type OutboxDoc } from './docs.js';

/** The claim fields an outbox document carries besides OutboxDoc (kept in _source only). */
interface Claimed extends OutboxDoc {
  claimedBy?: string | null;
  leaseUntilMs?: number | null;
}

/** A document as read, with what a conditional write needs. */
interface Read {
  id: string;
  source: Claimed;
  seqNo: number;
  primaryTerm: number;
}

/** How a marking treats the document read: write these fields, skip it (already done), or refuse. */
type Step = { write: Fields } | 'done' | StoreError;

/** Fields of a partial update; null clears one. */
type Fields = Record<string, unknown>;

const OLDEST_FIRST: estypes.SortCombinations[] = [{ createdMs: 'asc' }, { seq: 'asc' }];
/** Rounds of re-read and retry when a conditional write lost to a concurrent one. */
const ROUNDS = 3;

/** Due pending alerts (nextAttemptMs ≤ now; a live claim has it at its lease end), oldest first. */
async function dueReads(ctx: EsContext, nowMs: number, size: number): Promise<Read[]> {
  const res = await ctx.client.search<Claimed>({
    index: ctx.names.outbox,
    query: allOf([{ term: { status: 'pending' } }, { range: { nextAttemptMs: { lte: nowMs } } }]),
    sort: OLDEST_FIRST,
    size,
    seq_no_primary_term: true,
  });
  return res.hits.hits.flatMap((h) =>
    h._source === undefined || h._id === undefined
      ? []
      : [{ id: h._id, source: h._source, seqNo: h._seq_no ?? 0, primaryTerm: h._primary_term ?? 0 }],
  );
}

/** Current versions of the ids (missing ones left out). */
async function readAll(ctx: EsContext, ids: readonly string[]): Promise<Map<string, Read>> {
  const out = new Map<string, Read>();
  if (ids.length === 0) return out;
  const res = await ctx.client.mget<Claimed>({ index: ctx.names.outbox, ids: [...ids] });
  for (const doc of res.docs) {
    if (!('found' in doc) || !doc.found || doc._source === undefined) continue;
    out.set(doc._id, {
      id: doc._id,
      source: doc._source,
      seqNo: doc._seq_no ?? 0,
      primaryTerm: doc._primary_term ?? 0,
    });
  }
  return out;
}

/** Conditional partial updates in one bulk request; the outcome per write: ok, lost (409) or failed. */
async function writeIf(
  ctx: EsContext,
  writes: readonly { read: Read; doc: Fields }[],
): Promise<('ok' | 'lost' | 'failed')[]> {
  if (writes.length === 0) return [];
  const res = await ctx.client.bulk({
    refresh: ctx.refresh,
    operations: writes.flatMap(({ read, doc }) => [
      {
        update: {
          _index: ctx.names.outbox,
          _id: read.id,
          if_seq_no: read.seqNo,
          if_primary_term: read.primaryTerm,
        },
      },
      { doc },
    ]),
  });
  return writes.map((_, i) => {
    const status = res.items[i]?.update?.status ?? 500;
    if (status < 300) return 'ok';
    return status === 409 ? 'lost' : 'failed';
  });
}

/**
 * Claim up to `limit` due alerts for `owner` until `leaseUntilMs`. Alerts another instance claimed between our
 * read and our write are refused (409) and left out.
 */
export async function claimAlerts(
  ctx: EsContext,
  claim: { nowMs: number; owner: string; leaseUntilMs: number; limit: number },
): Promise<OutboxAlert[]> {
  const size = clampInt(claim.limit, 0, 0, MAX_PAGE);
  if (size === 0) return [];
  const reads = await dueReads(ctx, claim.nowMs, size);
  const doc = { claimedBy: claim.owner, leaseUntilMs: claim.leaseUntilMs, nextAttemptMs: claim.leaseUntilMs };
  const outcomes = await writeIf(
    ctx,
    reads.map((read) => ({ read, doc })),
  );
  const failed = outcomes.filter((o) => o === 'failed').length;
  if (failed > 0) ctx.logger.warn({ failed }, 'claimAlerts: some claims were refused');
  return reads.filter((_, i) => outcomes[i] === 'ok').map((r) => fromOutboxDoc({ ...r.source, ...doc }));
}

/**
 * Apply `step` to each alert while `owner` holds it, re-reading after a lost race. Every alert is checked
 * before any write (E_STORE_NOT_FOUND or E_STORE_CONFLICT, nothing written).
 */
async function markHeld(
  ctx: EsContext,
  what: string,
  ids: readonly string[],
  step: (doc: Claimed) => Step,
): Promise<void> {
  let pending = [...new Set(ids)];
  for (let round = 0; round < ROUNDS && pending.length > 0; round++) {
    const reads = await readAll(ctx, pending);
    const writes: { read: Read; doc: Fields }[] = [];
    for (const id of pending) {
      const read = reads.get(id);
      if (!read) throw new StoreError('E_STORE_NOT_FOUND', `${what}: no alert ${id}`);
      const next = step(read.source);
      if (next instanceof StoreError) throw next;
      if (next !== 'done') writes.push({ read, doc: next.write });
    }
    const outcomes = await writeIf(ctx, writes);
    if (outcomes.includes('failed')) throw new StoreError('E_STORE_IO', `${what}: an update was refused`);
    pending = writes.filter((_, i) => outcomes[i] === 'lost').map((w) => w.read.id);
  }
  if (pending.length > 0) {
    throw new StoreError('E_STORE_CONFLICT', `${what}: alert ${pending[0]} keeps changing under us`);
  }
}

function notHeld(what: string, doc: Claimed, owner: string): StoreError {
  const holder = doc.claimedBy ?? 'nobody';
  return new StoreError(
    'E_STORE_CONFLICT',
    `${what}: alert ${doc.id} is not claimed by ${owner} (status ${doc.status}, claimed by ${holder})`,
  );
}

const holds = (doc: Claimed, owner: string) => doc.claimedBy === owner && doc.status === 'pending';

/** Mark delivered while `owner` holds the claims; several ids are one merged message. A retry completes it. */
export async function markHeldSent(
  ctx: EsContext,
  ids: readonly string[],
  at: string,
  owner: string,
  what: string,
): Promise<void> {
  const atMs = requireMs(`${what}.at`, at);
  const mergedInto = ids.length > 1 ? ids[0] : undefined;
  await markHeld(ctx, what, ids, (doc) => {
    if (doc.status === 'sent' && doc.claimedBy === owner && doc.sentAt === at) return 'done';
    if (!holds(doc, owner)) return notHeld(what, doc, owner);
    return {
      write: {
        status: 'sent',
        sentAt: at,
        sentMs: atMs,
        attempts: doc.attempts + 1,
        lastError: null,
        leaseUntilMs: null,
        ...(mergedInto !== undefined && { mergedInto }),
      },
    };
  });
}

/** Record a failed attempt while `owner` holds the claim: pending again from `nextAttemptAt`, or dead. */
export async function markHeldFailed(
  ctx: EsContext,
  id: string,
  failure: { error: string; nextAttemptAt: string; nextAttemptMs: number; dead: boolean },
  owner: string,
): Promise<void> {
  await markHeld(ctx, 'markAlertFailed', [id], (doc) => {
    if (!holds(doc, owner)) return notHeld('markAlertFailed', doc, owner);
    return {
      write: {
        status: failure.dead ? 'dead' : 'pending',
        attempts: doc.attempts + 1,
        lastError: failure.error,
        nextAttemptAt: failure.nextAttemptAt,
        nextAttemptMs: failure.nextAttemptMs,
        leaseUntilMs: null,
      },
    };
  });
}

/** Live claims at `nowMs` (a claimed alert is pending with nextAttemptMs at its lease end), by owner. */
export async function liveClaims(ctx: EsContext, nowMs: number): Promise<{ id: string; owner: string }[]> {
  const res = await ctx.client.search<Claimed>({
    index: ctx.names.outbox,
    query: allOf([{ term: { status: 'pending' } }, { range: { nextAttemptMs: { gt: nowMs } } }]),
    sort: OLDEST_FIRST,
    size: MAX_PAGE,
  });
  return res.hits.hits
    .flatMap((h) => {
      const doc = h._source;
      const live = doc?.claimedBy && doc.leaseUntilMs != null && doc.leaseUntilMs > nowMs;
      return live && h._id !== undefined ? [{ id: h._id, owner: String(doc.claimedBy) }] : [];
    })
    .sort((a, b) => a.owner.localeCompare(b.owner));
}

/** End every live claim of `owner`; the number of alerts freed. */
export async function releaseClaimsOf(ctx: EsContext, owner: string, nowMs: number): Promise<number> {
  const ids = (await liveClaims(ctx, nowMs)).filter((c) => c.owner === owner).map((c) => c.id);
  return releaseAlerts(ctx, ids, owner);
}

/** End `owner`'s live claims on these alerts: due again at their own next attempt time. Others are skipped. */
export async function releaseAlerts(ctx: EsContext, ids: readonly string[], owner: string): Promise<number> {
  const reads = await readAll(ctx, ids);
  const writes = [...reads.values()]
    .filter((r) => holds(r.source, owner) && r.source.leaseUntilMs != null)
    .map((read) => ({
      read,
      doc: {
        leaseUntilMs: null,
        nextAttemptMs: requireMs('releaseAlerts.nextAttemptAt', read.source.nextAttemptAt),
      },
    }));
  // A lost race means someone else changed the alert meanwhile: it is theirs now, nothing to give back.
  return (await writeIf(ctx, writes)).filter((o) => o === 'ok').length;
}
