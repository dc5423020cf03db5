// `yuqing store reindex` on Elasticsearch: re-segment every article with the current dictionary and update its
// token and gram fields in bulk (the original title and body are untouched).
import type { Segmenter } from '../../pipeline/types.js';
import { searchGrams } from '../search-grams.js';
import { type BulkOp, writeBulk } from './bulk.js';
import type { EsContext } from './context.js';

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
  return done;
}
