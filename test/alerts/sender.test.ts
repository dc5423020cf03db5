import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeChannels, createChannels } from '../../alerts/channels/index.js';
import { routeTips } from '../../alerts/routing.js';
import { createAlertSender, retryDelayMs, type SenderDeps, sendDueAlerts } from '../../alerts/sender.js';
import type { ChannelConfig } from '../../config/schema.js';
import { silentLogger } from '../../core/log.js';
import type { Tip } from '../../core/types.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { type Receiver, type Responder, startReceiver } from '../helpers/http-receiver.js';
import { parseCaught, type SmtpCatcher, startSmtpCatcher } from '../helpers/smtp-catcher.js';
import { demoRound, PLANTED_TITLE, plantedArticle, redTip } from './helpers/fixtures.js';

const T0 = new Date('2026-11-22T02:00:00.000Z');

let dir: string;
let store: SqliteStore;
let clock: Date;
let receiver: Receiver | undefined;
let catcher: SmtpCatcher | undefined;
let deps: SenderDeps | undefined;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yuqing-alerts-'));
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
  receiver = undefined;
  catcher = undefined;
  deps = undefined;
});

/** Stores the planted item with one red tip whose alerts go to `channels`. */
async function storeTip(channels: string[], tip: Partial<Tip> = {}): Promise<void> {
  await store.ingest({ article: plantedArticle(), tips: [{ tip: redTip(tip), channels }] });
}

function makeDeps(configs: Record<string, ChannelConfig>, extra: Partial<SenderDeps> = {}): SenderDeps {
  deps = {
    store,
    channels: createChannels(configs, { timeoutMs: 2_000 }),
    roundNames: new Map([['2026-r4', '明州市委2026年第四轮巡察']]),
    logger: silentLogger(),
    now: () => clock,
    random: () => 0.5,
    ...extra,
  };
  return deps;
}

async function hook(respond?: Responder): Promise<Record<string, ChannelConfig>> {
  receiver = await startReceiver(respond);
  return { hook: { type: 'webhook', url: `${receiver.url}/in?token=TOKEN123` } };
}

function advance(ms: number): void {
  clock = new Date(clock.getTime() + ms);
}

describe('sendDueAlerts', () => {
  it('retries a 500 with backoff and then delivers', async () => {
    const d = makeDeps(await hook((_req, n) => ({ status: n === 0 ? 500 : 200 })));
    await storeTip(['hook']);

    expect(await sendDueAlerts(d)).toEqual({ sent: 0, failed: 1 });
    const [pending] = await store.listAlerts();
    expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
    expect(pending?.lastError).toContain('HTTP 500');
    expect(pending?.nextAttemptAt).toBe(new Date(T0.getTime() + 30_000).toISOString());

    // Not due yet: nothing is sent before nextAttemptAt.
    advance(29_000);
    expect(await sendDueAlerts(d)).toEqual({ sent: 0, failed: 0 });
    expect(receiver?.requests).toHaveLength(1);

    advance(1_000);
    expect(await sendDueAlerts(d)).toEqual({ sent: 1, failed: 0 });
    const [sent] = await store.listAlerts();
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, sentAt: clock.toISOString() });
    expect(receiver?.requests).toHaveLength(2);
    expect(await sendDueAlerts(d)).toEqual({ sent: 0, failed: 0 });
  });

  it('keeps a 钉钉 rate-limited alert pending (errcode 130101)', async () => {
    receiver = await startReceiver(() => ({ body: { errcode: 130101, errmsg: 'send too fast' } }));
    const d = makeDeps({
      ding: { type: 'dingtalk', url: `${receiver.url}/robot/send?access_token=T`, secret: 'S' },
    });
    await storeTip(['ding']);
    expect(await sendDueAlerts(d)).toEqual({ sent: 0, failed: 1 });
    const [alert] = await store.listAlerts();
    expect(alert).toMatchObject({ status: 'pending', attempts: 1 });
    expect(alert?.lastError).toContain('130101');
  });

  it('gives up at once on a 400', async () => {
    const d = makeDeps(await hook(() => ({ status: 400, body: { error: 'bad request' } })));
    await storeTip(['hook']);
    expect(await sendDueAlerts(d)).toEqual({ sent: 0, failed: 1 });
    const [alert] = await store.listAlerts();
    expect(alert).toMatchObject({ status: 'dead', attempts: 1 });
    expect(alert?.lastError).toContain('HTTP 400');
    advance(24 * 3600_000);
    expect(await sendDueAlerts(d)).toEqual({ sent: 0, failed: 0 });
  });

  it('gives up after maxAttempts retryable failures', async () => {
    const d = makeDeps(await hook(() => ({ status: 503 })), { maxAttempts: 3 });
    await storeTip(['hook']);
    for (let i = 0; i < 3; i++) {
      expect(await sendDueAlerts(d)).toEqual({ sent: 0, failed: 1 });
      advance(3600_000);
    }
    const [alert] = await store.listAlerts();
    expect(alert).toMatchObject({ status: 'dead', attempts: 3 });
    expect(await sendDueAlerts(d)).toEqual({ sent: 0, failed: 0 });
    expect(receiver?.requests).toHaveLength(3);
  });

  it('marks an alert for an unknown channel dead with a clear reason', async () => {
    const d = makeDeps(await hook());
    await storeTip(['hook', 'old-mail']);
    expect(await sendDueAlerts(d)).toEqual({ sent: 1, failed: 1 });
    const dead = await store.listAlerts('dead');
    expect(dead.map((a) => [a.channel, a.lastError])).toEqual([
      ['old-mail', 'unknown channel "old-mail" (not in channels.yaml)'],
    ]);
  });

  it('delivers a routed red tip by email and 企业微信 with round name and console link', async () => {
    catcher = await startSmtpCatcher();
    receiver = await startReceiver();
    const d = makeDeps(
      {
        'office-mail': {
          type: 'email',
          to: ['xunchaban@example.org'],
          from: 'yuqing@example.org',
          smtp: catcher.url,
        },
        'office-wecom': { type: 'wecom', url: `${receiver.url}/hooks/wecom` },
      },
      { consoleUrl: (tip) => `https://yuqing.example.org/#/tips/${tip.id}` },
    );
    const article = plantedArticle();
    const tips = routeTips(article, article.id, [demoRound()], T0.toISOString());
    await store.ingest({ article, tips });

    expect(await sendDueAlerts(d)).toEqual({ sent: 2, failed: 0 });
    const tipId = tips[0]?.tip.id ?? '';
    const mail = parseCaught(catcher.mails[0]?.raw ?? '');
    expect(mail.subject).toBe(`【红色预警】明州市住房和城乡建设局：${PLANTED_TITLE}`);
    const text = mail.parts.find((l) => l.contentType === 'text/plain')?.text ?? '';
    expect(text).toContain('巡察轮次：明州市委2026年第四轮巡察');
    expect(text).toContain(`https://yuqing.example.org/#/tips/${tipId}`);
    const body = receiver.requests[0]?.body as { markdown?: { content?: string } } | undefined;
    const content = body?.markdown?.content ?? '';
    expect(content).toContain(PLANTED_TITLE);
    expect((await store.listAlerts('sent')).map((a) => a.channel).sort()).toEqual([
      'office-mail',
      'office-wecom',
    ]);
  });

  it('logs each outcome with ids and the host, never the webhook token', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const d = makeDeps(await hook((_req, n) => ({ status: n === 0 ? 500 : 200 })), {
      logger: pino({ level: 'info' }, sink),
    });
    await storeTip(['hook']);
    await sendDueAlerts(d);
    advance(60_000);
    await sendDueAlerts(d);
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const [alert] = await store.listAlerts();
    expect(entries.map((e) => e.msg)).toEqual(['alert failed, will retry', 'alert sent']);
    for (const entry of entries) {
      expect(entry).toMatchObject({ alertId: alert?.id, tipId: redTip().id, channel: 'hook' });
      expect(entry.target).toBe(new URL(receiver?.url ?? '').host);
    }
    expect(lines.join('')).not.toContain('TOKEN123');
  });
});

describe('createAlertSender', () => {
  it('never runs two sends at once: an overlapping call shares the run', async () => {
    const d = makeDeps(await hook(() => ({ delayMs: 200 })));
    await storeTip(['hook']);
    const sender = createAlertSender(d);
    const [a, b] = await Promise.all([sender.runOnce(), sender.runOnce()]);
    expect(a).toEqual({ sent: 1, failed: 0 });
    expect(b).toEqual(a);
    expect(receiver?.requests).toHaveLength(1);
    // After the run, a new call runs again (nothing is due now).
    expect(await sender.runOnce()).toEqual({ sent: 0, failed: 0 });
  });
});

describe('retryDelayMs', () => {
  it('doubles from 30 s, caps at one hour and jitters by ±20 %', () => {
    expect(retryDelayMs(1, () => 0.5)).toBe(30_000);
    expect(retryDelayMs(2, () => 0.5)).toBe(60_000);
    expect(retryDelayMs(1, () => 0)).toBe(24_000);
    expect(retryDelayMs(1, () => 0.999_999)).toBeCloseTo(36_000, -1);
    expect(retryDelayMs(20, () => 0.5)).toBe(3600_000);
    expect(retryDelayMs(20, () => 0)).toBe(2880_000);
  });
});
