// Writes through the client's bulk helper. Document ids come from the records themselves, so re-running a
// write (a retried ingest, a resumed migration) overwrites or skips instead of duplicating. A `create` that
// finds its id taken is the idempotency guard doing its job, not a failure; anything else the helper drops
// is written to the dead-letter index and raised.
import { StoreError } from '../../core/errors.js';
import type { EsContext, RefreshPolicy } from './context.js';

/** One write: create (fails on an existing id), index (create or replace), update (partial doc or script). */
export type BulkOp =
  | { op: 'create' | 'index'; index: string; id: string; doc: Record<string, unknown> }
  | { op: 'update'; index: string; id: string; doc: Record<string, unknown>; upsert?: boolean }
  | { op: 'delete'; index: string; id: string };

/** Per write: done, or (create only) the id already existed. */
export type BulkOutcome = 'ok' | 'exists';

/** A write the cluster refused, as kept in the dead-letter index. */
export interface DroppedWrite {
  index: string;
  id: string;
  op: BulkOp['op'];
  status: number;
  error: unknown;
}

/** The helper's [action line, body] pair of a write (a delete has no body). */
function action(item: BulkOp): unknown {
  const meta = { _index: item.index, _id: item.id };
  switch (item.op) {
    case 'create':
      return [{ create: meta }, item.doc];
    case 'index':
      return [{ index: meta }, item.doc];
    case 'delete':
      return { delete: meta };
    default:
      // The helper sends `{ doc: <item>, ...body }`; our body's `doc` replaces the item.
      return [
        { update: { ...meta, retry_on_conflict: 3 } },
        { doc: item.doc, doc_as_upsert: item.upsert === true },
      ];
  }
}

const key = (index: string, id: string) => `${index}\u0000${id}`;

/**
 * Send the writes through `client.helpers.bulk`; returns one outcome per write, in order. Failed writes go to
 * `<prefix>-deadletter` and raise StoreError E_STORE_IO naming the first.
 */
export async function writeBulk(
  ctx: EsContext,
  ops: readonly BulkOp[],
  refresh: RefreshPolicy = ctx.refresh,
): Promise<BulkOutcome[]> {
  if (ops.length === 0) return [];
  const positions = new Map<string, number>(ops.map((op, i) => [key(op.index, op.id), i]));
  const outcomes: BulkOutcome[] = ops.map(() => 'ok');
  const dropped: DroppedWrite[] = [];
  await ctx.client.helpers.bulk<BulkOp>({
    datasource: [...ops],
    onDocument: (item) => action(item) as never,
    onDrop: (drop) => {
      // The helper hands back the action line it sent, so the write is found by index and id.
      const [op, meta] = Object.entries(drop.operation)[0] as [BulkOp['op'], { _index: string; _id: string }];
      const i = positions.get(key(meta._index, meta._id)) ?? -1;
      if (op === 'create' && drop.status === 409) {
        if (i >= 0) outcomes[i] = 'exists';
        return;
      }
      if (op === 'delete' && drop.status === 404) return;
      dropped.push({ index: meta._index, id: meta._id, op, status: drop.status, error: drop.error });
    },
    refresh,
    flushBytes: 5_000_000,
    concurrency: 1,
    retries: 3,
    wait: 1000,
  });
  if (dropped.length > 0) {
    await recordDeadLetters(ctx, dropped);
    const first = dropped[0] as DroppedWrite;
    throw new StoreError(
      'E_STORE_IO',
      `bulk write: ${dropped.length} of ${ops.length} refused, first ${first.op} ${first.index}/${first.id} (HTTP ${first.status}): ${JSON.stringify(first.error)}`,
    );
  }
  return outcomes;
}

/** Keep refused writes for an operator to inspect; a failure here is logged, not raised over the first one. */
async function recordDeadLetters(ctx: EsContext, dropped: readonly DroppedWrite[]): Promise<void> {
  const at = ctx.clock().toISOString();
  try {
    await ctx.client.bulk({
      operations: dropped.flatMap((d) => [
        { index: { _index: ctx.names.deadletter } },
        { at, index: d.index, id: d.id, op: d.op, status: d.status, error: JSON.stringify(d.error) },
      ]),
    });
  } catch (cause) {
    ctx.logger.error({ err: cause, dropped: dropped.length }, 'cannot record dead letters');
  }
  ctx.logger.error({ dropped: dropped.length, first: dropped[0] }, 'bulk writes refused');
}
