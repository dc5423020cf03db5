// Article and cluster lookups: known URLs, exact and near duplicates, clusters and their counted sizes.
import type { estypes } from '@elastic/elasticsearch';
import { hammingDistance, MAX_BANDED_DISTANCE, normalizeSimhash, simhashBands } from '../simhash.js';
import type { Cluster, StoredArticle } from '../store.js';
import { allOf, countDocs, type EsContext, getDoc, getDocs, MAX_PAGE, searchDocs } from './context.js';
import { type ArticleDoc, type ClusterDoc, fromArticleDoc, fromClusterDoc } from './docs.js';

const URL_BATCH = 1000;
/** Oldest first: insertion order across instances (stored time, then the per-process sequence). */
const FIRST_FIRST: estypes.SortCombinations[] = [{ storedMs: 'asc' }, { seq: 'asc' }, { id: 'asc' }];

/** The subset of `urls` already stored. */
export async function knownUrls(ctx: EsContext, urls: readonly string[]): Promise<Set<string>> {
  const known = new Set<string>();
  const unique = [...new Set(urls)];
  for (let i = 0; i < unique.length; i += URL_BATCH) {
    const batch = unique.slice(i, i + URL_BATCH);
    const res = await ctx.client.search<{ url: string }>({
      index: ctx.names.articles,
      query: { terms: { url: batch } },
      _source: ['url'],
      size: batch.length,
    });
    for (const hit of res.hits.hits) if (hit._source) known.add(hit._source.url);
  }
  return known;
}

/** The earliest stored article with this content hash. */
export async function findByContentHash(ctx: EsContext, contentHash: string) {
  const { docs } = await searchDocs<ArticleDoc>(
    ctx,
    ctx.names.articles,
    { term: { contentHash } },
    FIRST_FIRST,
    1,
  );
  const doc = docs[0];
  return doc && { articleId: doc.id, clusterId: doc.clusterId };
}

/**
 * The closest article within `maxDistance` bits: up to distance 4 only articles sharing a SimHash band (exact
 * by the pigeonhole principle); beyond, every stored SimHash is scanned. Ties go to the earliest stored.
 */
export async function findNearDuplicate(ctx: EsContext, simhash: string, maxDistance: number) {
  const target = normalizeSimhash(simhash);
  if (!(maxDistance >= 0)) return undefined;
  const query =
    maxDistance <= MAX_BANDED_DISTANCE
      ? { terms: { bands: simhashBands(target).map((b, i) => `${i}:${b}`) } }
      : { match_all: {} };
  let best: { articleId: string; clusterId: string; distance: number } | undefined;
  let after: (string | number)[] | undefined;
  for (;;) {
    const res = await ctx.client.search<Pick<ArticleDoc, 'id' | 'clusterId' | 'simhash'>>({
      index: ctx.names.articles,
      query,
      _source: ['id', 'clusterId', 'simhash'],
      sort: FIRST_FIRST,
      size: MAX_PAGE,
      ...(after && { search_after: after }),
    });
    for (const hit of res.hits.hits) {
      const c = hit._source;
      if (!c) continue;
      const distance = hammingDistance(target, c.simhash);
      if (distance <= maxDistance && (!best || distance < best.distance)) {
        best = { articleId: c.id, clusterId: c.clusterId, distance };
        if (distance === 0) return best;
      }
    }
    const last = res.hits.hits[res.hits.hits.length - 1];
    if (!last || res.hits.hits.length < MAX_PAGE) return best;
    after = last.sort as (string | number)[];
  }
}

/** One article by id. */
export async function getArticle(ctx: EsContext, id: string): Promise<StoredArticle | undefined> {
  const doc = await getDoc<ArticleDoc>(ctx, ctx.names.articles, id);
  return doc && fromArticleDoc(doc.source);
}

/** Articles per cluster id, counted (the cluster size). */
export async function clusterSizes(
  ctx: EsContext,
  clusterIds: readonly string[],
  inScope?: estypes.QueryDslQueryContainer,
): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  const unique = [...new Set(clusterIds)];
  if (unique.length === 0) return sizes;
  const res = await ctx.client.search({
    index: ctx.names.articles,
    size: 0,
    query:
      inScope === undefined
        ? { terms: { clusterId: unique } }
        : allOf([{ terms: { clusterId: unique } }, inScope]),
    aggs: { clusters: { terms: { field: 'clusterId', size: unique.length } } },
  });
  const buckets =
    (res.aggregations?.clusters as { buckets?: { key: string; doc_count: number }[] })?.buckets ?? [];
  for (const b of buckets) sizes.set(b.key, b.doc_count);
  return sizes;
}

/** One cluster by id, with its size. */
export async function getCluster(ctx: EsContext, id: string): Promise<Cluster | undefined> {
  const doc = await getDoc<ClusterDoc>(ctx, ctx.names.clusters, id);
  if (!doc) return undefined;
  const size = await countDocs(ctx, ctx.names.articles, { term: { clusterId: id } });
  return fromClusterDoc(doc.source, size);
}

/** Clusters by id (missing ones left out), with sizes. */
export async function getClusters(ctx: EsContext, ids: readonly string[]): Promise<Map<string, Cluster>> {
  const docs = await getDocs<ClusterDoc>(ctx, ctx.names.clusters, ids);
  const sizes = await clusterSizes(ctx, [...docs.keys()]);
  return new Map([...docs].map(([id, doc]) => [id, fromClusterDoc(doc, sizes.get(id) ?? 0)]));
}

/** The articles of a cluster in the order they were stored. */
export async function clusterArticles(ctx: EsContext, clusterId: string): Promise<StoredArticle[]> {
  const { docs } = await searchDocs<ArticleDoc>(
    ctx,
    ctx.names.articles,
    { term: { clusterId } },
    FIRST_FIRST,
  );
  return docs.map(fromArticleDoc);
}

/** Stored forum replies whose thread URL is one of `threadUrls`. */
export async function countReplies(ctx: EsContext, threadUrls: readonly string[]): Promise<number> {
  const unique = [...new Set(threadUrls)];
  if (unique.length === 0) return 0;
  return countDocs(ctx, ctx.names.articles, { terms: { parentUrl: unique } });
}
