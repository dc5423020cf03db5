// The sender's claim step: senders of several instances on one store (two connections to one SQLite file)
// deliver each alert once, stop starting messages once half the lease is gone (and give the rest back), and
// survive losing a claim to another instance.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeChannels, createChannels } from '../../alerts/channels/index.js';
import { createAlertSender, reclaimFromGone, type SenderDeps, sendDueAlerts } from '../../alerts/sender.js';
import { ownerGone, senderOwner } from '../../alerts/sender-owner.js';
import { silentLogger } from '../../core/log.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { type Receiver, type Responder, startReceiver } from '../helpers/http-receiver.js';

const T0 = new Date('2026-11-22T02:00:00.000Z');

let dir: string;
let stores: SqliteStore[];
let clock: Date;
let receiver: Receiver | undefined;
let channelSets: ReturnType<typeof createChannels>[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'yuqing-claims-'));
  clock = T0;
  stores = [];
  channelSets = [];
});

afterEach(async () => {
  for (const channels of channelSets) await closeChannels(channels);
  await receiver?.close();
  for (const store of stores) await store.close();
  rmSync(dir, { recursive: true, force: true });
  receiver = undefined;
});

/** Another connection to the one store file, as another process would open. */
async function openStore(): Promise<SqliteStore> {
  const store = new SqliteStore({ path: join(dir, 'yuqing.db'), logger: silentLogger(), clock: () => clock });
  await store.init();
  stores.push(store);
  return store;
}

/** Queue `n` notices, each naming its marker `#i#` in the title. */
async function queue(store: SqliteStore, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(
      ...(await store.enqueueNotice(['hook'], { kind: 'test', title: `消息 #${i}#`, lines: [] }, `n${i}`)),
    );
  }
  return ids;
}

function deps(store: SqliteStore, extra: Partial<SenderDeps> = {}): SenderDeps {
  if (!receiver) throw new Error('start the receiver first');
  const channels = createChannels(
    { hook: { type: 'webhook', url: `${receiver.url}/in` } },
    { timeoutMs: 5_000 },
  );
  channelSets.push(channels);
  return { store, channels, roundNames: new Map(), logger: silentLogger(), now: () => clock, ...extra };
}

async function hook(respond?: Responder): Promise<void> {
  receiver = await startReceiver(respond);
}

describe('sender claims', () => {
  it('two instances sending at once deliver every alert exactly once', async () => {
    await hook(() => ({ delayMs: 25 }));
    const [one, two] = [await openStore(), await openStore()];
    const ids = await queue(one, 12);
    // Real clocks: both run in the same instant, with small batches so they keep competing.
    const a = createAlertSender({ ...deps(one), now: undefined, batchSize: 3 });
    const b = createAlertSender({ ...deps(two), now: undefined, batchSize: 3 });
    let total = 0;
    for (let round = 0; round < 10 && total < ids.length; round++) {
      const [ra, rb] = await Promise.all([a.runOnce(), b.runOnce()]);
      expect(ra.failed + rb.failed).toBe(0);
      // Within one round the two senders never share an alert: together they never exceed what was left.
      total += ra.sent + rb.sent;
      expect(total).toBeLessThanOrEqual(ids.length);
    }
    expect(total).toBe(ids.length);
    const texts = receiver?.requests.map((r) => r.raw) ?? [];
    expect(texts).toHaveLength(ids.length);
    for (let i = 0; i < ids.length; i++) expect(texts.filter((t) => t.includes(`#${i}#`))).toHaveLength(1);
    expect((await one.listAlerts('sent')).length).toBe(ids.length);
  });

  it('starts no message after half the lease and gives the rest back at once', async () => {
    // Each message takes 40 s of the test's clock: with a 2-minute lease, two start and the third waits.
    await hook(() => {
      clock = new Date(clock.getTime() + 40_000);
      return {};
    });
    const store = await openStore();
    const ids = await queue(store, 3);
    const result = await sendDueAlerts(deps(store, { owner: 'a', leaseMs: 120_000 }));
    expect(result).toEqual({ sent: 2, failed: 0, deferred: 1 });
    const [left] = await store.claimAlerts(clock.toISOString(), 'b', 120_000, 10);
    expect(left?.id).toBe(ids[2]);
  });

  it('a sender whose claim was taken over logs it and goes on', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const store = await openStore();
    const other = await openStore();
    await queue(store, 1);
    await hook(() => {
      // The send hangs past the lease; meanwhile another instance takes the alert over.
      clock = new Date(clock.getTime() + 130_000);
      void other.claimAlerts(clock.toISOString(), 'b', 120_000, 10);
      return {};
    });
    const result = await sendDueAlerts(deps(store, { owner: 'a', logger: pino({ level: 'info' }, sink) }));
    expect(result).toEqual({ sent: 1, failed: 0 });
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual([
      'alert claim lost to another instance',
    ]);
    // The alert is b's now: still pending, and only b may record it.
    const [pending] = await store.listAlerts('pending');
    await other.markAlertSent(pending?.id ?? '', clock.toISOString(), 'b');
    expect(await store.listAlerts('pending')).toEqual([]);
  });

  it('owner ids differ per sender and name the host and process', () => {
    const [x, y] = [senderOwner(), senderOwner()];
    expect(x).not.toBe(y);
    expect(x).toContain(`:${process.pid}:`);
  });

  it('tells a dead process on this host from a live one or another host', async () => {
    const [host, , ns, random] = senderOwner().split(':');
    // A child that has exited: its pid is free (ESRCH) in our namespace.
    const { spawnSync } = await import('node:child_process');
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    expect(ownerGone(senderOwner())).toBe(false);
    expect(ownerGone(`${host}:${process.ppid}:${ns}:${random}`)).toBe(false);
    expect(ownerGone(`other-host:${dead}:${ns}:${random}`)).toBe(false);
    expect(ownerGone(`${host}:${dead}:${ns}:${random}`)).toBe(ns !== '-');
  });

  it('a restarted sender sends at once what a crashed one on this host had claimed', async () => {
    await hook();
    const store = await openStore();
    const ids = await queue(store, 2);
    // The crashed sender claimed both and died before sending; its lease has most of two minutes to go.
    expect(await store.claimAlerts(clock.toISOString(), 'crashed', 120_000, 10)).toHaveLength(2);
    await store.claimAlerts(clock.toISOString(), 'alive', 120_000, 10);
    const sender = createAlertSender(deps(store, { ownerGone: (owner) => owner === 'crashed' }));
    expect(await sender.runOnce()).toEqual({ sent: 2, failed: 0 });
    expect(receiver?.requests).toHaveLength(2);
    expect((await store.listAlerts('sent')).map((a) => a.id).sort()).toEqual([...ids].sort());
    expect(await reclaimFromGone(deps(store, { ownerGone: () => true }))).toBe(0);
  });
});
