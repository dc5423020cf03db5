// `yuqing store reindex` on Elasticsearch: re-segment every article with the current dictionary and update its
// token and gram fields in bulk (the original title and body are untouched).
import type { Segmenter } from '../../pipeline/types.js';
import { searchGrams } from '../search-grams.js';
import { type BulkOp, writeBulk } from './bulk.js';
import type { EsContext } from './context.js';
import { type ArticleDoc, esStoryBands } from './docs.js';
import { findSameStory } from './story.js';

/** Rewrite the search tokens of every article; returns how many. */
export async function reindexElasticsearch(
  ctx: EsContext,
  segmenter: Segmenter,
  onProgress?: (done: number, total: number) => void,
  batchSize = 500,
): Promise<number> {
  const total = (await ctx.client.count({ index: ctx.names.articles })).count;
  let after: (string | number)[] | undefined;
  let done = 0;
  for (;;) {
    const res = await ctx.client.search<{ id: string; title: string; body: string }>({
      index: ctx.names.articles,
      size: batchSize,
      sort: [{ seq: 'asc' }, { id: 'asc' }],
      _source: ['id', 'title', 'body'],
      ...(after && { search_after: after }),
    });
    const hits = res.hits.hits;
    if (hits.length === 0) break;
    const ops: BulkOp[] = hits.flatMap((h) => {
      const a = h._source;
      if (!a) return [];
      return [
        {
          op: 'update',
          index: ctx.names.articles,
          id: a.id,
          doc: {
            titleTokens: segmenter.cutForSearch(a.title).join(' '),
            bodyTokens: segmenter.cutForSearch(a.body).join(' '),
            titleGrams: searchGrams(a.title),
            bodyGrams: searchGrams(a.body),
            storyBands: esStoryBands(a.body),
          },
        },
      ];
    });
    await writeBulk(ctx, ops, false);
    done += ops.length;
    onProgress?.(done, total);
    after = hits[hits.length - 1]?.sort as (string | number)[];
  }
  await ctx.client.indices.refresh({ index: ctx.names.articles });
  await reclusterElasticsearch(ctx, batchSize);
  return done;
}

/**
 * Re-cluster by containment, oldest first: an item of the same story as an earlier item in another cluster moves
 * to that cluster (sizes are counted, so nothing else changes; tips stay on their cluster). Returns how many moved.
 */
export async function reclusterElasticsearch(ctx: EsContext, batchSize = 500): Promise<number> {
  let after: (string | number)[] | undefined;
  let moved = 0;
  for (;;) {
    const res = await ctx.client.search<Pick<ArticleDoc, 'id' | 'clusterId' | 'body' | 'seq' | 'storedMs'>>({
      index: ctx.names.articles,
      size: batchSize,
      sort: [{ storedMs: 'asc' }, { seq: 'asc' }, { id: 'asc' }],
      _source: ['id', 'clusterId', 'body', 'seq', 'storedMs'],
      ...(after && { search_after: after }),
    });
    const hits = res.hits.hits;
    if (hits.length === 0) break;
    for (const h of hits) {
      const a = h._source;
      if (!a) continue;
      const match = await findSameStory(ctx, a.body, { storedMs: a.storedMs, seq: a.seq });
      if (!match || match.clusterId === a.clusterId) continue;
      await ctx.client.update({
        index: ctx.names.articles,
        id: a.id,
        doc: { clusterId: match.clusterId },
        refresh: ctx.refresh,
      });
      moved++;
    }
    after = hits[hits.length - 1]?.sort as (string | number)[];
  }
  return moved;
}
