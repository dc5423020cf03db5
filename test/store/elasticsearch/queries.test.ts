// The queries the Elasticsearch store sends, checked offline through a recording client connection: terms,
// filters, time bounds, sort, folding, highlight output and the dashboard aggregations.
import { describe, expect, it } from 'vitest';
import { makeArticle, makeAssessment } from '../fixtures.js';
import { article, openStore } from './offline-store.js';

describe('Elasticsearch store queries (offline, recording connection)', () => {
  it('searches tokens as a phrase or grams as a phrase, with filters, time bounds in epoch ms and sort', async () => {
    const { store, requests } = await openStore();
    await store.search({
      terms: ['住建局', '局'],
      roundId: 'r1',
      unitId: 'u1',
      minLevel: 'orange',
      sourceType: 'html',
      from: '2025-05-13',
      to: '2025-05-13T12:00:00+08:00',
      sort: 'score',
      limit: 5,
      offset: 10,
    });
    const body = requests.find((r) => r.path === '/yq-articles/_search')?.body as Record<string, never>;
    const json = JSON.stringify(body);
    expect(json).toContain(
      '{"match_phrase":{"titleTokens":{"query":"住建局","analyzer":"yuqing_whitespace"}}}',
    );
    expect(json).toContain(
      '{"match_phrase":{"bodyGrams":{"query":"住建 建局","analyzer":"yuqing_whitespace"}}}',
    );
    expect(json).toContain('{"prefix":{"titleGrams":{"value":"局"}}}');
    expect(json).toContain('{"term":{"roundUnits":"r1\\u0000u1"}}');
    expect(json).toContain('{"range":{"levelRank":{"gte":2}}}');
    // A date-only bound is the whole day in China time, sent as epoch milliseconds.
    expect(json).toContain(`"gte":${Date.parse('2025-05-13T00:00:00+08:00')}`);
    expect(json).toContain(`"lte":${Date.parse('2025-05-13T12:00:00+08:00')}`);
    expect(body).toMatchObject({
      from: 10,
      size: 5,
      track_total_hits: true,
      sort: [{ score: 'desc' }, { timeMs: 'desc' }, { seq: 'desc' }],
    });
  });

  it('sends exact phrases verbatim, exclusions as must_not, and folds stories with collapse', async () => {
    const { store, requests } = await openStore();
    await store.search({
      terms: [],
      phrases: ['工程款'],
      exclude: ['表彰'],
      anyOf: [['收费', '欠薪']],
      foldClusters: true,
    });
    const body = requests.find((r) => r.path === '/yq-articles/_search')?.body as Record<string, never>;
    const json = JSON.stringify(body);
    expect(json).toContain('{"wildcard":{"title.verbatim":{"value":"*工程款*","case_insensitive":true}}}');
    expect(
      JSON.stringify((body as unknown as { query: { bool: { must_not: unknown } } }).query.bool.must_not),
    ).toContain('表彰');
    expect(body).toMatchObject({
      collapse: { field: 'clusterId', inner_hits: { name: 'copies', size: 0 } },
      aggs: { stories: { cardinality: { field: 'clusterId' } } },
    });
  });

  it('returns the highlights Elasticsearch marked, re-escaped and merged, title first', async () => {
    const source = {
      ...article,
      title: '学校<script>收费</script>',
      body: '资料费 & 收费',
      clusterId: 'c1',
      assessments: [],
    };
    const { store, requests } = await openStore((r) =>
      r.path === '/yq-articles/_search' && (r.body as { size?: number }).size !== 0
        ? {
            body: {
              hits: {
                total: { value: 1, relation: 'eq' },
                hits: [
                  {
                    _id: source.id,
                    _source: source,
                    // As the html encoder writes it: / as &#x2F;, one mark per Chinese character.
                    highlight: {
                      title: ['学校&lt;script&gt;<mark>收</mark><mark>费</mark>&lt;&#x2F;script&gt;'],
                      body: ['资料费 &amp; <mark>收</mark><mark>费</mark>'],
                    },
                  },
                ],
              },
            },
          }
        : undefined,
    );
    const { hits } = await store.search({ terms: ['收费'] });
    expect(hits[0]?.highlights).toEqual([
      '学校&lt;script&gt;<mark>收费</mark>&lt;/script&gt;',
      '资料费 &amp; <mark>收费</mark>',
    ]);
    const body = requests.find((r) => r.path === '/yq-articles/_search')?.body as { highlight?: unknown };
    expect(body.highlight).toMatchObject({ encoder: 'html', pre_tags: ['<mark>'], post_tags: ['</mark>'] });
  });

  it('keeps a scoped search inside the scope: phase and tip status of its rounds only, hits projected (issue 23)', async () => {
    // Assessed red for r1 (unit u1) and green for r2 (unit u9); the caller sees only r2's u9.
    const shared = {
      ...makeArticle({
        key: 'a2',
        assessments: [
          makeAssessment({
            roundId: 'r1',
            units: [{ unitId: 'u1', unitName: '甲' }],
            score: 72,
            level: 'red',
          }),
          makeAssessment({
            roundId: 'r2',
            units: [{ unitId: 'u9', unitName: '乙' }],
            score: 5,
            level: 'green',
          }),
        ],
      }),
      clusterId: 'c2',
    };
    const { store, requests } = await openStore((r) => {
      if (r.path === '/yq-tips/_search')
        return { body: { hits: { hits: [] }, aggregations: { clusters: { buckets: [{ key: 'c2' }] } } } };
      if (r.path === '/yq-articles/_search' && (r.body as { size?: number }).size !== 0)
        return {
          body: {
            hits: { total: { value: 1, relation: 'eq' }, hits: [{ _id: shared.id, _source: shared }] },
          },
        };
      return undefined;
    });
    const { hits } = await store.search({
      terms: [],
      phase: 'entry',
      tipStatus: 'new',
      scope: [{ roundId: 'r2', unitIds: ['u9'] }],
    });
    expect(hits.map((h) => [h.units, h.level, h.score])).toEqual([[['u9'], 'green', 5]]);
    const tips = JSON.stringify(requests.find((r) => r.path === '/yq-tips/_search')?.body);
    expect(tips).toContain('{"term":{"roundId":"r2"}},{"terms":{"unitId":["u9"]}}');
    const articles = JSON.stringify(requests.find((r) => r.path === '/yq-articles/_search')?.body);
    expect(articles).toContain('{"terms":{"roundPhases":["r2\\u0000entry"]}}');
    expect(articles).not.toContain('{"term":{"phases":"entry"}}');
    expect(articles).toContain('{"terms":{"roundUnits":["r2\\u0000u9"]}}');
    // The story size counts only the copies inside the scope.
    const sizes = requests.filter(
      (r) => r.path === '/yq-articles/_search' && (r.body as { size?: number }).size === 0,
    );
    expect(
      sizes
        .map((r) => JSON.stringify(r.body))
        .some((b) => b.includes('"clusterId":["c2"]') && b.includes('r2\\u0000u9')),
    ).toBe(true);
    const before = requests.length;
    await store.search({ terms: [], level: 'yellow', minLevel: 'yellow', scope: [{ roundId: 'r2' }] });
    const levels = JSON.stringify(
      requests.slice(before).find((r) => r.path === '/yq-articles/_search')?.body,
    );
    // On the nested references of the visible round, not the item's overall level field.
    expect(levels).not.toContain('"levelRank"');
    expect(levels).not.toContain('{"term":{"level":');
    const ref = (l: string) =>
      `{"nested":{"path":"unitRefs","query":{"bool":{"filter":[{"terms":{"unitRefs.level":${l}}}],"should":[{"bool":{"filter":[{"term":{"unitRefs.roundId":"r2"}}]}}],"minimum_should_match":1}}}}`;
    expect(levels).toContain(ref('["red","orange","yellow"]'));
    expect(levels).toContain(ref('["yellow"]'));
    expect(levels).toContain(`{"bool":{"must_not":[${ref('["red","orange"]')}]}}`);
  });

  it('asks the dashboard numbers as aggregations: nested unit levels, a daily histogram in the offset', async () => {
    const { store, requests } = await openStore();
    await store.dashboardData({
      roundId: 'r1',
      from: '2026-03-01T00:00:00+08:00',
      to: '2026-03-31T23:59:59+08:00',
      utcOffsetMinutes: 480,
    });
    const body = requests.find((r) => r.path === '/yq-articles/_search')?.body as {
      aggs: Record<string, unknown>;
    };
    expect(body.aggs.trend).toMatchObject({
      date_histogram: {
        field: 'timeMs',
        calendar_interval: 'day',
        time_zone: '+08:00',
        format: 'yyyy-MM-dd',
      },
    });
    expect(body.aggs.refs).toMatchObject({ nested: { path: 'unitRefs' } });
    // Levels are the item's for this round (its nested reference), never its overall `level` (issue 23).
    const json = JSON.stringify(body.aggs);
    expect(json).not.toContain('"field":"level"');
    expect(body.aggs.trend).toMatchObject({
      aggs: {
        refs: {
          nested: { path: 'unitRefs' },
          aggs: {
            round: {
              filter: { term: { 'unitRefs.roundId': 'r1' } },
              aggs: { levels: { terms: { field: 'unitRefs.level' }, aggs: { a: { reverse_nested: {} } } } },
            },
          },
        },
      },
    });
    expect(body.aggs.sourceTypes).toMatchObject({ terms: { field: 'sourceType' } });
    const tips = requests.find((r) => r.path === '/yq-tips/_search')?.body as {
      aggs: Record<string, unknown>;
    };
    expect(tips.aggs.units).toMatchObject({ terms: { field: 'unitId' } });
  });

  it('limits report data to some units with terms filters; scoped stories still name all their units', async () => {
    const story = { key: 'c1', doc_count: 1, refs: { round: { units: { buckets: [{ key: 'u1' }] } } } };
    const { store, requests } = await openStore((r) =>
      r.path === '/yq-articles/_search' && JSON.stringify(r.body).includes('"stories"')
        ? { body: { hits: { hits: [] }, aggregations: { stories: { buckets: [story] } } } }
        : undefined,
    );
    const period = ['2025-05-13T00:00:00+08:00', '2025-05-13T23:59:59+08:00'] as const;
    await store.reportData('r1', ...period);
    const unscoped = requests.map((r) => JSON.stringify(r.body)).join('\n');
    expect(unscoped).not.toContain('"unitRefs.unitId":[');
    expect(unscoped).not.toContain('{"terms":{"unitId":');
    requests.length = 0;

    await store.reportData('r1', ...period, { unitIds: ['u1'] });
    const bodies = (path: string) =>
      requests.filter((r) => r.path === path).map((r) => JSON.stringify(r.body));
    const articles = bodies('/yq-articles/_search');
    const units = '{"terms":{"unitRefs.unitId":["u1"]}}';
    // Level counts (query and aggregation) and the story candidates: only articles naming u1.
    expect(articles[0]?.split(units)).toHaveLength(3);
    expect(articles[1]).toContain(units);
    // The candidates' units are then read from every round article of those stories in the period.
    expect(articles[2]).toContain('"stories"');
    expect(articles[2]).toContain('{"terms":{"clusterId":["c1"]}}');
    expect(articles[2]).not.toContain(units);
    // The first source of each story: its earliest-published article.
    expect(articles[4]).toContain('"top_hits":{"size":1,"sort":[{"timeMs":"asc"},{"id":"asc"}]}');
    // Each article once by level, among articles naming u1.
    expect(articles[5]).toContain('"reverse_nested"');
    expect(articles[5]).toContain(units);
    const tips = bodies('/yq-tips/_search');
    expect(tips).toHaveLength(2);
    for (const body of tips) expect(body).toContain('{"terms":{"unitId":["u1"]}}');
  });
});
