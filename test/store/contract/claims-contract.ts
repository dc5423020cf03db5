import { beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../../core/errors.js';
import type { Notice } from '../../../core/types.js';
import type { ContractContext } from './context.js';

const LEASE_MS = 60_000;
const A = 'host-a:101:aaaa';
const B = 'host-b:202:bbbb';

const NOTICE: Notice = { kind: 'test', title: '测试消息', lines: ['一行'] };

/** An ISO time `ms` after the moment the test's alerts were queued (the store's own clock stamps them). */
function at(base: number, ms: number): string {
  return new Date(base + ms).toISOString();
}

async function conflictOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error instanceof StoreError ? error.code : String(error);
  }
}

/** Alert claims (leases): several instances on one store never take the same alert at once (issue #7). */
export function claimsContract(ctx: ContractContext): void {
  describe('alert claims', () => {
    let base: number;
    let ids: string[];

    beforeEach(async () => {
      // Queued a minute "ago", so every claim below finds them due.
      base = Date.now() + 60_000;
      ids = [];
      for (const key of ['c1', 'c2', 'c3'])
        ids.push(...(await ctx.store().enqueueNotice(['hook'], NOTICE, key)));
      expect(ids).toHaveLength(3);
    });

    it('gives a claimed alert to nobody else until its lease ends, then to the next owner', async () => {
      const store = ctx.store();
      const mine = await store.claimAlerts(at(base, 0), A, LEASE_MS, 2);
      expect(mine.map((a) => a.id)).toEqual(ids.slice(0, 2));
      expect(mine[0]).toMatchObject({ status: 'pending', channel: 'hook', attempts: 0 });
      const theirs = await store.claimAlerts(at(base, 1_000), B, LEASE_MS, 10);
      expect(theirs.map((a) => a.id)).toEqual([ids[2]]);
      expect(await store.claimAlerts(at(base, 2_000), B, LEASE_MS, 10)).toEqual([]);
      expect(await store.dueAlerts(at(base, 2_000), 10)).toEqual([]);
      // A's instance "crashed": once its lease is over, B may take A's alerts (B's own lease is over too).
      const later = await store.claimAlerts(at(base, LEASE_MS + 1_000), B, LEASE_MS, 10);
      expect(later.map((a) => a.id).sort()).toEqual([...ids].sort());
    });

    it('marking sent or failed ends the claim, and only the holder may mark', async () => {
      const store = ctx.store();
      const [first, second] = (await store.claimAlerts(at(base, 0), A, LEASE_MS, 2)).map((a) => a.id);
      expect(await conflictOf(store.markAlertSent(first ?? '', at(base, 500), B))).toBe('E_STORE_CONFLICT');
      await store.markAlertSent(first ?? '', at(base, 500), A);
      expect(await conflictOf(store.markAlertSent(first ?? '', at(base, 600), B))).toBe('E_STORE_CONFLICT');
      await store.markAlertFailed(second ?? '', 'HTTP 500', at(base, 30_000), false, A);
      expect(await conflictOf(store.markAlertFailed('no-such-alert', 'x', at(base, 0), false, A))).toBe(
        'E_STORE_NOT_FOUND',
      );
      // The failed one is due at its retry time, not at the end of A's lease; the sent one never again.
      expect((await store.dueAlerts(at(base, 1_000), 10)).map((a) => a.id)).toEqual([ids[2]]);
      const retry = await store.claimAlerts(at(base, 31_000), B, LEASE_MS, 10);
      expect(retry.map((a) => a.id)).toEqual([second, ids[2]]);
      expect(retry[0]).toMatchObject({ attempts: 1, lastError: 'HTTP 500' });
      const sent = await store.listAlerts('sent');
      expect(sent.map((a) => a.id)).toEqual([first]);
      expect(sent[0]).toMatchObject({ attempts: 1, status: 'sent' });
    });

    it('a holder whose lease ran out and was taken over cannot mark; the new holder can', async () => {
      const store = ctx.store();
      const [id] = (await store.claimAlerts(at(base, 0), A, LEASE_MS, 1)).map((a) => a.id);
      const taken = await store.claimAlerts(at(base, LEASE_MS + 1), B, LEASE_MS, 1);
      expect(taken.map((a) => a.id)).toEqual([id]);
      expect(await conflictOf(store.markAlertSent(id ?? '', at(base, LEASE_MS + 2), A))).toBe(
        'E_STORE_CONFLICT',
      );
      await store.markAlertsSent([id ?? ''], at(base, LEASE_MS + 3), B);
      expect((await store.listAlerts('sent')).map((a) => a.id)).toEqual([id]);
    });

    it('marks a merged message sent only when the owner holds every alert it carried', async () => {
      const store = ctx.store();
      const claimed = (await store.claimAlerts(at(base, 0), A, LEASE_MS, 2)).map((a) => a.id);
      await store.claimAlerts(at(base, 0), B, LEASE_MS, 1);
      const mixed = [...claimed, ids[2] ?? ''];
      expect(await conflictOf(store.markAlertsSent(mixed, at(base, 100), A))).toBe('E_STORE_CONFLICT');
      expect(await store.listAlerts('sent')).toEqual([]);
      await store.markAlertsSent(claimed, at(base, 200), A);
      expect((await store.listAlerts('sent')).map((a) => a.id).sort()).toEqual([...claimed].sort());
    });

    it('released alerts are claimable at once; a release by another owner changes nothing', async () => {
      const store = ctx.store();
      const claimed = (await store.claimAlerts(at(base, 0), A, LEASE_MS, 3)).map((a) => a.id);
      await store.releaseAlerts(claimed, B);
      expect(await store.claimAlerts(at(base, 1_000), B, LEASE_MS, 10)).toEqual([]);
      await store.releaseAlerts(claimed.slice(0, 1), A);
      expect((await store.claimAlerts(at(base, 2_000), B, LEASE_MS, 10)).map((a) => a.id)).toEqual(
        claimed.slice(0, 1),
      );
    });

    it('names the holders of live claims and frees all claims of one holder', async () => {
      const store = ctx.store();
      await store.claimAlerts(at(base, 0), A, LEASE_MS, 2);
      await store.claimAlerts(at(base, 0), B, LEASE_MS, 1);
      expect(await store.claimHolders(at(base, 1_000))).toEqual([A, B]);
      expect(await store.claimHolders(at(base, LEASE_MS + 1))).toEqual([]);
      expect(await store.releaseClaimsOf(A)).toBe(2);
      expect(await store.claimHolders(at(base, 1_000))).toEqual([B]);
      const freed = await store.claimAlerts(at(base, 2_000), 'host-c:303:cccc', LEASE_MS, 10);
      expect(freed.map((a) => a.id)).toEqual(ids.slice(0, 2));
      expect(await store.releaseClaimsOf('nobody')).toBe(0);
    });

    it('rejects a claim without owner or lease', async () => {
      expect(await conflictOf(ctx.store().claimAlerts(at(base, 0), '', LEASE_MS, 1))).toBe('E_STORE_INPUT');
      expect(await conflictOf(ctx.store().claimAlerts(at(base, 0), A, 0, 1))).toBe('E_STORE_INPUT');
    });
  });
}
