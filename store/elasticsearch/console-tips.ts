// The console's tip board and hand-made tips (issue #6).
import type { estypes } from '@elastic/elasticsearch';
import { StoreError } from '../../core/errors.js';
import type { Tip, TipStatus } from '../../core/types.js';
import { clampInt } from '../query.js';
import type { ConsoleTipFilter, ConsoleTipList, ScopeEntry } from '../store.js';
import { allOf, type EsContext, getDoc, requireMs, searchDocs } from './context.js';
import { type ArticleDoc, fromTipDoc, type TipDoc, toTipDoc } from './docs.js';
import { TIPS_BOARD_ORDER, TIPS_DEFAULT_LIMIT, TIPS_MAX_LIMIT, tipFilters, tipKeyId } from './tips.js';

type Query = estypes.QueryDslQueryContainer;

/** All tip statuses, for zero-filled counts. */
export const TIP_STATUSES: readonly TipStatus[] = ['new', 'assigned', 'in_progress', 'closed', 'dismissed'];

/** A tip inside one of the scope entries (empty scope: nothing). */
export function tipScope(scope: readonly ScopeEntry[]): Query {
  const should: Query[] = scope.map((e) =>
    (e.unitIds ?? []).length === 0
      ? { term: { roundId: e.roundId } }
      : { bool: { filter: [{ term: { roundId: e.roundId } }, { terms: { unitId: e.unitIds ?? [] } }] } },
  );
  return should.length === 0
    ? { bool: { must_not: [{ match_all: {} }] } }
    : { bool: { should, minimum_should_match: 1 } };
}

function baseFilters(filter: ConsoleTipFilter): Query[] {
  const out = tipFilters({ ...filter, status: undefined });
  if (filter.clusterId !== undefined) out.push({ term: { clusterId: filter.clusterId } });
  if (filter.team !== undefined) out.push({ term: { team: filter.team } });
  if (filter.overdueAt !== undefined) {
    const ms = requireMs('overdueAt', filter.overdueAt);
    out.push({ terms: { status: ['assigned', 'in_progress'] } }, { range: { dueMs: { lt: ms } } });
  }
  if (filter.scope !== undefined) out.push(tipScope(filter.scope));
  return out;
}

/** Zero-filled counts of a terms aggregation over `status`. */
export function statusCounts(aggregation: unknown): Record<TipStatus, number> {
  const counts = Object.fromEntries(TIP_STATUSES.map((s) => [s, 0])) as Record<TipStatus, number>;
  for (const b of (aggregation as { buckets?: { key: string; doc_count: number }[] } | undefined)?.buckets ??
    []) {
    if ((TIP_STATUSES as readonly string[]).includes(b.key)) counts[b.key as TipStatus] = b.doc_count;
  }
  return counts;
}

/** Tips of the board, newest first, with the total and the per-status counts (same filter without status). */
export async function listConsoleTips(ctx: EsContext, filter: ConsoleTipFilter): Promise<ConsoleTipList> {
  const base = baseFilters(filter);
  const res = await ctx.client.search<TipDoc>({
    index: ctx.names.tips,
    query: allOf(base),
    size: 0,
    aggs: { status: { terms: { field: 'status', size: 10 } } },
  });
  const counts = statusCounts(res.aggregations?.status);
  const withStatus = filter.status === undefined ? base : [...base, { term: { status: filter.status } }];
  const size = clampInt(filter.limit, TIPS_DEFAULT_LIMIT, 0, TIPS_MAX_LIMIT);
  const from = clampInt(filter.offset, 0, 0, Number.MAX_SAFE_INTEGER);
  const { total, docs } = await searchDocs<TipDoc>(
    ctx,
    ctx.names.tips,
    allOf(withStatus),
    TIPS_BOARD_ORDER,
    size,
    from,
  );
  return { total, tips: docs.map(fromTipDoc), counts };
}

/** Store a hand-made tip under its article's cluster, without alerts; the (round, cluster, unit) lock decides. */
export async function createTip(ctx: EsContext, tip: Tip): Promise<Tip> {
  requireMs('createTip: createdAt', tip.createdAt);
  const article = await getDoc<ArticleDoc>(ctx, ctx.names.articles, tip.articleId);
  if (!article) throw new StoreError('E_STORE_NOT_FOUND', `createTip: no article ${tip.articleId}`);
  const clusterId = article.source.clusterId;
  const conflict = new StoreError(
    'E_STORE_CONFLICT',
    `createTip: the story already has a tip for ${tip.roundId}/${tip.unitId} (or the id ${tip.id} is taken)`,
  );
  if (await ctx.client.exists({ index: ctx.names.tips, id: tip.id })) throw conflict;
  try {
    await ctx.client.create({
      index: ctx.names.tipkeys,
      id: tipKeyId(tip.roundId, clusterId, tip.unitId),
      document: { tipId: tip.id },
      refresh: ctx.refresh,
    });
  } catch (error) {
    if ((error as { meta?: { statusCode?: number } }).meta?.statusCode === 409) throw conflict;
    throw error;
  }
  const stored: Tip = { ...tip, clusterId, updatedAt: tip.createdAt };
  await ctx.client.create({
    index: ctx.names.tips,
    id: tip.id,
    document: toTipDoc(stored, clusterId, ctx.nextSeq()),
    refresh: ctx.refresh,
  });
  return stored;
}
