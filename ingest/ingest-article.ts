import { clusterTips } from '../alerts/escalation.js';
import { freshnessCheck } from '../alerts/freshness.js';
import type { ProblemLink } from '../core/ledger.js';
import type { ExtractedArticle, ProcessedArticle, Tip } from '../core/types.js';
import { NEAR_DUPLICATE_DISTANCE } from '../pipeline/simhash.js';
import { MIN_STORY_SHINGLES, storyShingles } from '../pipeline/story-shingles.js';
import type { Store } from '../store/store.js';
import type { App } from './app.js';
import { linksOf, matchRecurrence } from './ledger-step.js';
import type { IngestOutcome } from './results.js';
import { replyThreadTips, storyReplies } from './thread-tips.js';

/**
 * The stored story an item belongs to: the same text, else containment of shingles (lead-ins, trailers, new
 * headlines and truncation do not split a story). SimHash decides only for a body too short to judge by
 * containment.
 */
export async function findStory(
  store: Store,
  processed: ProcessedArticle,
): Promise<{ articleId: string; clusterId: string } | undefined> {
  const exact = await store.findByContentHash(processed.contentHash);
  if (exact) return exact;
  if (storyShingles(processed.body).size < MIN_STORY_SHINGLES) {
    return store.findNearDuplicate(processed.simhash, NEAR_DUPLICATE_DISTANCE);
  }
  return store.findSameStory(processed.body);
}

/** Pipeline + dedup + routing + atomic store write for one article, and what that did. */
export async function ingestArticle(app: App, article: ExtractedArticle): Promise<IngestOutcome> {
  // Recurrence matching runs after the assessment, on the scorer's result (issue 20).
  const recurrence = await matchRecurrence(app, app.process(article));
  const processed = recurrence.article;
  const existing = await findStory(app.store, processed);
  const clusterId = existing?.clusterId ?? processed.id;
  const now = new Date().toISOString();
  // The story's stored items decide its spread; the ingest queue keeps this read and the write together.
  const members = existing ? await app.store.clusterArticles(existing.clusterId) : [];
  // Forum replies under the story's threads raise its spread; a reply to another story's thread raises that one's.
  const replies = await storyReplies(app.store, processed, members);
  const { settings } = app.config;
  const policy = { maxAgeDays: settings.alerts.maxAgeDays, timezone: settings.timezone };
  const fresh = freshnessCheck(policy, new Date(now));
  const rounds = app.activeRounds();
  const tips = clusterTips(processed, members, clusterId, rounds, now, app.config.teams, replies, fresh);
  const threadTips = await replyThreadTips(app, processed, clusterId, now, fresh);
  const result = await app.store.ingest({
    article: processed,
    joinClusterId: existing?.clusterId,
    recheckStory: existing === undefined,
    tips,
    ...(threadTips.length > 0 && { threadTips }),
  });
  if (!result.inserted) return { inserted: false };
  await recordLinks(app, linksOf(recurrence, result.clusterId, now));
  const created = tips.filter(({ tip }) => result.createdTipIds.includes(tip.id));
  const problems = await tipProblems(
    app,
    created.map(({ tip }) => tip),
  );
  const summaries = created.map(({ tip }, i) => ({
    id: tip.id,
    round: tip.roundId,
    unit: tip.unitId,
    unitName: tip.unitName,
    level: tip.level,
    score: tip.score,
    title: tip.title,
    url: tip.url,
    problems: problems[i] ?? [],
  }));
  if (result.escalatedTipIds?.length) {
    app.logger.info(
      { component: 'cycle', cluster: result.clusterId, tips: result.escalatedTipIds },
      'story level rose: upgrade alerts queued',
    );
  }
  if (result.realertTipIds?.length) {
    app.logger.info(
      { component: 'cycle', cluster: result.clusterId, tips: result.realertTipIds },
      'story active again after the realert wait: re-alerts queued',
    );
  }
  app.logger.debug(
    { component: 'cycle', url: processed.url, level: processed.level, cluster: result.clusterId },
    'article stored',
  );
  return { inserted: true, duplicate: existing !== undefined, tips: summaries };
}

// A link that fails to be written is logged, not fatal: the item and its tips are stored already.
async function recordLinks(app: App, links: ProblemLink[]): Promise<void> {
  if (links.length === 0) return;
  try {
    await app.store.ledger.addLinks(links);
    app.logger.info(
      { component: 'cycle', article: links[0]?.articleId, problems: links.map((l) => l.problemId) },
      'item linked to rectification problems',
    );
  } catch (err) {
    app.logger.error({ component: 'cycle', err }, 'problem links not stored');
  }
}

async function tipProblems(app: App, tips: readonly Tip[]): Promise<string[][]> {
  if (tips.length === 0) return [];
  return app.store.ledger.problemsForTips(tips);
}
