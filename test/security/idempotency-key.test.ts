import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mergedDeliveryId } from '../../alerts/channels/delivery-id.js';
import { closeChannels, createChannels } from '../../alerts/channels/index.js';
import { type SenderDeps, sendDueAlerts } from '../../alerts/sender.js';
import type { ChannelConfig } from '../../config/schema.js';
import { silentLogger } from '../../core/log.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { plantedArticle, redTip } from '../alerts/helpers/fixtures.js';
import { type Receiver, startReceiver } from '../helpers/http-receiver.js';
import { type SmtpCatcher, startSmtpCatcher } from '../helpers/smtp-catcher.js';

// Finding 6 of issue 23: at-least-once delivery re-sends after a crash between "sent" and "recorded"; every
// delivery must carry a key (the outbox id) that stays the same on the copy, so the receiver can drop it.

const T0 = new Date('2026-11-22T02:00:00.000Z');
let dir: string;
let store: SqliteStore;
let clock: Date;
let receiver: Receiver | undefined;
let catcher: SmtpCatcher | undefined;
let deps: SenderDeps | undefined;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yuqing-idem-'));
  clock = T0;
  store = new SqliteStore({ path: join(dir, 'yuqing.db'), logger: silentLogger(), clock: () => clock });
  await store.init();
});

afterEach(async () => {
  if (deps) await closeChannels(deps.channels);
  await receiver?.close();
  await catcher?.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  receiver = catcher = deps = undefined;
});

function makeDeps(configs: Record<string, ChannelConfig>): SenderDeps {
  deps = {
    store,
    channels: createChannels(configs, { timeoutMs: 2_000 }),
    roundNames: new Map([['2026-r4', '明州市委2026年第四轮巡察']]),
    logger: silentLogger(),
    now: () => clock,
    random: () => 0.5,
  };
  return deps;
}

describe('idempotency key on every outbound delivery', () => {
  it('webhook and IM robots send the outbox id as Idempotency-Key and X-Yuqing-Delivery-Id, the same on a resend', async () => {
    // The first answer of each channel is lost (500), as if we crashed before recording it: the copy must match.
    const seen = new Map<string, number>();
    receiver = await startReceiver((req) => {
      const n = seen.get(req.path) ?? 0;
      seen.set(req.path, n + 1);
      const body = req.path === '/feishu' ? { code: 0, msg: 'ok' } : { errcode: 0, errmsg: 'ok' };
      return { status: n === 0 ? 500 : 200, body };
    });
    makeDeps({
      hook: { type: 'webhook', url: `${receiver.url}/hook`, secret: 'S' },
      wecom: { type: 'wecom', url: `${receiver.url}/wecom?key=K` },
      ding: { type: 'dingtalk', url: `${receiver.url}/ding?access_token=T` },
      feishu: { type: 'feishu', url: `${receiver.url}/feishu` },
    });
    await store.ingest({
      article: plantedArticle(),
      tips: [{ tip: redTip(), channels: ['hook', 'wecom', 'ding', 'feishu'] }],
    });
    await sendDueAlerts(deps as SenderDeps);
    clock = new Date(T0.getTime() + 60_000);
    expect(await sendDueAlerts(deps as SenderDeps)).toMatchObject({ sent: 4 });

    const alerts = await store.listAlerts();
    expect(alerts).toHaveLength(4);
    const idByChannel = new Map(alerts.map((a) => [a.channel, a.id]));
    const requests = receiver.requests;
    expect(requests).toHaveLength(8);
    for (const [path, channel] of [
      ['/hook', 'hook'],
      ['/wecom', 'wecom'],
      ['/ding', 'ding'],
      ['/feishu', 'feishu'],
    ] as const) {
      const copies = requests.filter((r) => r.path === path);
      expect(copies).toHaveLength(2);
      for (const r of copies) {
        expect(r.headers['idempotency-key']).toBe(idByChannel.get(channel));
        expect(r.headers['x-yuqing-delivery-id']).toBe(idByChannel.get(channel));
      }
    }
    // Different alerts never share a key.
    expect(new Set(alerts.map((a) => a.id)).size).toBe(4);
  });

  it('mail carries the outbox id in Message-ID and X-Yuqing-Delivery-Id, the same on a resend', async () => {
    catcher = await startSmtpCatcher();
    makeDeps({
      mail: { type: 'email', to: ['xunchaban@example.org'], from: 'yuqing@example.org', smtp: catcher.url },
    });
    await store.ingest({ article: plantedArticle(), tips: [{ tip: redTip(), channels: ['mail'] }] });
    expect(await sendDueAlerts(deps as SenderDeps)).toMatchObject({ sent: 1 });
    const [alert] = await store.listAlerts();
    // The copy a crash causes: the same outbox row delivered again through the same channel path.
    const channel = deps?.channels.get('mail');
    const tip = await store.getTip(alert?.tipId ?? '');
    if (!channel || !tip || !alert) throw new Error('setup');
    await channel.send({ alertId: alert.id, tip, roundName: 'r' }, { id: alert.id });
    expect(catcher.mails).toHaveLength(2);
    for (const mail of catcher.mails) {
      const head = mail.raw.split(/\r?\n\r?\n/)[0] ?? '';
      expect(head).toMatch(new RegExp(`^Message-ID: <${alert.id}@xuncha-yuqing\\.invalid>$`, 'im'));
      expect(head).toMatch(new RegExp(`^X-Yuqing-Delivery-Id: ${alert.id}$`, 'im'));
    }
  });

  it('a merged message is keyed by its set of outbox ids, in any order', () => {
    expect(mergedDeliveryId(['b', 'a', 'c'])).toBe(mergedDeliveryId(['c', 'b', 'a']));
    expect(mergedDeliveryId(['a', 'b'])).not.toBe(mergedDeliveryId(['a', 'c']));
  });
});
