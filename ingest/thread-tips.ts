import { type FreshnessCheck, threadTips } from '../alerts/escalation.js';
import type { ProcessedArticle } from '../core/types.js';
import { articleId } from '../pipeline/process.js';
import type { NewTip, Store } from '../store/store.js';
import type { App } from './app.js';

/**
 * Forum replies counted in the spread of the story `article` starts or joins: those stored under any member's or
 * the item's own URL (a thread seen after its replies), plus the item itself when it replies to a member.
 */
export async function storyReplies(
  store: Pick<Store, 'countReplies'>,
  article: ProcessedArticle,
  members: readonly { url: string }[],
): Promise<number> {
  const urls = [...members.map((m) => m.url), article.url];
  const stored = await store.countReplies(urls);
  const repliesToMember = article.parentUrl !== undefined && members.some((m) => m.url === article.parentUrl);
  return stored + (repliesToMember ? 1 : 0);
}

/**
 * For a forum reply whose thread is stored in another story than `clusterId` (the reply's own): the thread
 * story's tips re-assessed with this reply counted, for IngestRecord.threadTips. Empty for any other item.
 */
export async function replyThreadTips(
  app: Pick<App, 'store' | 'activeRounds' | 'config'>,
  article: ProcessedArticle,
  clusterId: string,
  now: string,
  fresh?: FreshnessCheck,
): Promise<NewTip[]> {
  if (article.parentUrl === undefined) return [];
  // The pipeline gives an item the id of its normalized URL; parentUrl is normalized the same way.
  const thread = await app.store.getArticle(articleId(article.parentUrl));
  if (!thread || thread.clusterId === clusterId) return [];
  const members = await app.store.clusterArticles(thread.clusterId);
  const replies = (await app.store.countReplies(members.map((m) => m.url))) + 1;
  return threadTips(members, thread.clusterId, app.activeRounds(), now, app.config.teams, replies, fresh);
}
