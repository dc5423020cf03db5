import { beforeEach, describe, expect, it } from 'vitest';
import type { OutboxAlert } from '../../../core/types.js';
import { makeArticle, makeTip } from '../fixtures.js';
import type { ContractContext } from './context.js';

const PAST = '2000-01-01T00:00:00Z';
const FUTURE = '2999-01-01T00:00:00+08:00';
const LATER_FUTURE = '2999-06-01T00:00:00Z';

/** A moment just after the store's own clock stamped the outbox rows. */
function soon(): string {
  return new Date(Date.now() + 60_000).toISOString();
}

/** Alert outbox: due, sent, failed and dead transitions. */
export function outboxContract(ctx: ContractContext): void {
  describe('outbox', () => {
    let first: OutboxAlert;
    let second: OutboxAlert;

    beforeEach(async () => {
      const a = makeArticle({ key: 'o1' });
      const b = makeArticle({ key: 'o2' });
      await ctx.store().ingest({ article: a, tips: [makeTip(a, { id: 'tip-o1', channels: ['email'] })] });
      await ctx.store().ingest({ article: b, tips: [makeTip(b, { id: 'tip-o2', channels: ['feishu'] })] });
      const due = await ctx.store().dueAlerts(soon(), 10);
      expect(due.map((x) => x.tipId)).toEqual(['tip-o1', 'tip-o2']);
      [first, second] = due as [OutboxAlert, OutboxAlert];
    });

    it('is due now, oldest first, up to the limit, and not before it was created', async () => {
      expect(await ctx.store().dueAlerts(PAST, 10)).toEqual([]);
      expect((await ctx.store().dueAlerts(soon(), 1)).map((x) => x.id)).toEqual([first.id]);
      expect(await ctx.store().dueAlerts(soon(), 0)).toEqual([]);
    });

    it('a sent alert is never due again', async () => {
      await ctx.store().markAlertSent(first.id, '2025-05-13T10:06:00+08:00');
      expect((await ctx.store().dueAlerts(LATER_FUTURE, 10)).map((x) => x.id)).toEqual([second.id]);
      const [sent] = await ctx.store().listAlerts('sent');
      expect(sent).toMatchObject({ id: first.id, status: 'sent', sentAt: '2025-05-13T10:06:00+08:00' });
      expect((await ctx.store().listAlerts('pending')).map((x) => x.id)).toEqual([second.id]);
    });

    it('a failed alert waits for its next attempt and counts attempts', async () => {
      await ctx.store().markAlertFailed(first.id, 'HTTP 503', FUTURE, false);
      expect((await ctx.store().dueAlerts(soon(), 10)).map((x) => x.id)).toEqual([second.id]);
      const due = await ctx.store().dueAlerts(FUTURE, 10);
      expect(due.map((x) => x.id)).toEqual([first.id, second.id]);
      expect(due[0]).toMatchObject({
        status: 'pending',
        attempts: 1,
        lastError: 'HTTP 503',
        nextAttemptAt: FUTURE,
      });
      await ctx.store().markAlertFailed(first.id, 'timeout', LATER_FUTURE, false);
      const [again] = await ctx.store().dueAlerts(LATER_FUTURE, 1);
      expect(again).toMatchObject({ id: first.id, attempts: 2, lastError: 'timeout' });
      await ctx.store().markAlertSent(first.id, LATER_FUTURE);
      expect((await ctx.store().listAlerts('sent'))[0]?.status).toBe('sent');
    });

    it('a dead alert is never due and is listed as dead', async () => {
      await ctx.store().markAlertFailed(first.id, 'HTTP 400 bad token', FUTURE, true);
      expect((await ctx.store().dueAlerts(LATER_FUTURE, 10)).map((x) => x.id)).toEqual([second.id]);
      const dead = await ctx.store().listAlerts('dead');
      expect(dead).toHaveLength(1);
      expect(dead[0]).toMatchObject({
        id: first.id,
        status: 'dead',
        attempts: 1,
        lastError: 'HTTP 400 bad token',
      });
      expect(await ctx.store().listAlerts()).toHaveLength(2);
    });

    it('re-queues a dead alert with a fresh attempt count, and marks one handled once', async () => {
      const store = ctx.store();
      await store.markAlertFailed(first.id, 'HTTP 400 bad token', FUTURE, true);
      await store.markAlertFailed(second.id, 'HTTP 500', FUTURE, true);
      const handled = await store.markAlertHandled(second.id, 'admin', '2026-12-07T10:00:00+08:00');
      expect(handled).toMatchObject({
        status: 'dead',
        handledBy: 'admin',
        handledAt: '2026-12-07T10:00:00+08:00',
      });
      await expect(store.markAlertHandled(second.id, 'other', soon())).rejects.toMatchObject({
        code: 'E_STORE_CONFLICT',
      });
      const at = soon();
      const requeued = await store.requeueAlert(first.id, at);
      expect(requeued).toMatchObject({ id: first.id, status: 'pending', attempts: 0, nextAttemptAt: at });
      expect((await store.dueAlerts(at, 10)).map((x) => x.id)).toEqual([first.id]);
      expect((await store.listAlerts('dead')).map((x) => x.id)).toEqual([second.id]);
      // Only a dead alert can be re-queued or marked handled.
      await expect(store.requeueAlert(first.id, at)).rejects.toMatchObject({ code: 'E_STORE_CONFLICT' });
      await expect(store.markAlertHandled(first.id, 'admin', at)).rejects.toMatchObject({
        code: 'E_STORE_CONFLICT',
      });
      await expect(store.requeueAlert('no-such-alert', at)).rejects.toMatchObject({
        code: 'E_STORE_NOT_FOUND',
      });
      // Re-queueing a handled alert clears the mark: it is a live alert again.
      expect(await store.requeueAlert(second.id, at)).not.toHaveProperty('handledAt');
    });

    it('rejects marking an unknown alert', async () => {
      await expect(ctx.store().markAlertSent('no-such-alert', soon())).rejects.toThrow(/no-such-alert/);
      await expect(ctx.store().markAlertFailed('no-such-alert', 'x', soon(), false)).rejects.toThrow(
        /no-such-alert/,
      );
    });
  });
}
