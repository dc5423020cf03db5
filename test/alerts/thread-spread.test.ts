import { afterEach, describe, expect, it } from 'vitest';
import { clusterSpread, clusterTips, threadTips } from '../../alerts/escalation.js';
import type { App } from '../../cli/app.js';
import type { RoundConfig } from '../../config/schema.js';
import type { ProcessedArticle } from '../../core/types.js';
import { replyThreadTips, storyReplies } from '../../ingest/thread-tips.js';
import { normalizeArticle, normalizeItemUrl } from '../../pipeline/normalize.js';
import { articleId } from '../../pipeline/process.js';
import { type DeliveryEnv, startDeliveryEnv, storyItem } from './helpers/delivery-env.js';
import { assessment, demoRound } from './helpers/fixtures.js';

const THREAD_URL = 'http://127.0.0.1:8931/forum/thread-77.html';

let env: DeliveryEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

/** The thread's first post: yellow on its own (20; orange from 35). */
function thread(): ProcessedArticle {
  return { ...storyItem('thread', 20, 'yellow'), id: articleId(THREAD_URL), url: THREAD_URL };
}

/** A reply with its own words: it names no unit, so it is no tip on its own. */
function reply(n: number): ProcessedArticle {
  const url = `${THREAD_URL}#post-${n}`;
  return {
    ...storyItem(`reply-${n}`, 0, 'green'),
    id: articleId(url),
    url,
    parentUrl: THREAD_URL,
    assessments: [assessment({ units: [], score: 0, level: 'green', parts: [] })],
  };
}

/** What ingest/ingest-article does for one item that starts its own story. */
async function ingestAlone(e: DeliveryEnv, round: RoundConfig, item: ProcessedArticle) {
  const app = { store: e.store, activeRounds: () => [round], config: { teams: {} } } as unknown as App;
  const now = e.now().toISOString();
  const replies = await storyReplies(e.store, item, []);
  const tips = clusterTips(item, [], item.id, [round], now, {}, replies);
  const thread = await replyThreadTips(app, item, item.id, now);
  return e.store.ingest({ article: item, tips, ...(thread.length > 0 && { threadTips: thread }) });
}

describe('forum replies raise their thread story', () => {
  it('a reply keeps its anchor and its thread URL through normalisation', () => {
    expect(normalizeItemUrl(`${THREAD_URL}#post-5`, THREAD_URL)).toBe(`${THREAD_URL}#post-5`);
    expect(normalizeItemUrl(`${THREAD_URL}#post-5`)).toBe(THREAD_URL);
    const raw = { ...reply(5), url: `${THREAD_URL}?utm_source=x#post-5`, parentUrl: `${THREAD_URL}#top` };
    const normalized = normalizeArticle(raw);
    expect(normalized.url).toBe(`${THREAD_URL}#post-5`);
    expect(normalized.parentUrl).toBe(THREAD_URL);
  });

  it('counts the replies in the spread part', () => {
    const part = threadTips(
      [thread()],
      'c',
      [demoRound({ alerts: [{ minLevel: 'yellow', channels: ['x'] }] })],
      'n',
      {},
      4,
    )[0]?.tip.parts.find((p) => p.kind === 'spread');
    expect(part?.label).toContain('4 条回复');
    expect(part?.points).toBe(4);
    expect(clusterSpread(undefined, [thread()], 4)).toEqual({ articles: 1, sites: 1, replies: 4 });
  });

  it('a thread with N replies stored as their own items gets a tip whose spread counts N replies', async () => {
    const e = await startDeliveryEnv();
    env = e;
    const round = demoRound({ alerts: [{ minLevel: 'orange', channels: ['hook'] }] });
    expect((await ingestAlone(e, round, thread())).createdTipIds).toEqual([]);
    const n = 15;
    for (let i = 1; i <= n; i++) {
      const result = await ingestAlone(e, round, reply(i));
      // Each reply is its own item and story, linked to the thread.
      expect(result.clusterId).toBe(articleId(`${THREAD_URL}#post-${i}`));
    }
    const stored = await e.store.getArticle(articleId(`${THREAD_URL}#post-3`));
    expect(stored?.parentUrl).toBe(THREAD_URL);
    expect(await e.store.countReplies([THREAD_URL])).toBe(n);
    expect(await e.store.countReplies(['http://127.0.0.1:8931/forum/other.html'])).toBe(0);
    const { tips } = await e.store.listTips();
    expect(tips).toHaveLength(1);
    const [tip] = tips;
    expect(tip?.clusterId).toBe(articleId(THREAD_URL));
    expect(tip?.level).toBe('orange');
    const spread = tip?.parts.find((p) => p.kind === 'spread');
    expect(spread?.label).toContain(`${n} 条回复`);
    expect(spread?.points).toBe(n);
    expect(await e.store.listAlerts('pending')).toHaveLength(1);
  });

  it('a thread stored after its replies counts them too', async () => {
    const e = await startDeliveryEnv();
    env = e;
    const round = demoRound({ alerts: [{ minLevel: 'yellow', channels: ['hook'] }] });
    for (let i = 1; i <= 3; i++) await ingestAlone(e, round, reply(i));
    await ingestAlone(e, round, thread());
    const [tip] = (await e.store.listTips()).tips;
    expect(tip?.parts.find((p) => p.kind === 'spread')?.label).toContain('3 条回复');
  });
});
