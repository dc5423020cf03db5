// Search on Elasticsearch: the query from search-query.ts, cluster sizes counted per page, and snippets marked
// by Elasticsearch itself (highlight-request.ts), shaped like the SQLite backend's by highlight-response.ts.
import type { NormalizedSearchQuery } from '../query.js';
import { scopedHitFields } from '../scope.js';
import type { SearchHit, SearchResult } from '../store.js';
import { clusterSizes } from './articles.js';
import { tipScope } from './console-tips.js';
import { allOf, type EsContext, MAX_PAGE } from './context.js';
import type { ArticleDoc } from './docs.js';
import { hitHighlights } from './highlight-response.js';
import { scopeQuery, searchRequest } from './search-query.js';

/** Stories holding a tip in the status (of the round when given). */
async function tipClusters(ctx: EsContext, q: NormalizedSearchQuery): Promise<string[] | undefined> {
  if (q.tipStatus === undefined) return undefined;
  const res = await ctx.client.search({
    index: ctx.names.tips,
    size: 0,
    query: allOf([
      { term: { status: q.tipStatus } },
      ...(q.roundId !== undefined ? [{ term: { roundId: q.roundId } }] : []),
      // A scoped search asks only about tips inside the scope.
      ...(q.scope !== undefined ? [tipScope(q.scope)] : []),
    ]),
    aggs: { clusters: { terms: { field: 'clusterId', size: 65_000 } } },
  });
  const buckets = (res.aggregations?.clusters as { buckets?: { key: string }[] })?.buckets ?? [];
  return buckets.map((b) => b.key);
}

/** Run a normalized search: the total of all matches (stories when folded) and one page of hits. */
export async function searchArticles(ctx: EsContext, q: NormalizedSearchQuery): Promise<SearchResult> {
  const clusters = await tipClusters(ctx, q);
  if (clusters !== undefined && clusters.length === 0) return { total: 0, hits: [] };
  const request = searchRequest(ctx.names.articles, q, clusters);
  // Deep pages beyond the result window cannot be served; ask for none rather than fail.
  if ((q.offset ?? 0) + q.limit > MAX_PAGE) request.size = Math.max(0, MAX_PAGE - q.offset);
  const res = await ctx.client.search<ArticleDoc>(request);
  const matches = typeof res.hits.total === 'number' ? res.hits.total : (res.hits.total?.value ?? 0);
  const stories = (res.aggregations?.stories as { value?: number } | undefined)?.value;
  const total = q.foldClusters === true ? (stories ?? 0) : matches;
  const docs = res.hits.hits.flatMap((h) => (h._source ? [{ doc: h._source, hit: h }] : []));
  // A scoped search counts only the copies the scope may see.
  const sizes = await clusterSizes(
    ctx,
    docs.map((d) => d.doc.clusterId),
    q.scope === undefined ? undefined : scopeQuery(q.scope),
  );
  const hits: SearchHit[] = docs.map(({ doc, hit }) => {
    const copies = hit.inner_hits?.copies?.hits.total;
    const matched = typeof copies === 'number' ? copies : copies?.value;
    return {
      id: doc.id,
      title: doc.title,
      url: doc.url,
      source: doc.sourceName,
      sourceId: doc.sourceId,
      ...(doc.publishedAt === undefined ? {} : { publishedAt: doc.publishedAt }),
      ...scopedHitFields(doc, q.scope),
      clusterId: doc.clusterId,
      clusterSize: sizes.get(doc.clusterId) ?? 1,
      highlights: hitHighlights(doc.title, doc.body, hit.highlight),
      ...(q.foldClusters === true && matched !== undefined ? { matchedInCluster: matched } : {}),
    };
  });
  return { total, hits };
}
