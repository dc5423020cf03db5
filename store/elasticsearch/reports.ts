// Aggregations for the 舆情简报 and the situation dashboard: unit × level counts through the nested unit
// references, a daily trend in the configured offset, source types, tip backlog and top stories.
import type { estypes } from '@elastic/elasticsearch';
import { StoreError } from '../../core/errors.js';
import { LEVELS, type Level } from '../../core/types.js';
import type {
  DashboardData,
  DashboardQuery,
  ReportData,
  ReportDataScope,
  TopStory,
  UnitLevelCounts,
} from '../store.js';
import { getClusters } from './articles.js';
import { statusCounts } from './console-tips.js';
import { allOf, type EsContext, requireMs, searchDocs } from './context.js';
import type { ArticleDoc } from './docs.js';
import { fromTipDoc, type TipDoc } from './docs.js';
import { offsetZone } from './sources.js';

type Query = estypes.QueryDslQueryContainer;
type Buckets<T = unknown> = { buckets: ({ key: string; doc_count: number } & T)[] };

/** Stories considered for the top 10 (largest by matching items first). */
const STORY_CANDIDATES = 500;
const TERM_SAMPLE = 2000;
const TOP_TERMS = 60;
const WORD = /^(?=.*[\p{Script=Han}])[\p{L}\p{N}]{2,}$|^[A-Za-z]{4,}$/u;

function emptyCounts(): Record<Level, number> {
  return { red: 0, orange: 0, yellow: 0, green: 0 };
}

/** Articles of a round (and units) in [fromMs, toMs]: the nested unit references carry round and unit. */
export function roundArticles(
  roundId: string,
  fromMs: number,
  toMs: number,
  unitIds?: readonly string[],
): Query {
  const unitFilter: Query[] = [{ term: { 'unitRefs.roundId': roundId } }];
  if (unitIds !== undefined) unitFilter.push({ terms: { 'unitRefs.unitId': [...unitIds] } });
  return allOf([
    { nested: { path: 'unitRefs', query: { bool: { filter: unitFilter } } } },
    { range: { timeMs: { gte: fromMs, lte: toMs, format: 'epoch_millis' } } },
  ]);
}

/**
 * unit → level counts, per nested unit reference of the round: the level is the item's assessment for that
 * round, never its best over all rounds (another round's verdict must not colour this round's numbers).
 */
function unitLevelAgg(
  roundId: string,
  unitIds?: readonly string[],
): Record<string, estypes.AggregationsAggregationContainer> {
  const filter: Query[] = [{ term: { 'unitRefs.roundId': roundId } }];
  if (unitIds !== undefined) filter.push({ terms: { 'unitRefs.unitId': [...unitIds] } });
  return {
    refs: {
      nested: { path: 'unitRefs' },
      aggs: {
        round: {
          filter: { bool: { filter } },
          aggs: {
            units: {
              terms: { field: 'unitRefs.unitId', size: 10_000, order: { _key: 'asc' } },
              aggs: { levels: { terms: { field: 'unitRefs.level', size: 4 } } },
            },
          },
        },
      },
    },
  };
}

function readUnitLevels(aggs: unknown): UnitLevelCounts[] {
  type Unit = { levels?: Buckets };
  const units = (aggs as { refs?: { round?: { units?: Buckets<Unit> } } })?.refs?.round?.units?.buckets ?? [];
  return units.map((u) => {
    const counts = emptyCounts();
    for (const l of u.levels?.buckets ?? []) {
      if ((LEVELS as readonly string[]).includes(l.key)) counts[l.key as Level] += l.doc_count;
    }
    return { unitId: u.key, counts };
  });
}

/** Per bucket of an outer aggregation: the items by their level for the round, each counted once. */
function roundLevelAgg(roundId: string): Record<string, estypes.AggregationsAggregationContainer> {
  return {
    refs: {
      nested: { path: 'unitRefs' },
      aggs: {
        round: {
          filter: { term: { 'unitRefs.roundId': roundId } },
          aggs: {
            levels: {
              terms: { field: 'unitRefs.level', size: 4, order: { _key: 'asc' } },
              aggs: { a: { reverse_nested: {} } },
            },
          },
        },
      },
    },
  };
}

/** Up to `size` stories of the articles `query` matches, each with the round units those articles name. */
async function storyUnits(
  ctx: EsContext,
  query: Query,
  roundId: string,
  size: number,
): Promise<Map<string, string[]>> {
  const res = await ctx.client.search({
    index: ctx.names.articles,
    size: 0,
    query,
    aggs: {
      stories: {
        terms: { field: 'clusterId', size },
        aggs: {
          refs: {
            nested: { path: 'unitRefs' },
            aggs: {
              round: {
                filter: { term: { 'unitRefs.roundId': roundId } },
                aggs: { units: { terms: { field: 'unitRefs.unitId', size: 1000 } } },
              },
            },
          },
        },
      },
    },
  });
  type Story = { refs: { round: { units: Buckets } } };
  const stories = (res.aggregations?.stories as Buckets<Story> | undefined)?.buckets ?? [];
  return new Map(stories.map((s) => [s.key, s.refs.round.units.buckets.map((u) => u.key).sort()]));
}

/** Each story's earliest-published article (its first source: a copy is often crawled before its original). */
async function earliestArticles(ctx: EsContext, ids: string[]): Promise<Map<string, ArticleDoc>> {
  const res = await ctx.client.search({
    index: ctx.names.articles,
    size: 0,
    query: { terms: { clusterId: ids } },
    aggs: {
      c: {
        terms: { field: 'clusterId', size: ids.length },
        aggs: { first: { top_hits: { size: 1, sort: [{ timeMs: 'asc' }, { id: 'asc' }] } } },
      },
    },
  });
  type First = { first: { hits: { hits: { _source?: ArticleDoc }[] } } };
  const buckets = (res.aggregations?.c as Buckets<First> | undefined)?.buckets ?? [];
  return new Map(
    buckets.flatMap((b) => {
      const doc = b.first.hits.hits[0]?._source;
      return doc === undefined ? [] : [[b.key, doc] as const];
    }),
  );
}

/** Distinct articles of the round (and units) by level: an article naming several units counts once. */
async function articleLevels(ctx: EsContext, query: Query, roundId: string): Promise<Record<Level, number>> {
  const res = await ctx.client.search({
    index: ctx.names.articles,
    size: 0,
    query,
    aggs: roundLevelAgg(roundId),
  });
  type LevelBucket = { a: { doc_count: number } };
  const counts = emptyCounts();
  const agg = res.aggregations as { refs?: { round?: { levels?: Buckets<LevelBucket> } } } | undefined;
  for (const b of agg?.refs?.round?.levels?.buckets ?? []) {
    if ((LEVELS as readonly string[]).includes(b.key)) counts[b.key as Level] += b.a.doc_count;
  }
  return counts;
}

/**
 * The top stories of the round's articles in [fromMs, toMs]; with `unitIds`, among stories with an article
 * naming one of them, each still listing every round unit its articles in the period name (as unscoped).
 */
async function topStories(
  ctx: EsContext,
  roundId: string,
  fromMs: number,
  toMs: number,
  unitIds?: readonly string[],
): Promise<TopStory[]> {
  const round = roundArticles(roundId, fromMs, toMs);
  const candidates = await storyUnits(
    ctx,
    unitIds === undefined ? round : roundArticles(roundId, fromMs, toMs, unitIds),
    roundId,
    STORY_CANDIDATES,
  );
  if (candidates.size === 0) return [];
  const ids = [...candidates.keys()];
  const unitsOf =
    unitIds === undefined
      ? candidates
      : await storyUnits(ctx, allOf([round, { terms: { clusterId: ids } }]), roundId, ids.length);
  const clusters = await getClusters(ctx, ids);
  const sites = await ctx.client.search({
    index: ctx.names.articles,
    size: 0,
    query: { terms: { clusterId: ids } },
    aggs: {
      c: {
        terms: { field: 'clusterId', size: ids.length },
        aggs: { sites: { cardinality: { field: 'sourceName' } } },
      },
    },
  });
  const siteCount = new Map(
    ((sites.aggregations?.c as Buckets<{ sites: { value: number } }>)?.buckets ?? []).map((b) => [
      b.key,
      b.sites.value,
    ]),
  );
  const firsts = await earliestArticles(ctx, ids);
  const rows = ids.flatMap((id) => {
    const c = clusters.get(id);
    const f = c && firsts.get(c.id);
    if (!c || !f) return [];
    const story: TopStory = {
      clusterId: c.id,
      title: f.title,
      url: f.url,
      sourceName: f.sourceName,
      ...(f.publishedAt !== undefined && { publishedAt: f.publishedAt }),
      size: c.size,
      sites: siteCount.get(c.id) ?? 1,
      level: c.level,
      unitIds: unitsOf.get(id) ?? candidates.get(id) ?? [],
    };
    return [{ story, rank: LEVELS.length - LEVELS.indexOf(c.level), timeMs: f.timeMs }];
  });
  rows.sort(
    (a, b) =>
      b.story.size - a.story.size ||
      b.story.sites - a.story.sites ||
      b.rank - a.rank ||
      b.timeMs - a.timeMs ||
      a.story.clusterId.localeCompare(b.story.clusterId),
  );
  return rows.slice(0, 10).map((r) => r.story);
}

/** Everything a report of `roundId` over [from, to] needs; `scope` limits it to some units. */
export async function reportData(
  ctx: EsContext,
  roundId: string,
  from: string,
  to: string,
  scope?: ReportDataScope,
): Promise<ReportData> {
  const fromMs = requireMs('reportData.from', from);
  const toMs = requireMs('reportData.to', to);
  if (fromMs > toMs) throw new StoreError('E_STORE_INPUT', `reportData: from ${from} is after to ${to}`);
  const unitIds = scope?.unitIds;
  const levels = await ctx.client.search({
    index: ctx.names.articles,
    size: 0,
    query: roundArticles(roundId, fromMs, toMs, unitIds),
    aggs: unitLevelAgg(roundId, unitIds),
  });
  const ofUnits: Query[] = unitIds === undefined ? [] : [{ terms: { unitId: [...unitIds] } }];
  const tips = await searchDocs<TipDoc>(
    ctx,
    ctx.names.tips,
    allOf([
      { term: { roundId } },
      ...ofUnits,
      { range: { createdMs: { gte: fromMs, lte: toMs, format: 'epoch_millis' } } },
    ]),
    [{ createdMs: 'asc' }, { seq: 'asc' }],
    500,
  );
  const backlog = await ctx.client.search({
    index: ctx.names.tips,
    size: 0,
    query: unitIds === undefined ? { term: { roundId } } : allOf([{ term: { roundId } }, ...ofUnits]),
    aggs: { status: { terms: { field: 'status', size: 10 } } },
  });
  return {
    roundId,
    from,
    to,
    unitLevels: readUnitLevels(levels.aggregations),
    newTips: tips.docs.map(fromTipDoc),
    topStories: await topStories(ctx, roundId, fromMs, toMs, unitIds),
    articleLevels: await articleLevels(ctx, roundArticles(roundId, fromMs, toMs, unitIds), roundId),
    tipStatusCounts: statusCounts(backlog.aggregations?.status),
  };
}

/** Dashboard numbers of one round over [from, to]. */
export async function dashboardData(ctx: EsContext, q: DashboardQuery): Promise<DashboardData> {
  const fromMs = requireMs('dashboardData.from', q.from);
  const toMs = requireMs('dashboardData.to', q.to);
  const query = roundArticles(q.roundId, fromMs, toMs, q.unitIds);
  const res = await ctx.client.search<Pick<ArticleDoc, 'titleTokens' | 'assessments'>>({
    index: ctx.names.articles,
    size: TERM_SAMPLE,
    query,
    sort: [{ timeMs: 'desc' }, { seq: 'desc' }],
    _source: ['titleTokens', 'assessments'],
    aggs: {
      ...unitLevelAgg(q.roundId, q.unitIds),
      trend: {
        date_histogram: {
          field: 'timeMs',
          calendar_interval: 'day',
          time_zone: offsetZone(q.utcOffsetMinutes),
          format: 'yyyy-MM-dd',
          min_doc_count: 1,
        },
        aggs: roundLevelAgg(q.roundId),
      },
      sourceTypes: { terms: { field: 'sourceType', size: 20 } },
    },
  });
  const tipFilter: Query[] = [
    { term: { roundId: q.roundId } },
    { terms: { status: ['new', 'assigned', 'in_progress'] } },
  ];
  if (q.unitIds !== undefined) tipFilter.push({ terms: { unitId: [...q.unitIds] } });
  const open = await ctx.client.search({
    index: ctx.names.tips,
    size: 0,
    query: allOf(tipFilter),
    aggs: {
      units: {
        terms: { field: 'unitId', size: 10_000, order: { _key: 'asc' } },
        aggs: { levels: { terms: { field: 'level', size: 4 } } },
      },
    },
  });
  const openTips = ((open.aggregations?.units as Buckets<{ levels: Buckets }>)?.buckets ?? []).map((u) => {
    const counts = emptyCounts();
    for (const l of u.levels.buckets)
      if ((LEVELS as readonly string[]).includes(l.key)) counts[l.key as Level] += l.doc_count;
    return { unitId: u.key, counts };
  });
  type Day = { key_as_string: string; refs?: { round?: { levels?: Buckets<{ a: { doc_count: number } }> } } };
  const trend = ((res.aggregations?.trend as Buckets<Day>)?.buckets ?? []).flatMap((d) =>
    (d.refs?.round?.levels?.buckets ?? []).map((l) => ({
      day: d.key_as_string,
      level: l.key as Level,
      count: l.a.doc_count,
    })),
  );
  const sourceTypes = ((res.aggregations?.sourceTypes as Buckets)?.buckets ?? []).map((b) => ({
    type: b.key,
    count: b.doc_count,
  }));
  return {
    unitLevels: readUnitLevels(res.aggregations),
    openTips,
    trend,
    sourceTypes,
    topTerms: topTerms(
      res.hits.hits.flatMap((h) => (h._source ? [h._source] : [])),
      q.roundId,
    ),
  };
}

/** Risk terms the scorer hit (weighted ×3) plus title words of the newest items (as the SQLite store). */
function topTerms(
  docs: Pick<ArticleDoc, 'titleTokens' | 'assessments'>[],
  roundId: string,
): { term: string; count: number }[] {
  const counts = new Map<string, number>();
  const add = (term: string, n: number) => counts.set(term, (counts.get(term) ?? 0) + n);
  for (const doc of docs) {
    for (const word of new Set(doc.titleTokens.split(' '))) if (WORD.test(word)) add(word, 1);
    const hit = new Set<string>();
    for (const a of doc.assessments)
      if (a.roundId === roundId) for (const p of a.parts ?? []) if (p.term) hit.add(p.term);
    for (const term of hit) add(term, 3);
  }
  return [...counts]
    .map(([term, count]) => ({ term, count }))
    .sort((a, b) => b.count - a.count || a.term.localeCompare(b.term))
    .slice(0, TOP_TERMS);
}
