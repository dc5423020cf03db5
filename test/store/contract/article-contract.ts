import { describe, expect, it } from 'vitest';
import { flipBits, makeArticle, makeAssessment, makeTip } from '../fixtures.js';
import type { ContractContext } from './context.js';

/** Articles, clusters, duplicate lookups and durability. */
export function articleContract(ctx: ContractContext): void {
  describe('articles and clusters', () => {
    it('init is idempotent and starts empty', async () => {
      await ctx.store().init();
      expect(await ctx.store().countArticles()).toBe(0);
      expect(await ctx.store().getArticle('art-none')).toBeUndefined();
      expect(await ctx.store().getCluster('art-none')).toBeUndefined();
    });

    it('stores an article with every field and a new cluster named after it', async () => {
      const article = makeArticle({
        key: 'a',
        author: '记者 张三',
        assessments: [
          makeAssessment({ units: [{ unitId: 'u1', unitName: '某某县教育局' }], score: 40, level: 'yellow' }),
        ],
      });
      const result = await ctx.store().ingest({ article, tips: [] });
      expect(result).toEqual({
        articleId: article.id,
        clusterId: article.id,
        inserted: true,
        clusterSize: 1,
        createdTipIds: [],
      });
      const stored = await ctx.store().getArticle(article.id);
      expect(stored).toEqual({ ...article, clusterId: article.id, storedAt: expect.any(String) });
      expect(Number.isNaN(Date.parse(stored?.storedAt ?? ''))).toBe(false);
      const cluster = await ctx.store().getCluster(article.id);
      expect(cluster).toMatchObject({ id: article.id, firstArticleId: article.id, size: 1, level: 'yellow' });
      expect(await ctx.store().countArticles()).toBe(1);
    });

    it('keeps optional fields absent when the article has none', async () => {
      const article = makeArticle({ key: 'nodate', publishedAt: undefined });
      await ctx.store().ingest({ article, tips: [] });
      const stored = await ctx.store().getArticle(article.id);
      expect(stored).toBeDefined();
      expect(stored && 'publishedAt' in stored).toBe(false);
      expect(stored && 'author' in stored).toBe(false);
    });

    it('ignores a second ingest of the same URL and writes nothing', async () => {
      const article = makeArticle({ key: 'dup' });
      await ctx.store().ingest({ article, tips: [] });
      const again = makeArticle({ key: 'dup', title: '改过的 标题' });
      const result = await ctx.store().ingest({ article: again, tips: [makeTip(again, { id: 'tip-dup' })] });
      expect(result).toEqual({
        articleId: article.id,
        clusterId: article.id,
        inserted: false,
        clusterSize: 1,
        createdTipIds: [],
      });
      expect(await ctx.store().countArticles()).toBe(1);
      expect((await ctx.store().getArticle(article.id))?.title).toBe(article.title);
      expect(await ctx.store().getTip('tip-dup')).toBeUndefined();
      expect(await ctx.store().listAlerts()).toEqual([]);
    });

    it('reports which URLs are known', async () => {
      const a = makeArticle({ key: 'k1' });
      const b = makeArticle({ key: 'k2' });
      await ctx.store().ingest({ article: a, tips: [] });
      await ctx.store().ingest({ article: b, tips: [] });
      const known = await ctx.store().knownUrls([a.url, 'https://elsewhere.example.cn/x', b.url, a.url]);
      expect([...known].sort()).toEqual([a.url, b.url].sort());
      expect((await ctx.store().knownUrls([])).size).toBe(0);
    });

    it('joining a cluster raises its size and its level to the highest member', async () => {
      const first = makeArticle({ key: 'c1', assessments: [makeAssessment({ score: 30, level: 'yellow' })] });
      const red = makeArticle({ key: 'c2', assessments: [makeAssessment({ score: 90, level: 'red' })] });
      const green = makeArticle({ key: 'c3' });
      await ctx.store().ingest({ article: first, tips: [] });
      const r2 = await ctx.store().ingest({ article: red, joinClusterId: first.id, tips: [] });
      expect(r2).toMatchObject({ articleId: red.id, clusterId: first.id, inserted: true, clusterSize: 2 });
      expect(await ctx.store().getCluster(first.id)).toMatchObject({ size: 2, level: 'red' });
      const r3 = await ctx.store().ingest({ article: green, joinClusterId: first.id, tips: [] });
      expect(r3.clusterSize).toBe(3);
      const cluster = await ctx.store().getCluster(first.id);
      expect(cluster).toMatchObject({ id: first.id, firstArticleId: first.id, size: 3, level: 'red' });
      expect(await ctx.store().getCluster(red.id)).toBeUndefined();
      expect((await ctx.store().getArticle(green.id))?.clusterId).toBe(first.id);
      const members = await ctx.store().clusterArticles(first.id);
      expect(members.map((m) => m.id)).toEqual([first.id, red.id, green.id]);
      expect(await ctx.store().clusterArticles('art-none')).toEqual([]);
    });

    it('finds an exact duplicate by content hash', async () => {
      const article = makeArticle({ key: 'hash' });
      await ctx.store().ingest({ article, tips: [] });
      expect(await ctx.store().findByContentHash(article.contentHash)).toEqual({
        articleId: article.id,
        clusterId: article.id,
      });
      expect(await ctx.store().findByContentHash('0'.repeat(64))).toBeUndefined();
    });

    it('finds the nearest SimHash within the distance and nothing far away', async () => {
      const base = 'f0f0a5a5c3c3e1e1';
      const article = makeArticle({ key: 'near', simhash: base });
      await ctx.store().ingest({ article, tips: [] });
      expect(await ctx.store().findNearDuplicate(base, 3)).toEqual({
        articleId: article.id,
        clusterId: article.id,
        distance: 0,
      });
      // Three bits in three different bands: only the fourth band is shared.
      const three = flipBits(base, [1, 20, 40]);
      expect(await ctx.store().findNearDuplicate(three, 3)).toMatchObject({
        articleId: article.id,
        distance: 3,
      });
      expect(await ctx.store().findNearDuplicate(three, 2)).toBeUndefined();
      // Three bits inside one band.
      const sameBand = flipBits(base, [60, 61, 62]);
      expect(await ctx.store().findNearDuplicate(sameBand, 3)).toMatchObject({ distance: 3 });
      const far = flipBits(base, [0, 9, 17, 25, 33, 41, 49, 57, 63]);
      expect(await ctx.store().findNearDuplicate(far, 3)).toBeUndefined();
      // Beyond the band limit the answer must still be exact.
      const five = flipBits(base, [3, 19, 35, 51, 52]);
      expect(await ctx.store().findNearDuplicate(five, 3)).toBeUndefined();
      expect(await ctx.store().findNearDuplicate(five, 5)).toMatchObject({
        articleId: article.id,
        distance: 5,
      });
    });

    it('returns the closest of several near duplicates with its cluster', async () => {
      const base = '0123456789abcdef';
      const far = makeArticle({ key: 'n3', simhash: flipBits(base, [0, 16, 32]) });
      const close = makeArticle({ key: 'n1', simhash: flipBits(base, [5]) });
      await ctx.store().ingest({ article: far, tips: [] });
      await ctx.store().ingest({ article: close, joinClusterId: far.id, tips: [] });
      expect(await ctx.store().findNearDuplicate(base, 3)).toEqual({
        articleId: close.id,
        clusterId: far.id,
        distance: 1,
      });
    });

    it('keeps everything after close and reopen', async () => {
      const a = makeArticle({
        key: 'keep',
        titleTokens: '持久 保存 收费',
        assessments: [
          makeAssessment({ units: [{ unitId: 'u1', unitName: '某某县教育局' }], score: 80, level: 'red' }),
        ],
      });
      await ctx.store().ingest({ article: a, tips: [makeTip(a, { id: 'tip-keep', channels: ['email'] })] });
      await ctx
        .store()
        .recordSourceRun({ sourceId: 'news', at: '2025-05-13T10:00:00+08:00', ok: true, stored: 1 });
      const store = await ctx.reopen();
      expect(await store.countArticles()).toBe(1);
      expect(await store.getArticle(a.id)).toEqual({ ...a, clusterId: a.id, storedAt: expect.any(String) });
      expect(await store.getCluster(a.id)).toMatchObject({ size: 1, level: 'red' });
      expect((await store.getTip('tip-keep'))?.unitId).toBe('u1');
      expect(await store.listAlerts('pending')).toHaveLength(1);
      expect((await store.getSourceState('news'))?.itemsStored).toBe(1);
      expect((await store.search({ terms: ['持久'] })).total).toBe(1);
      expect((await store.knownUrls([a.url])).has(a.url)).toBe(true);
      expect(await store.findNearDuplicate(a.simhash, 0)).toMatchObject({ articleId: a.id });
    });
  });
}
