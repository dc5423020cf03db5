import { afterEach, describe, expect, it } from 'vitest';
import { clusterTips } from '../../alerts/escalation.js';
import { realertFor } from '../../alerts/routing.js';
import type { RoundConfig } from '../../config/schema.js';
import type { ProcessedArticle } from '../../core/types.js';
import { type Receiver, startReceiver } from '../helpers/http-receiver.js';
import { type DeliveryEnv, startDeliveryEnv, storyItem } from './helpers/delivery-env.js';
import { demoRound } from './helpers/fixtures.js';

const HOUR = 3_600_000;

let env: DeliveryEnv | undefined;
let receiver: Receiver | undefined;

afterEach(async () => {
  await receiver?.close();
  await env?.close();
  receiver = undefined;
  env = undefined;
});

/** Stores an item the way the CLI does, joining `joinClusterId` when given. */
async function ingest(e: DeliveryEnv, round: RoundConfig, item: ProcessedArticle, joinClusterId?: string) {
  const members = joinClusterId ? await e.store.clusterArticles(joinClusterId) : [];
  const tips = clusterTips(item, members, joinClusterId ?? item.id, [round], e.now().toISOString());
  return e.store.ingest({ article: item, ...(joinClusterId && { joinClusterId }), tips });
}

async function useRouteEnv(
  routes: RoundConfig['alerts'],
): Promise<{ e: DeliveryEnv; r: Receiver; round: RoundConfig }> {
  const e = await startDeliveryEnv();
  const r = await startReceiver((req) => (req.path === '/feishu' ? { body: { code: 0 } } : {}));
  env = e;
  receiver = r;
  e.useChannels({
    hook: { type: 'webhook', url: `${r.url}/hook` },
    wecom: { type: 'wecom', url: `${r.url}/wecom` },
  });
  return { e, r, round: demoRound({ alerts: routes }) };
}

describe('realert per route', () => {
  it('a story active again after the wait is alerted once more, marked 再次提醒, once per window', async () => {
    const { e, r, round } = await useRouteEnv([
      { minLevel: 'red', channels: ['hook', 'wecom'], realert: '6h' },
    ]);
    const first = storyItem('first', 70, 'red');
    await ingest(e, round, first);
    expect(await e.send()).toEqual({ sent: 2, failed: 0 });

    // A repost within the wait: nothing.
    e.advance(HOUR);
    const early = await ingest(e, round, storyItem('r1', 70, 'red', 'site-1'), first.id);
    expect(early.realertTipIds).toBeUndefined();
    expect(await e.send()).toEqual({ sent: 0, failed: 0 });

    // Past the wait (counted from the last send): one re-alert per channel.
    e.advance(5 * HOUR + 60_000);
    const late = await ingest(e, round, storyItem('r2', 70, 'red', 'site-2'), first.id);
    expect(late.realertTipIds).toHaveLength(1);
    // More activity while the re-alert waits, and right after it went out: nothing more.
    await ingest(e, round, storyItem('r3', 70, 'red', 'site-3'), first.id);
    expect(await e.send()).toEqual({ sent: 2, failed: 0 });
    e.advance(HOUR);
    await ingest(e, round, storyItem('r4', 70, 'red', 'site-4'), first.id);
    expect(await e.send()).toEqual({ sent: 0, failed: 0 });

    const hooks = r.requests.filter((q) => q.path === '/hook');
    expect(hooks).toHaveLength(2);
    expect(hooks[0]?.body).not.toHaveProperty('realert');
    expect(hooks[1]?.body).toMatchObject({ realert: true, upgrade: false, tip: { level: 'red' } });
    const wecom = r.requests.filter((q) => q.path === '/wecom');
    expect(JSON.stringify(wecom[0]?.body)).not.toContain('再次提醒');
    expect(JSON.stringify(wecom[1]?.body)).toContain('【再次提醒】');
    const sent = await e.store.listAlerts('sent');
    expect(sent.filter((a) => a.realert)).toHaveLength(2);

    // The next window: another re-alert after another 6 h of quiet from the last one.
    e.advance(6 * HOUR);
    await ingest(e, round, storyItem('r5', 70, 'red', 'site-5'), first.id);
    expect(await e.send()).toEqual({ sent: 2, failed: 0 });
  });

  it('never re-alerts a route without realert (default never), however long the wait', async () => {
    const { e, round } = await useRouteEnv([{ minLevel: 'red', channels: ['hook'], realert: 'never' }]);
    const first = storyItem('first', 70, 'red');
    await ingest(e, round, first);
    await e.send();
    e.advance(30 * 24 * HOUR);
    const result = await ingest(e, round, storyItem('r1', 70, 'red', 'site-1'), first.id);
    expect(result.realertTipIds).toBeUndefined();
    expect(await e.send()).toEqual({ sent: 0, failed: 0 });
  });

  it('re-alerts only the channels of the route that asks for it; a replayed ingest queues nothing more', async () => {
    const { e, round } = await useRouteEnv([
      { minLevel: 'red', channels: ['hook'], realert: '1d' },
      { minLevel: 'red', channels: ['wecom'] },
    ]);
    const first = storyItem('first', 70, 'red');
    await ingest(e, round, first);
    await e.send();
    e.advance(25 * HOUR);
    const repost = storyItem('r1', 70, 'red', 'site-1');
    await ingest(e, round, repost, first.id);
    // The same URL again (a crawl replay) is not new activity.
    await ingest(e, round, repost, first.id);
    const pending = await e.store.listAlerts('pending');
    expect(pending.map((a) => [a.channel, a.realert])).toEqual([['hook', true]]);
  });

  it('a channel reached by two routes takes the shortest wait; digest routes never re-alert', () => {
    const round = demoRound({
      alerts: [
        { minLevel: 'red', channels: ['a', 'b'], realert: '1d' },
        { minLevel: 'orange', channels: ['b'], realert: '30m' },
        { minLevel: 'red', channels: ['c'], realert: '2h', digest: '0 8 * * *' },
        { minLevel: 'red', channels: ['d'] },
      ],
    });
    expect(realertFor(round, { level: 'red' })).toEqual({ a: 86_400_000, b: 1_800_000 });
    expect(realertFor(round, { level: 'orange' })).toEqual({ b: 1_800_000 });
  });
});

describe('飞书 pacing and burst merge', () => {
  it('paces a 飞书 bot to 5 messages a second and merges a burst above 100 a minute', async () => {
    const e = await startDeliveryEnv();
    env = e;
    const times: number[] = [];
    const r = await startReceiver(() => {
      times.push(e.now().getTime());
      return { body: { code: 0, msg: 'success' } };
    });
    receiver = r;
    e.useChannels({ feishu: { type: 'feishu', url: `${r.url}/feishu` } });
    const round = demoRound({ alerts: [{ minLevel: 'red', channels: ['feishu'] }] });
    for (let i = 0; i < 12; i++) await ingest(e, round, storyItem(`a${i}`, 70, 'red'));
    expect(await e.send()).toEqual({ sent: 12, failed: 0 });
    expect(r.requests).toHaveLength(12);
    for (const [i, t] of times.entries()) {
      expect(times.filter((x) => x > t - 1000 && x <= t).length, `message ${i}`).toBeLessThanOrEqual(5);
    }
    expect(JSON.stringify(r.requests[11]?.body)).not.toContain('预警合并');

    // 95 more within the minute: a run takes 50 (room for 88 left, sent one by one); the next run's 45
    // exceed the 38 left of the 100 a minute and go out as one merged card.
    for (let i = 0; i < 95; i++) await ingest(e, round, storyItem(`b${i}`, 70, 'red'));
    expect(await e.send()).toEqual({ sent: 50, failed: 0 });
    expect(r.requests).toHaveLength(62);
    expect(await e.send()).toEqual({ sent: 45, failed: 0 });
    expect(r.requests).toHaveLength(63);
    expect(JSON.stringify(r.requests[62]?.body)).toContain('45 条线索');
    expect(e.now().getTime() - (times[0] ?? 0)).toBeLessThan(60_000);
  });
});
