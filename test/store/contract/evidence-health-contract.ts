import { describe, expect, it } from 'vitest';
import type { EvidenceRecord } from '../../../store/store.js';
import { makeArticle } from '../fixtures.js';
import type { ContractContext } from './context.js';

function record(articleId: string, overrides: Partial<EvidenceRecord> = {}): EvidenceRecord {
  return {
    articleId,
    sha256: 'a'.repeat(64),
    size: 1234,
    contentType: 'text/html; charset=utf-8',
    status: 200,
    finalUrl: `https://news.example.cn/final/${articleId}.html`,
    fetchedAt: '2025-05-13T10:00:00+08:00',
    path: `${articleId.slice(0, 2)}/${articleId}`,
    savedAt: '2025-05-13T02:00:01.000Z',
    ...overrides,
  };
}

/** Evidence records, source health details, per-day counts and HTTP validators (issue #3). */
export function evidenceHealthContract(ctx: ContractContext): void {
  describe('evidence records', () => {
    it('records, replaces and survives a restart; none for an item without evidence', async () => {
      const article = makeArticle({ key: 'ev' });
      await ctx.store().ingest({ article, tips: [] });
      expect(await ctx.store().getEvidence(article.id)).toBeUndefined();

      await ctx.store().putEvidence(record(article.id));
      expect(await ctx.store().getEvidence(article.id)).toEqual(record(article.id));

      const withShot = record(article.id, {
        sha256: 'b'.repeat(64),
        screenshotSha256: 'c'.repeat(64),
        screenshotSize: 99,
      });
      await ctx.store().putEvidence(withShot);
      const reopened = await ctx.reopen();
      expect(await reopened.getEvidence(article.id)).toEqual(withShot);
    });

    it('refuses evidence of an unknown item and a malformed hash', async () => {
      await expect(ctx.store().putEvidence(record('art-missing'))).rejects.toMatchObject({
        code: 'E_STORE_NOT_FOUND',
      });
      const article = makeArticle({ key: 'badhash' });
      await ctx.store().ingest({ article, tips: [] });
      await expect(ctx.store().putEvidence(record(article.id, { sha256: 'xyz' }))).rejects.toMatchObject({
        code: 'E_STORE_INPUT',
      });
      expect(await ctx.store().getEvidence(article.id)).toBeUndefined();
    });
  });

  describe('source health state', () => {
    it('keeps the start of a failure streak, the last error time, and resets on success', async () => {
      const store = ctx.store();
      await store.recordSourceRun({ sourceId: 's', at: '2025-05-13T08:00:00+08:00', ok: true, stored: 1 });
      expect(await store.getSourceHealthState('s')).toEqual({
        sourceId: 's',
        lastRunAt: '2025-05-13T08:00:00+08:00',
        lastSuccessAt: '2025-05-13T08:00:00+08:00',
        consecutiveFailures: 0,
        itemsStored: 1,
      });
      for (const hour of ['09', '10', '11']) {
        await store.recordSourceRun({
          sourceId: 's',
          at: `2025-05-13T${hour}:00:00+08:00`,
          ok: false,
          error: `HTTP 503 at ${hour}`,
          stored: 0,
        });
      }
      expect(await store.getSourceHealthState('s')).toMatchObject({
        consecutiveFailures: 3,
        failingSince: '2025-05-13T09:00:00+08:00',
        lastError: 'HTTP 503 at 11',
        lastErrorAt: '2025-05-13T11:00:00+08:00',
        lastSuccessAt: '2025-05-13T08:00:00+08:00',
      });
      await store.recordSourceRun({ sourceId: 's', at: '2025-05-13T12:00:00+08:00', ok: true, stored: 0 });
      const recovered = await store.getSourceHealthState('s');
      expect(recovered?.failingSince).toBeUndefined();
      expect(recovered?.consecutiveFailures).toBe(0);
      // The last error's time stays as history; lastError itself is cleared by the success.
      expect(recovered?.lastErrorAt).toBe('2025-05-13T11:00:00+08:00');
      await store.recordSourceRun({
        sourceId: 's',
        at: '2025-05-13T13:00:00+08:00',
        ok: false,
        error: 'x',
        stored: 0,
      });
      expect((await store.getSourceHealthState('s'))?.failingSince).toBe('2025-05-13T13:00:00+08:00');
      expect((await store.listSourceHealthStates()).map((s) => s.sourceId)).toEqual(['s']);
    });

    it('remembers an empty list until a successful run, through other failures', async () => {
      const store = ctx.store();
      const run = (at: string, ok: boolean, emptyList: boolean) =>
        store.recordSourceRun({ sourceId: 'l', at, ok, error: ok ? undefined : 'e', stored: 0, emptyList });
      await run('2025-05-13T08:00:00Z', false, true);
      expect(await store.getSourceHealthState('l')).toMatchObject({ emptyListAt: '2025-05-13T08:00:00Z' });
      await run('2025-05-13T09:00:00Z', false, false);
      expect(await store.getSourceHealthState('l')).toMatchObject({ emptyListAt: '2025-05-13T08:00:00Z' });
      await run('2025-05-13T10:00:00Z', true, false);
      expect((await store.getSourceHealthState('l'))?.emptyListAt).toBeUndefined();
      // The plain state view is unchanged by the health columns.
      expect(await store.getSourceState('l')).toEqual({
        sourceId: 'l',
        lastRunAt: '2025-05-13T10:00:00Z',
        lastSuccessAt: '2025-05-13T10:00:00Z',
        consecutiveFailures: 0,
        itemsStored: 0,
      });
    });
  });

  describe('items per source and day', () => {
    it('counts stored items by source and local day from a given time', async () => {
      const store = ctx.store();
      await store.ingest({ article: makeArticle({ key: 'd1', sourceId: 'a' }), tips: [] });
      await store.ingest({ article: makeArticle({ key: 'd2', sourceId: 'a' }), tips: [] });
      await store.ingest({ article: makeArticle({ key: 'd3', sourceId: 'b' }), tips: [] });
      const after = new Date();
      const day = (offsetMinutes: number) =>
        new Date(after.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10);
      const since = new Date(after.getTime() - 3_600_000).toISOString();
      const counts = await store.countStoredBySourceDay(since, 480);
      expect(counts).toEqual([
        { sourceId: 'a', day: day(480), count: 2 },
        { sourceId: 'b', day: day(480), count: 1 },
      ]);
      expect(await store.countStoredBySourceDay(new Date(after.getTime() + 60_000).toISOString(), 0)).toEqual(
        [],
      );
      await expect(store.countStoredBySourceDay('yesterday', 0)).rejects.toMatchObject({
        code: 'E_STORE_INPUT',
      });
    });
  });

  describe('HTTP validators', () => {
    it('keeps, replaces and forgets the validators of a URL', async () => {
      const store = ctx.store();
      const url = 'https://news.example.cn/list/';
      expect(await store.getValidators(url)).toBeUndefined();
      await store.putValidators(url, { etag: '"v1"', lastModified: 'Tue, 13 May 2025 01:00:00 GMT' });
      expect(await store.getValidators(url)).toEqual({
        etag: '"v1"',
        lastModified: 'Tue, 13 May 2025 01:00:00 GMT',
      });
      await store.putValidators(url, { etag: '"v2"' });
      const reopened = await ctx.reopen();
      expect(await reopened.getValidators(url)).toEqual({ etag: '"v2"' });
      await reopened.putValidators(url, {});
      expect(await reopened.getValidators(url)).toBeUndefined();
    });
  });
}
