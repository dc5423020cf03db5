import { describe, expect, it } from 'vitest';
import type { Problem, ProblemLink } from '../../../core/ledger.js';
import type { ContractContext } from './context.js';

const problem = (id: string, over: Partial<Problem> = {}): Problem => ({
  roundId: 'r4',
  id,
  unitId: 'zjj',
  title: `问题 ${id}`,
  description: '外墙渗水，返工',
  terms: ['外墙渗水'],
  raisedOn: '2026-10-15',
  status: 'rectifying',
  createdAt: '2026-10-16T01:00:00.000Z',
  updatedAt: '2026-10-16T01:00:00.000Z',
  ...over,
});

const link = (problemId: string, articleId: string, over: Partial<ProblemLink> = {}): ProblemLink => ({
  roundId: 'r4',
  problemId,
  unitId: 'zjj',
  articleId,
  clusterId: `c-${articleId}`,
  title: `标题 ${articleId}`,
  url: `http://127.0.0.1/${articleId}.html`,
  linkedAt: '2026-11-20T02:00:00.000Z',
  recurrence: true,
  reason: '涉及已反馈问题',
  ...over,
});

/** The rectification ledger (Store.ledger). */
export function ledgerContract(ctx: ContractContext): void {
  describe('rectification ledger', () => {
    it('saves, replaces and lists problems by round and unit, ids unique per round', async () => {
      const ledger = ctx.store().ledger;
      expect(await ledger.listProblems()).toEqual([]);
      expect(
        await ledger.saveProblems([problem('P2'), problem('P1', { unitId: 'qsz', category: '工程' })]),
      ).toEqual({
        created: 2,
        updated: 0,
      });
      // The same id in another round is another problem.
      await ledger.saveProblems([problem('P1', { roundId: 'r5' })]);
      const changed = problem('P2', {
        status: 'rectified',
        updatedAt: '2026-11-01T00:00:00.000Z',
        createdAt: 'x',
      });
      expect(await ledger.saveProblems([changed])).toEqual({ created: 0, updated: 1 });
      const r4 = await ledger.listProblems({ roundId: 'r4' });
      expect(r4.map((p) => `${p.unitId}/${p.id}`)).toEqual(['qsz/P1', 'zjj/P2']);
      // Replacing keeps the original creation time.
      expect(r4[1]).toEqual({ ...changed, createdAt: '2026-10-16T01:00:00.000Z' });
      expect(await ledger.listProblems({ roundId: 'r4', unitId: 'zjj' })).toHaveLength(1);
      expect((await ctx.reopen()).ledger).toBeDefined();
      expect(await ctx.store().ledger.getProblem('r5', 'P1')).toMatchObject({ roundId: 'r5', id: 'P1' });
      expect(await ctx.store().ledger.getProblem('r5', 'nope')).toBeUndefined();
    });

    it('keeps one link per problem and item, lists them in time order, and finds a story’s problems', async () => {
      const ledger = ctx.store().ledger;
      await ledger.saveProblems([problem('P1'), problem('P2')]);
      await ledger.addLinks([
        link('P1', 'late', { publishedAt: '2026-11-22T09:00:00+08:00' }),
        link('P1', 'early', { publishedAt: '2026-11-21T09:00:00+08:00', recurrence: false }),
        link('P2', 'late', { publishedAt: '2026-11-22T09:00:00+08:00' }),
      ]);
      await ledger.addLinks([link('P1', 'late', { reason: 'again' })]);
      const p1 = await ledger.listLinks({ roundId: 'r4', problemId: 'P1' });
      expect(p1.map((l) => l.articleId)).toEqual(['early', 'late']);
      expect(p1[1]?.reason).toBe('涉及已反馈问题');
      expect(p1[0]?.recurrence).toBe(false);
      expect(
        await ledger.problemsForTips([
          { roundId: 'r4', unitId: 'zjj', clusterId: 'c-late' },
          { roundId: 'r4', unitId: 'qsz', clusterId: 'c-late' },
          { roundId: 'r4', unitId: 'zjj', clusterId: 'c-none' },
        ]),
      ).toEqual([['P1', 'P2'], [], []]);
    });

    it('deletes a problem with its links and returns it', async () => {
      const ledger = ctx.store().ledger;
      await ledger.saveProblems([problem('P1')]);
      await ledger.addLinks([link('P1', 'a')]);
      expect(await ledger.deleteProblem('r4', 'P1')).toMatchObject({ id: 'P1' });
      expect(await ledger.deleteProblem('r4', 'P1')).toBeUndefined();
      expect(await ledger.listProblems()).toEqual([]);
      expect(await ledger.listLinks()).toEqual([]);
    });

    it('keeps one search cursor per source, replaced whole, across a restart', async () => {
      const cursors = ctx.store().cursors;
      expect(await cursors.getSearchCursor('se')).toBeUndefined();
      const cursor = {
        sourceId: 'se',
        next: 7,
        lastSearched: { 'r4/zjj': '2026-11-20T02:00:00.000Z' },
        updatedAt: '2026-11-20T02:00:00.000Z',
      };
      await cursors.putSearchCursor(cursor);
      await cursors.putSearchCursor({ ...cursor, next: 9 });
      const reopened = await ctx.reopen();
      expect(await reopened.cursors.getSearchCursor('se')).toEqual({ ...cursor, next: 9 });
      expect((await reopened.cursors.listSearchCursors()).map((c) => c.sourceId)).toEqual(['se']);
    });
  });
}
