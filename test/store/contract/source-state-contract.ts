import { describe, expect, it } from 'vitest';
import type { ContractContext } from './context.js';

/** Per-source run bookkeeping. */
export function sourceStateContract(ctx: ContractContext): void {
  describe('source state', () => {
    it('is unknown before the first run', async () => {
      expect(await ctx.store().getSourceState('news')).toBeUndefined();
      expect(await ctx.store().listSourceStates()).toEqual([]);
    });

    it('records successes, failures and the failure streak', async () => {
      const store = ctx.store();
      await store.recordSourceRun({ sourceId: 'news', at: '2025-05-13T08:00:00+08:00', ok: true, stored: 3 });
      expect(await store.getSourceState('news')).toEqual({
        sourceId: 'news',
        lastRunAt: '2025-05-13T08:00:00+08:00',
        lastSuccessAt: '2025-05-13T08:00:00+08:00',
        consecutiveFailures: 0,
        itemsStored: 3,
      });
      await store.recordSourceRun({
        sourceId: 'news',
        at: '2025-05-13T09:00:00+08:00',
        ok: false,
        error: 'E_FETCH_TIMEOUT',
        stored: 0,
      });
      await store.recordSourceRun({
        sourceId: 'news',
        at: '2025-05-13T10:00:00+08:00',
        ok: false,
        error: 'E_FETCH_HTTP_STATUS 503',
        stored: 1,
      });
      expect(await store.getSourceState('news')).toEqual({
        sourceId: 'news',
        lastRunAt: '2025-05-13T10:00:00+08:00',
        lastSuccessAt: '2025-05-13T08:00:00+08:00',
        lastError: 'E_FETCH_HTTP_STATUS 503',
        consecutiveFailures: 2,
        itemsStored: 4,
      });
      await store.recordSourceRun({ sourceId: 'news', at: '2025-05-13T11:00:00+08:00', ok: true, stored: 2 });
      const recovered = await store.getSourceState('news');
      expect(recovered).toMatchObject({
        lastRunAt: '2025-05-13T11:00:00+08:00',
        lastSuccessAt: '2025-05-13T11:00:00+08:00',
        consecutiveFailures: 0,
        itemsStored: 6,
      });
      expect(recovered?.lastError).toBeUndefined();
    });

    it('starts a failing source with a streak of one and no success', async () => {
      const store = ctx.store();
      await store.recordSourceRun({
        sourceId: 'blog',
        at: '2025-05-13T08:00:00+08:00',
        ok: false,
        error: 'x',
        stored: 0,
      });
      await store.recordSourceRun({
        sourceId: 'forum',
        at: '2025-05-13T08:00:00+08:00',
        ok: true,
        stored: 0,
      });
      const states = await store.listSourceStates();
      expect(states.map((s) => s.sourceId).sort()).toEqual(['blog', 'forum']);
      const blog = states.find((s) => s.sourceId === 'blog');
      expect(blog).toMatchObject({ consecutiveFailures: 1, lastError: 'x', itemsStored: 0 });
      expect(blog?.lastSuccessAt).toBeUndefined();
    });
  });
}
