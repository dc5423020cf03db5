import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { WEBHOOK_SIGNATURE_HEADER } from '../../alerts/channels/webhook.js';
import { clusterTips } from '../../alerts/escalation.js';
import type { RoundConfig } from '../../config/schema.js';
import type { ProcessedArticle } from '../../core/types.js';
import { SPREAD_CAP } from '../../pipeline/spread.js';
import { type Receiver, type Responder, startReceiver } from '../helpers/http-receiver.js';
import { mailText, type SmtpCatcher, startSmtpCatcher } from '../helpers/smtp-catcher.js';
import {
  type DeliveryEnv,
  freePort,
  startDeliveryEnv,
  startSmtpOn,
  storyItem,
} from './helpers/delivery-env.js';
import { demoRound } from './helpers/fixtures.js';

const ROBOTS = ['wecom', 'ding', 'feishu', 'hook'] as const;

let env: DeliveryEnv | undefined;
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await env?.close();
  env = undefined;
});

async function receiver(respond?: Responder): Promise<Receiver> {
  const r = await startReceiver(respond);
  closers.push(() => r.close());
  return r;
}

/** Stores an item the way the CLI does: cluster members decide the story's level. */
async function ingest(
  e: DeliveryEnv,
  round: RoundConfig,
  item: ProcessedArticle,
  joinClusterId?: string,
): Promise<void> {
  const members = joinClusterId ? await e.store.clusterArticles(joinClusterId) : [];
  const clusterId = joinClusterId ?? item.id;
  const tips = clusterTips(item, members, clusterId, [round], e.now().toISOString());
  await e.store.ingest({ article: item, ...(joinClusterId && { joinClusterId }), tips });
}

describe('one story, one alert', () => {
  it('ten reposts give one alert per channel; the story turning red gives one upgrade alert', async () => {
    env = await startDeliveryEnv();
    const mail: SmtpCatcher = await startSmtpCatcher();
    closers.push(() => mail.close());
    // Each robot answers in its own dialect: 飞书 with `code`, the others with `errcode`.
    const robot = await receiver((req) =>
      req.path === '/feishu' ? { body: { code: 0, msg: 'success' } } : {},
    );
    env.useChannels({
      mail: { type: 'email', to: ['zu1@example.org'], from: 'yuqing@example.org', smtp: mail.url },
      wecom: { type: 'wecom', url: `${robot.url}/wecom` },
      ding: { type: 'dingtalk', url: `${robot.url}/ding?access_token=T`, secret: 'DSECRET' },
      feishu: { type: 'feishu', url: `${robot.url}/feishu`, secret: 'FSECRET' },
      hook: { type: 'webhook', url: `${robot.url}/hook`, secret: 'HSECRET' },
    });
    // Yellow from 15; spread alone (capped) can never reach orange, a red term can.
    const red = 20 + SPREAD_CAP + 40;
    const round = demoRound({
      alerts: [{ minLevel: 'yellow', channels: ['mail', ...ROBOTS] }],
      levels: { red, orange: red - 1, yellow: 15 },
    });
    const first = storyItem('first', 20, 'yellow');
    await ingest(env, round, first);
    for (let i = 0; i < 10; i++) {
      await ingest(env, round, storyItem(`repost-${i}`, 20, 'yellow', `site-${i % 4}`), first.id);
      await env.send();
    }
    expect(mail.mails).toHaveLength(1);
    expect(await env.store.listAlerts('sent')).toHaveLength(5);
    for (const path of ['/wecom', '/ding', '/feishu', '/hook']) {
      expect(robot.requests.filter((r) => r.path === path)).toHaveLength(1);
    }
    const [tip] = (await env.store.listTips()).tips;
    expect(tip?.level).toBe('yellow');
    expect(tip?.parts.some((p) => p.kind === 'spread')).toBe(true);

    await ingest(env, round, storyItem('red-term', red, 'red'), first.id);
    await ingest(env, round, storyItem('red-again', red + 5, 'red'), first.id);
    expect(await env.send()).toEqual({ sent: 5, failed: 0 });
    expect(await env.send()).toEqual({ sent: 0, failed: 0 });

    expect(mail.mails).toHaveLength(2);
    const upgradeMail = mailText(mail.mails[1]?.raw ?? '');
    expect(upgradeMail).toContain('【升级】【红色预警】');
    expect(upgradeMail).toContain('传播情况');
    const byPath = (path: string) => robot.requests.filter((r) => r.path === path);
    for (const path of ['/wecom', '/ding', '/feishu', '/hook']) expect(byPath(path)).toHaveLength(2);
    expect(JSON.stringify(byPath('/wecom')[1]?.body)).toContain('升级');
    expect(JSON.stringify(byPath('/ding')[1]?.body)).toContain('升级');
    expect(JSON.stringify(byPath('/feishu')[1]?.body)).toContain('升级');
    expect(byPath('/hook')[0]?.body).toMatchObject({ schemaVersion: 1, type: 'tip', upgrade: false });
    expect(byPath('/hook')[1]?.body).toMatchObject({
      schemaVersion: 1,
      type: 'tip',
      upgrade: true,
      tip: { level: 'red', unitId: 'zjj' },
    });

    // Signatures: 钉钉 in the query, 飞书 in the body, the webhook in a header.
    for (const req of byPath('/ding')) {
      const timestamp = req.query.get('timestamp') ?? '';
      const expected = createHmac('sha256', 'DSECRET').update(`${timestamp}\nDSECRET`).digest('base64');
      expect(req.query.get('sign')).toBe(expected);
      expect(req.query.get('access_token')).toBe('T');
    }
    for (const req of byPath('/feishu')) {
      const body = req.body as { timestamp: string; sign: string; msg_type: string };
      expect(body.msg_type).toBe('interactive');
      expect(body.sign).toBe(createHmac('sha256', `${body.timestamp}\nFSECRET`).update('').digest('base64'));
    }
    for (const req of byPath('/hook')) {
      const expected = `sha256=${createHmac('sha256', 'HSECRET').update(req.raw).digest('hex')}`;
      expect(req.headers[WEBHOOK_SIGNATURE_HEADER]).toBe(expected);
    }
  });

  it('creates the tip when a story below every route later reaches one (a normal alert, not an upgrade)', async () => {
    env = await startDeliveryEnv();
    const hook = await receiver();
    env.useChannels({ hook: { type: 'webhook', url: `${hook.url}/hook` } });
    const round = demoRound({ alerts: [{ minLevel: 'red', channels: ['hook'] }] });
    const first = storyItem('low', 20, 'yellow');
    await ingest(env, round, first);
    expect(await env.store.listTips()).toMatchObject({ total: 0 });
    await ingest(env, round, storyItem('high', 70, 'red'), first.id);
    expect(await env.send()).toEqual({ sent: 1, failed: 0 });
    expect(hook.requests[0]?.body).toMatchObject({ upgrade: false, tip: { level: 'red' } });
  });
});

describe('delivery you can rely on', () => {
  it('SMTP down for three cycles: every alert delivered once after it comes back', async () => {
    env = await startDeliveryEnv();
    const port = await freePort();
    env.useChannels({
      mail: { type: 'email', to: ['a@example.org'], from: 'y@example.org', smtp: `smtp://127.0.0.1:${port}` },
    });
    const round = demoRound({ alerts: [{ minLevel: 'orange', channels: ['mail'] }] });
    for (const key of ['s1', 's2', 's3']) await ingest(env, round, storyItem(key, 70, 'red'));
    for (let cycle = 0; cycle < 3; cycle++) {
      expect(await env.send()).toEqual({ sent: 0, failed: 3 });
      env.advance(10 * 60_000);
    }
    const server = await startSmtpOn(port);
    closers.push(() => server.close());
    expect(await env.send()).toEqual({ sent: 3, failed: 0 });
    env.advance(3600_000);
    expect(await env.send()).toEqual({ sent: 0, failed: 0 });
    expect(server.mails).toHaveLength(3);
    expect((await env.store.listAlerts('sent')).map((a) => a.attempts)).toEqual([4, 4, 4]);
  });

  it('a webhook answering 500 then 200: delivered once', async () => {
    env = await startDeliveryEnv();
    const hook = await receiver((_r, n) => ({ status: n === 0 ? 500 : 200 }));
    env.useChannels({ hook: { type: 'webhook', url: `${hook.url}/hook` } });
    await ingest(
      env,
      demoRound({ alerts: [{ minLevel: 'red', channels: ['hook'] }] }),
      storyItem('w', 70, 'red'),
    );
    expect(await env.send()).toEqual({ sent: 0, failed: 1 });
    env.advance(60_000);
    expect(await env.send()).toEqual({ sent: 1, failed: 0 });
    env.advance(3600_000);
    expect(await env.send()).toEqual({ sent: 0, failed: 0 });
    expect(hook.requests).toHaveLength(2);
  });

  it('钉钉 errcode 130101: backs off, then merges what waits into one message; nothing lost', async () => {
    env = await startDeliveryEnv();
    const ding = await receiver((_r, n) =>
      n === 0
        ? { body: { errcode: 130101, errmsg: 'send too fast' } }
        : { body: { errcode: 0, errmsg: 'ok' } },
    );
    env.useChannels({ ding: { type: 'dingtalk', url: `${ding.url}/robot/send?access_token=T` } });
    const round = demoRound({ alerts: [{ minLevel: 'red', channels: ['ding'] }] });
    for (const key of ['d1', 'd2', 'd3', 'd4']) await ingest(env, round, storyItem(key, 70, 'red'));
    expect(await env.send()).toEqual({ sent: 0, failed: 1, deferred: 3 });
    env.advance(30_000);
    expect(await env.send()).toEqual({ sent: 0, failed: 0, deferred: 3 });
    expect(ding.requests).toHaveLength(1);
    env.advance(31_000);
    expect(await env.send()).toEqual({ sent: 4, failed: 0 });
    expect(ding.requests).toHaveLength(2);
    const text = JSON.stringify(ding.requests[1]?.body);
    expect(text).toContain('预警合并');
    for (const key of ['d1', 'd2', 'd3', 'd4']) expect(text).toContain(`thread-${key}.html`);
    expect(await env.store.listAlerts('pending')).toEqual([]);
    expect(await env.send()).toEqual({ sent: 0, failed: 0 });
  });

  it('a burst above 20 a minute to a 企业微信 robot goes out as one merged message', async () => {
    env = await startDeliveryEnv();
    const wecom = await receiver();
    env.useChannels({ wecom: { type: 'wecom', url: `${wecom.url}/wecom` } });
    const round = demoRound({ alerts: [{ minLevel: 'red', channels: ['wecom'] }] });
    for (let i = 0; i < 18; i++) await ingest(env, round, storyItem(`a${i}`, 70, 'red'));
    expect(await env.send()).toEqual({ sent: 18, failed: 0 });
    for (let i = 0; i < 25; i++) await ingest(env, round, storyItem(`b${i}`, 70, 'red'));
    env.advance(5_000);
    expect(await env.send()).toEqual({ sent: 25, failed: 0 });
    expect(wecom.requests).toHaveLength(19);
    const merged = JSON.stringify(wecom.requests[18]?.body);
    expect(merged).toContain('25 条线索');
    expect(await env.store.listAlerts('pending')).toEqual([]);
  });
});
