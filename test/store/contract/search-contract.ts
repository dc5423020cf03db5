import { beforeEach, describe, expect, it } from 'vitest';
import type { ProcessedArticle } from '../../../core/types.js';
import type { SearchQuery } from '../../../store/store.js';
import { makeArticle, makeAssessment } from '../fixtures.js';
import type { ContractContext } from './context.js';

const EDU = { unitId: 'u1', unitName: '某某县教育局' };
const HOSPITAL = { unitId: 'u2', unitName: '某某县人民医院' };
const TOWN = { unitId: 'u3', unitName: '某某镇政府' };

/** Five articles; s5 reposts s1 (same cluster). Times mix offsets on purpose. */
const s1 = makeArticle({
  key: 's1',
  title: '某某县教育局违规收费问题引关注',
  titleTokens: '某某县 教育局 违规 收费 违规收费 问题 引 关注',
  body: '有家长反映，学校以资料费名义违规收费，每生200元。',
  bodyTokens: '有 家长 反映 学校 以 资料费 名义 违规 收费 违规收费 每生 200 元',
  // 09:00 in +08:00, written in UTC: sorts before s5's time as text although it is later.
  publishedAt: '2025-05-13T01:00:00Z',
  assessments: [makeAssessment({ units: [EDU], phase: 'entry', score: 72, level: 'red' })],
});
const s2 = makeArticle({
  key: 's2',
  sourceId: 'forum',
  sourceName: '本地论坛',
  sourceType: 'rss',
  title: '县医院停车收费标准调整',
  titleTokens: '县 医院 停车 收费 标准 调整',
  body: '县医院停车场自六月起按时段收费。',
  bodyTokens: '县 医院 停车场 自 六月 起 按 时段 收费',
  publishedAt: '2025-05-12T09:00:00+08:00',
  assessments: [makeAssessment({ units: [HOSPITAL], phase: 'feedback', score: 85, level: 'red' })],
});
const s3 = makeArticle({
  key: 's3',
  title: '乡镇开展违规收费专项整治',
  titleTokens: '乡镇 开展 违规收费 专项 整治',
  body: '全面排查违规收费行为。',
  bodyTokens: '全面 排查 违规收费 行为',
  publishedAt: '2025-05-11T09:00:00+08:00',
  assessments: [
    makeAssessment({ roundId: 'r2', units: [TOWN], phase: 'rectification', score: 72, level: 'orange' }),
  ],
});
const s4 = makeArticle({
  key: 's4',
  sourceId: 'blog',
  sourceName: '个人博客',
  sourceType: 'browser',
  title: '<script>alert("x")</script>学校收费公示',
  titleTokens: 'script alert x script 学校 收费 公示',
  body: '学校收费公示 & 说明：<b>以上</b>为准。',
  bodyTokens: '学校 收费 公示 说明 b 以上 b 为准',
  publishedAt: undefined,
  fetchedAt: '2025-05-10T12:00:00+08:00',
});
const s5 = makeArticle({
  key: 's5',
  sourceId: 'forum',
  sourceName: '本地论坛',
  sourceType: 'rss',
  title: '转载：某某县教育局违规收费问题引关注',
  titleTokens: '转载 某某县 教育局 违规 收费 违规收费 问题 引 关注',
  body: '网友转载称该局违规收费。',
  bodyTokens: '网友 转载 称 该局 违规 收费 违规收费',
  // 2025-05-12T23:30Z: earlier than a text comparison with UTC bounds would say.
  publishedAt: '2025-05-13T07:30:00+08:00',
  assessments: [makeAssessment({ units: [EDU], phase: 'entry', score: 60, level: 'orange' })],
});

/** Unit names that jieba keeps whole (user dictionary), so their parts are not tokens. */
const z1 = makeArticle({
  key: 'z1',
  title: '市住建局通报工程款拖欠问题',
  titleTokens: '市住建局 通报 工程款 拖欠 问题',
  body: 'Wang局长表示将在PPP项目中整改。',
  bodyTokens: 'Wang 局长 表示 将 在 PPP 项目 中 整改',
  publishedAt: '2025-05-14T09:00:00+08:00',
});
const z2 = makeArticle({
  key: 'z2',
  title: '明湖区住建局回应群众关切',
  titleTokens: '明湖区住建局 回应 群众 关切',
  body: '已督促施工单位整改。',
  bodyTokens: '已 督促 施工单位 整改',
  publishedAt: '2025-05-14T08:00:00+08:00',
});

function keys(hits: readonly { id: string }[]): string[] {
  const byId = new Map<string, string>(
    [s1, s2, s3, s4, s5].map((a: ProcessedArticle, i) => [a.id, `s${i + 1}`] as [string, string]),
  );
  byId.set(z1.id, 'z1');
  byId.set(z2.id, 'z2');
  return hits.map((h) => byId.get(h.id) ?? h.id);
}

function stripMarks(html: string): string {
  return html.replaceAll('<mark>', '').replaceAll('</mark>', '');
}

/** Full-text search, filters, sorting, paging and highlights. */
export function searchContract(ctx: ContractContext): void {
  describe('search', () => {
    beforeEach(async () => {
      for (const article of [s1, s2, s3, s4]) await ctx.store().ingest({ article, tips: [] });
      await ctx.store().ingest({ article: s5, joinClusterId: s1.id, tips: [] });
    });

    const find = async (query: Partial<SearchQuery>) => ctx.store().search({ terms: [], ...query });

    it('matches a Chinese term wherever it occurs in the text, not only as a whole token', async () => {
      const result = await find({ terms: ['收费'] });
      expect(result.total).toBe(5);
      // s3 only has 违规收费 as one token, but 收费 occurs in its text.
      expect(keys(result.hits)).toEqual(['s1', 's5', 's2', 's3', 's4']);
      expect(keys((await find({ terms: ['违规收费'] })).hits)).toEqual(['s1', 's5', 's3']);
      expect(keys((await find({ terms: ['收'] })).hits)).toEqual(['s1', 's5', 's2', 's3', 's4']);
      expect(keys((await find({ terms: ['停车场'] })).hits)).toEqual(['s2']);
      expect((await find({ terms: ['收费违规'] })).total).toBe(0);
    });

    it('matches a substring of a word the tokens keep whole', async () => {
      for (const article of [z1, z2]) await ctx.store().ingest({ article, tips: [] });
      expect(keys((await find({ terms: ['住建局'] })).hits)).toEqual(['z1', 'z2']);
      expect(keys((await find({ terms: ['住建'] })).hits)).toEqual(['z1', 'z2']);
      expect(keys((await find({ terms: ['市住建局'] })).hits)).toEqual(['z1']);
      expect(keys((await find({ terms: ['湖区'] })).hits)).toEqual(['z2']);
      expect(keys((await find({ terms: ['工程'] })).hits)).toEqual(['z1']);
    });

    it('does not match characters that are present but not in that order', async () => {
      for (const article of [z1, z2]) await ctx.store().ingest({ article, tips: [] });
      expect((await find({ terms: ['建局住'] })).total).toBe(0);
      expect((await find({ terms: ['市住建局回应'] })).total).toBe(0);
      // 整改 ends one sentence of z1's body; 。 is not part of a following word.
      expect((await find({ terms: ['整改已'] })).total).toBe(0);
    });

    it('requires every substring term (AND) and marks the substrings', async () => {
      for (const article of [z1, z2]) await ctx.store().ingest({ article, tips: [] });
      expect(keys((await find({ terms: ['住建', '工程'] })).hits)).toEqual(['z1']);
      expect(keys((await find({ terms: ['湖区', '施工'] })).hits)).toEqual(['z2']);
      expect((await find({ terms: ['湖区', '工程'] })).total).toBe(0);
      const [hit] = (await find({ terms: ['住建', '工程'] })).hits;
      expect(hit?.highlights[0]).toBe('市<mark>住建</mark>局通报<mark>工程</mark>款拖欠问题');
    });

    it('matches Latin words next to Chinese text case-insensitively', async () => {
      for (const article of [z1, z2]) await ctx.store().ingest({ article, tips: [] });
      expect(keys((await find({ terms: ['ppp'] })).hits)).toEqual(['z1']);
      expect(keys((await find({ terms: ['WANG', '局长'] })).hits)).toEqual(['z1']);
      expect(keys((await find({ terms: ['PPP项目'] })).hits)).toEqual(['z1']);
    });

    it('requires every term (AND)', async () => {
      expect(keys((await find({ terms: ['收费', '学校'] })).hits)).toEqual(['s1', 's4']);
      expect((await find({ terms: ['收费', '不存在'] })).total).toBe(0);
    });

    it('matches Latin terms case-insensitively and survives quotes in terms', async () => {
      expect(keys((await find({ terms: ['SCRIPT'] })).hits)).toEqual(['s4']);
      await expect(find({ terms: ['"收费'] })).resolves.toBeDefined();
      await expect(find({ terms: ['收费"', 'a"b"c'] })).resolves.toBeDefined();
      await expect(find({ terms: ['AND', 'OR', 'NOT', '*', '(', 'NEAR'] })).resolves.toBeDefined();
    });

    it('lists everything, newest first, when there are no terms', async () => {
      const result = await find({});
      expect(result.total).toBe(5);
      expect(keys(result.hits)).toEqual(['s1', 's5', 's2', 's3', 's4']);
    });

    it('sorts by score, newest first among equal scores', async () => {
      expect(keys((await find({ sort: 'score' })).hits)).toEqual(['s2', 's1', 's3', 's5', 's4']);
      expect(keys((await find({ terms: ['收费'], sort: 'score' })).hits)).toEqual([
        's2',
        's1',
        's3',
        's5',
        's4',
      ]);
      expect(keys((await find({ sort: 'time' })).hits)).toEqual(['s1', 's5', 's2', 's3', 's4']);
    });

    it('pages with limit and offset and always reports the total', async () => {
      const pages = [
        await find({ limit: 2 }),
        await find({ limit: 2, offset: 2 }),
        await find({ limit: 2, offset: 4 }),
        await find({ limit: 2, offset: 10 }),
      ];
      expect(pages.map((p) => p.total)).toEqual([5, 5, 5, 5]);
      expect(pages.map((p) => keys(p.hits))).toEqual([['s1', 's5'], ['s2', 's3'], ['s4'], []]);
    });

    it('filters by round and unit', async () => {
      expect(keys((await find({ roundId: 'r1' })).hits)).toEqual(['s1', 's5', 's2']);
      expect(keys((await find({ roundId: 'r2' })).hits)).toEqual(['s3']);
      expect(keys((await find({ unitId: 'u1' })).hits)).toEqual(['s1', 's5']);
      expect(keys((await find({ roundId: 'r1', unitId: 'u2', terms: ['收费'] })).hits)).toEqual(['s2']);
      expect((await find({ roundId: 'r2', unitId: 'u1' })).total).toBe(0);
    });

    it('filters by exact level and minimum level', async () => {
      expect(keys((await find({ level: 'red' })).hits)).toEqual(['s1', 's2']);
      expect(keys((await find({ level: 'green' })).hits)).toEqual(['s4']);
      expect((await find({ level: 'yellow' })).total).toBe(0);
      expect(keys((await find({ minLevel: 'orange' })).hits)).toEqual(['s1', 's5', 's2', 's3']);
      expect((await find({ minLevel: 'green' })).total).toBe(5);
    });

    it('filters by phase, within the round when one is given', async () => {
      expect(keys((await find({ phase: 'entry' })).hits)).toEqual(['s1', 's5']);
      expect(keys((await find({ phase: 'feedback' })).hits)).toEqual(['s2']);
      expect(keys((await find({ phase: 'rectification' })).hits)).toEqual(['s3']);
      expect(keys((await find({ phase: 'rectification', roundId: 'r2' })).hits)).toEqual(['s3']);
      expect((await find({ phase: 'rectification', roundId: 'r1' })).total).toBe(0);
    });

    it('filters by source id and source type', async () => {
      expect(keys((await find({ sourceId: 'forum' })).hits)).toEqual(['s5', 's2']);
      expect(keys((await find({ sourceType: 'browser' })).hits)).toEqual(['s4']);
      expect(keys((await find({ sourceType: 'html', terms: ['收费'] })).hits)).toEqual(['s1', 's3']);
    });

    it('filters by time on the instant, whatever the offsets', async () => {
      expect(keys((await find({ from: '2025-05-13T00:00:00+08:00' })).hits)).toEqual(['s1', 's5']);
      expect(keys((await find({ from: '2025-05-13T08:00:00+08:00' })).hits)).toEqual(['s1']);
      // 2025-05-13T00:00Z is 08:00 in +08:00: s5 (07:30+08:00) is before it, s1 (09:00+08:00) after.
      expect(keys((await find({ to: '2025-05-13T00:00:00Z' })).hits)).toEqual(['s5', 's2', 's3', 's4']);
      // Inclusive bounds.
      expect(keys((await find({ from: s2.publishedAt, to: s2.publishedAt })).hits)).toEqual(['s2']);
      // No publishedAt: the fetch time counts.
      expect(
        keys((await find({ from: '2025-05-10T00:00:00+08:00', to: '2025-05-10T23:59:59+08:00' })).hits),
      ).toEqual(['s4']);
    });

    it('reads date-only bounds as whole days in China time', async () => {
      expect(keys((await find({ from: '2025-05-13', to: '2025-05-13' })).hits)).toEqual(['s1', 's5']);
      expect(keys((await find({ to: '2025-05-11' })).hits)).toEqual(['s3', 's4']);
    });

    it('rejects an unparsable time bound', async () => {
      await expect(find({ from: 'yesterday' })).rejects.toThrow(/from/);
    });

    it('returns hit fields with cluster size and unit ids', async () => {
      const [hit] = (await find({ terms: ['教育局'], sort: 'time' })).hits;
      expect(hit).toMatchObject({
        id: s1.id,
        title: s1.title,
        url: s1.url,
        source: '示例新闻网',
        sourceId: 'news',
        publishedAt: s1.publishedAt,
        level: 'red',
        score: 72,
        units: ['u1'],
        clusterId: s1.id,
        clusterSize: 2,
      });
      const s4hit = (await find({ sourceType: 'browser' })).hits[0];
      expect(s4hit?.publishedAt).toBeUndefined();
      expect(s4hit?.units).toEqual([]);
      expect(s4hit?.clusterSize).toBe(1);
    });

    it('highlights matches in the title first, marked and HTML-escaped', async () => {
      const result = await find({ terms: ['收费'] });
      const first = result.hits[0];
      expect(first?.highlights[0]).toBe('某某县教育局违规<mark>收费</mark>问题引关注');
      expect(first?.highlights.some((h) => h.includes('资料费名义违规<mark>收费</mark>'))).toBe(true);
      const xss = result.hits.find((h) => h.id === s4.id);
      expect(xss?.highlights[0]).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
      expect(xss?.highlights.join('')).toContain('&amp;');
      for (const hit of result.hits) {
        expect(hit.highlights.length).toBeGreaterThan(0);
        for (const h of hit.highlights) expect(stripMarks(h)).not.toMatch(/[<>]/);
      }
    });

    it('shows the escaped lead of the body when listing without terms', async () => {
      const hit = (await find({ sourceType: 'browser' })).hits[0];
      expect(hit?.highlights).toEqual(['学校收费公示 &amp; 说明：&lt;b&gt;以上&lt;/b&gt;为准。']);
    });
  });
}
