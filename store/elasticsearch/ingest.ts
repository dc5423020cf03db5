// Ingest on Elasticsearch, without transactions. Every write is idempotent and the article document is the
// commit marker, written last:
//   1. the article id (derived from the URL) already stored → nothing to do (inserted: false);
//   2. cluster: a new story's cluster document is created with `op_type: create` (id = first article id); a
//      joined one only has its level raised by a script that never lowers it. Sizes are counted, not kept;
//   3. tips: the (round, cluster, unit) lock is created once (tips.ts); tips and outbox rows have derived ids
//      and go in one bulk request with `op_type: create`;
//   4. the article document, created with `op_type: create` and `refresh: wait_for`.
// A crash between steps leaves no article, so the retry runs again: steps 2–3 find their documents and
// create nothing twice (an alert refused with 409 already exists), and step 4 completes the ingest.
import { StoreError } from '../../core/errors.js';
import { levelRank, type ProcessedArticle } from '../../core/types.js';
import type { IngestRecord, IngestResult, NewTip } from '../store.js';
import { clusterSizes } from './articles.js';
import { type BulkOp, writeBulk } from './bulk.js';
import { type EsContext, getDoc, isConflict } from './context.js';
import { type ArticleDoc, type ClusterDoc, toArticleDoc, toTipDoc } from './docs.js';
import { findSameStory } from './story.js';
import { type TipWrite, writeTip } from './tips.js';

/** Store one item, its cluster membership, tips and outbox rows (see the file comment for atomicity). */
export async function ingestRecord(ctx: EsContext, record: IngestRecord, now: string): Promise<IngestResult> {
  const article = record.article;
  const stored = await getDoc<ArticleDoc>(ctx, ctx.names.articles, article.id);
  if (stored) return notInserted(ctx, stored.source);
  // Bad input is refused before the first write, as the SQLite transaction would roll it back.
  const doc = toArticleDoc(article, '', now, ctx.nextSeq());
  // Without transactions the re-check is only as late as possible: just before the cluster would be created.
  const joinClusterId =
    record.joinClusterId ??
    (record.recheckStory ? (await findSameStory(ctx, article.body))?.clusterId : undefined);
  const clusterId = joinClusterId ?? article.id;
  const writes: { newTip: NewTip; cluster: string }[] = [
    ...record.tips.map((newTip) => ({ newTip, cluster: clusterId })),
    ...(record.threadTips ?? []).map((newTip) => ({ newTip, cluster: newTip.tip.clusterId })),
  ];
  for (const { newTip, cluster } of writes) {
    toTipDoc(newTip.tip, cluster, 0);
    if (cluster !== clusterId && !(await getDoc(ctx, ctx.names.clusters, cluster))) {
      throw new StoreError(
        'E_STORE_NOT_FOUND',
        `ingest: thread tip ${newTip.tip.id}: cluster ${cluster} does not exist`,
      );
    }
  }
  if (joinClusterId) await joinCluster(ctx, joinClusterId, article, now);
  else await createCluster(ctx, article, now);
  const results: TipWrite[] = [];
  for (const { newTip, cluster } of writes) results.push(await writeTip(ctx, newTip, cluster, now));
  const ops = dedupeOps(results.flatMap((r) => r.ops));
  const outcomes = await writeBulk(ctx, ops);
  // A tip another instance created first (its create won) is not ours to report as created.
  for (const r of results) {
    const i = ops.findIndex((op) => op.index === ctx.names.tips && op.id === r.tipId);
    if (r.outcome === 'created' && i >= 0 && outcomes[i] === 'exists') r.outcome = 'unchanged';
  }
  try {
    await ctx.client.create({
      index: ctx.names.articles,
      id: article.id,
      document: { ...doc, clusterId },
      refresh: ctx.refresh,
    });
  } catch (error) {
    // Another instance stored the same URL meanwhile: its ingest counts, ours wrote only idempotent records.
    if (!isConflict(error)) throw error;
    const winner = await getDoc<ArticleDoc>(ctx, ctx.names.articles, article.id);
    if (winner) return notInserted(ctx, winner.source);
    throw error;
  }
  const size = (await clusterSizes(ctx, [clusterId])).get(clusterId) ?? 1;
  const pick = (outcome: TipWrite['outcome']) => [
    ...new Set(results.filter((r) => r.outcome === outcome).map((r) => r.tipId)),
  ];
  const escalatedTipIds = pick('escalated');
  const realertTipIds = pick('realerted');
  return {
    articleId: article.id,
    clusterId,
    inserted: true,
    clusterSize: size,
    createdTipIds: pick('created'),
    ...(escalatedTipIds.length > 0 && { escalatedTipIds }),
    ...(realertTipIds.length > 0 && { realertTipIds }),
  };
}

async function notInserted(ctx: EsContext, doc: ArticleDoc): Promise<IngestResult> {
  const size = (await clusterSizes(ctx, [doc.clusterId])).get(doc.clusterId) ?? 1;
  return {
    articleId: doc.id,
    clusterId: doc.clusterId,
    inserted: false,
    clusterSize: size,
    createdTipIds: [],
  };
}

/** Two routed tips of one ingest can queue the same alert id; one write per id is enough. */
function dedupeOps(ops: BulkOp[]): BulkOp[] {
  const seen = new Set<string>();
  return ops.filter((op) => {
    const key = `${op.index}\u0000${op.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function createCluster(ctx: EsContext, article: ProcessedArticle, now: string): Promise<void> {
  const doc: ClusterDoc = {
    id: article.id,
    firstArticleId: article.id,
    level: article.level,
    levelRank: levelRank(article.level),
    createdAt: now,
    updatedAt: now,
  };
  try {
    await ctx.client.create({
      index: ctx.names.clusters,
      id: article.id,
      document: doc,
      refresh: ctx.refresh,
    });
  } catch (error) {
    if (!isConflict(error)) throw error;
  }
}

/** Raise the joined cluster's level (never lower it) and touch updatedAt; E_STORE_NOT_FOUND when unknown. */
async function joinCluster(
  ctx: EsContext,
  clusterId: string,
  article: ProcessedArticle,
  now: string,
): Promise<void> {
  try {
    await ctx.client.update({
      index: ctx.names.clusters,
      id: clusterId,
      script: {
        lang: 'painless',
        source: `if (params.rank > ctx._source.levelRank) { ctx._source.level = params.level; ctx._source.levelRank = params.rank; }
ctx._source.updatedAt = params.now;`,
        params: { rank: levelRank(article.level), level: article.level, now },
      },
      refresh: ctx.refresh,
      retry_on_conflict: 5,
    });
  } catch (error) {
    const status = (error as { meta?: { statusCode?: number } }).meta?.statusCode;
    if (status === 404)
      throw new StoreError('E_STORE_NOT_FOUND', `ingest: cluster ${clusterId} to join does not exist`);
    throw error;
  }
}
