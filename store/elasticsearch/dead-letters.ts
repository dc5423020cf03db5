// Dead alerts an admin re-queues or marks handled (issue 21): each write is conditional on the version read, so
// a sender or a second admin acting meanwhile gets E_STORE_CONFLICT instead of a lost update.
import { StoreError } from '../../core/errors.js';
import type { OutboxAlert } from '../../core/types.js';
import { type EsContext, getDoc, indexIfUnchanged } from './context.js';
import { fromOutboxDoc, type OutboxDoc } from './docs.js';

async function rewriteDead(
  ctx: EsContext,
  what: string,
  id: string,
  change: (doc: OutboxDoc) => OutboxDoc,
  unhandled: boolean,
): Promise<OutboxAlert> {
  const read = await getDoc<OutboxDoc>(ctx, ctx.names.outbox, id);
  if (!read) throw new StoreError('E_STORE_NOT_FOUND', `${what}: no alert ${id}`);
  const { status, handledBy } = read.source;
  if (status !== 'dead') throw new StoreError('E_STORE_CONFLICT', `${what}: alert ${id} is ${status}`);
  if (unhandled && read.source.handledAt !== undefined)
    throw new StoreError('E_STORE_CONFLICT', `${what}: alert ${id} was handled by ${String(handledBy)}`);
  const next = change(read.source);
  await indexIfUnchanged(ctx, ctx.names.outbox, id, next, read, `${what}: alert ${id} changed meanwhile`);
  return fromOutboxDoc(next);
}

/** Put a dead alert back in the queue from `at` with a fresh attempt count. */
export function requeueAlert(ctx: EsContext, id: string, at: string, atMs: number): Promise<OutboxAlert> {
  return rewriteDead(
    ctx,
    'requeueAlert',
    id,
    ({ handledAt: _at, handledBy: _by, ...doc }) => ({
      ...doc,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at,
      nextAttemptMs: atMs,
      leaseUntilMs: null,
    }),
    false,
  );
}

/** Mark a dead alert handled by `by` at `at`. */
export function markAlertHandled(ctx: EsContext, id: string, by: string, at: string): Promise<OutboxAlert> {
  return rewriteDead(ctx, 'markAlertHandled', id, (doc) => ({ ...doc, handledAt: at, handledBy: by }), true);
}
