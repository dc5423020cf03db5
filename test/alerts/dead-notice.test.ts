// A dead alert tells the admin channels (real SQLite outbox, real loopback robots): a red tip that reached nobody
// is news, and a dead notice about a dead alert raises no further notice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeChannels, createChannels } from '../../alerts/channels/index.js';
import { type DeadNoticeDeps, notifyDeadAlert } from '../../alerts/dead-notice.js';
import { type SenderDeps, sendDueAlerts } from '../../alerts/sender.js';
import type { ChannelConfig } from '../../config/schema.js';
import { silentLogger } from '../../core/log.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { type Receiver, startReceiver } from '../helpers/http-receiver.js';
import { PLANTED_TITLE, plantedArticle, redTip } from './helpers/fixtures.js';

let dir: string;
let store: SqliteStore;
let receiver: Receiver;
let channels: SenderDeps['channels'] | undefined;
const clock = new Date('2026-11-22T02:00:00.000Z');

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yuqing-dead-'));
  store = new SqliteStore({ path: join(dir, 'yuqing.db'), logger: silentLogger(), clock: () => clock });
  await store.init();
  // The team robot refuses (a revoked token); the office robot takes everything.
  receiver = await startReceiver((req) =>
    req.path === '/team' ? { status: 400, body: { error: 'bad token' } } : {},
  );
});

afterEach(async () => {
  if (channels) await closeChannels(channels);
  await receiver.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  channels = undefined;
});

function senderDeps(adminChannels: string[]): SenderDeps {
  const configs: Record<string, ChannelConfig> = {
    team: { type: 'webhook', url: `${receiver.url}/team` },
    office: { type: 'webhook', url: `${receiver.url}/office` },
  };
  channels = createChannels(configs, { timeoutMs: 2_000 });
  const notifier: DeadNoticeDeps = {
    store,
    adminChannels,
    channelTypes: new Map(Object.entries(configs).map(([name, c]) => [name, c.type])),
    consoleUrl: 'https://yuqing.example.gov.cn',
    timeZone: 'Asia/Shanghai',
    logger: silentLogger(),
  };
  return {
    store,
    channels,
    roundNames: new Map([['2026-r4', '明州市委2026年第四轮巡察']]),
    logger: silentLogger(),
    now: () => clock,
    random: () => 0.5,
    onDead: (alert) => notifyDeadAlert(notifier, alert),
  };
}

describe('dead alert notice', () => {
  it('tells the admin channel, in Chinese, which red tip reached nobody and why', async () => {
    const deps = senderDeps(['office']);
    await store.ingest({ article: plantedArticle(), tips: [{ tip: redTip(), channels: ['team'] }] });
    expect(await sendDueAlerts(deps)).toEqual({ sent: 0, failed: 1 });
    expect(await sendDueAlerts(deps)).toEqual({ sent: 1, failed: 0 });
    const toOffice = receiver.requests.filter((r) => r.path === '/office');
    expect(toOffice).toHaveLength(1);
    const text = JSON.stringify(toOffice[0]?.body);
    expect(text).toContain('预警发送失败：红色线索未送达（team）');
    expect(text).toContain(PLANTED_TITLE);
    expect(text).toContain('对方拒收（HTTP 400）');
    expect(text).toContain('https://yuqing.example.gov.cn/failed-alerts');
    // Beijing time of the attempt (02:00 UTC).
    expect(text).toContain('2026-11-22 10:00');
  });

  it('falls back to the failed channel when it is the only admin channel, and never loops', async () => {
    const deps = senderDeps(['team']);
    await store.ingest({ article: plantedArticle(), tips: [{ tip: redTip(), channels: ['team'] }] });
    await sendDueAlerts(deps);
    await sendDueAlerts(deps);
    await sendDueAlerts(deps);
    const dead = await store.listAlerts('dead');
    // The tip alert and the notice about it died; nothing was queued about the dead notice.
    expect(dead).toHaveLength(2);
    expect(await store.listAlerts('pending')).toEqual([]);
    expect(receiver.requests.filter((r) => r.path === '/team')).toHaveLength(2);
  });

  it('queues nothing without an admin channel (the console shows the dead letter)', async () => {
    const deps = senderDeps([]);
    await store.ingest({ article: plantedArticle(), tips: [{ tip: redTip(), channels: ['team'] }] });
    await sendDueAlerts(deps);
    expect(await store.listAlerts()).toHaveLength(1);
    expect((await store.listAlerts('dead'))[0]).toMatchObject({ status: 'dead', attempts: 1 });
  });
});
