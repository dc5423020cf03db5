import { describe, expect, it } from 'vitest';
import type { Tip } from '../../../core/types.js';
import type { Store, TipWorkflowUpdate } from '../../../store/store.js';
import { makeArticle, makeAssessment, makeTip } from '../fixtures.js';
import type { ContractContext } from './context.js';

const EDU = { unitId: 'u1', unitName: '某某县教育局' };
const HOSPITAL = { unitId: 'u2', unitName: '某某县人民医院' };

async function seedTip(store: Store, key: string, id: string, createdAt?: string): Promise<Tip> {
  const a = makeArticle({ key, assessments: [makeAssessment({ units: [EDU], score: 80, level: 'red' })] });
  const newTip = makeTip(a, { id, ...(createdAt && { createdAt }) });
  await store.ingest({ article: a, tips: [newTip] });
  return newTip.tip;
}

function assign(tipId: string, at: string, dueAt: string): TipWorkflowUpdate {
  return {
    tipId,
    expectedStatus: 'new',
    patch: { status: 'assigned', team: '第二巡察组', assignee: '李四', dueAt },
    entry: {
      at,
      actor: '张三',
      action: 'assign',
      from: 'new',
      to: 'assigned',
      note: '请核实',
      details: { team: '第二巡察组', assignee: '李四', dueAt },
    },
  };
}

/** Tip workflow: updates with history, overdue tips, suggestions and report data. */
export function tipWorkflowContract(ctx: ContractContext): void {
  describe('tip workflow', () => {
    it('applies a step, keeps every change in history and survives a reopen', async () => {
      await seedTip(ctx.store(), 'w1', 'tip-w1');
      const updated = await ctx
        .store()
        .updateTipWorkflow(assign('tip-w1', '2025-05-14T09:00:00+08:00', '2025-05-20T23:59:59+08:00'));
      expect(updated).toMatchObject({
        status: 'assigned',
        team: '第二巡察组',
        assignee: '李四',
        dueAt: '2025-05-20T23:59:59+08:00',
        updatedAt: '2025-05-14T09:00:00+08:00',
      });
      await ctx.store().updateTipWorkflow({
        tipId: 'tip-w1',
        expectedStatus: 'assigned',
        patch: { status: 'in_progress' },
        entry: {
          at: '2025-05-15T09:00:00+08:00',
          actor: '李四',
          action: 'start',
          from: 'assigned',
          to: 'in_progress',
        },
      });
      await ctx.store().updateTipWorkflow({
        tipId: 'tip-w1',
        expectedStatus: 'in_progress',
        patch: { status: 'closed', result: '已约谈整改' },
        entry: {
          at: '2025-05-16T09:00:00+08:00',
          actor: '李四',
          action: 'close',
          from: 'in_progress',
          to: 'closed',
          details: { result: '已约谈整改' },
        },
      });
      const store = await ctx.reopen();
      const tip = await store.getTip('tip-w1');
      expect(tip).toMatchObject({
        status: 'closed',
        result: '已约谈整改',
        assignee: '李四',
        team: '第二巡察组',
      });
      const history = await store.tipHistory('tip-w1');
      expect(history.map((h) => [h.seq, h.action, h.from, h.to, h.actor])).toEqual([
        [1, 'assign', 'new', 'assigned', '张三'],
        [2, 'start', 'assigned', 'in_progress', '李四'],
        [3, 'close', 'in_progress', 'closed', '李四'],
      ]);
      expect(history[0]).toMatchObject({
        tipId: 'tip-w1',
        at: '2025-05-14T09:00:00+08:00',
        note: '请核实',
        details: { team: '第二巡察组', assignee: '李四', dueAt: '2025-05-20T23:59:59+08:00' },
      });
      expect(history[1]?.note).toBeUndefined();
      expect((await store.listTips({ status: 'closed' })).tips.map((t) => t.id)).toEqual(['tip-w1']);
      expect(await store.tipHistory('tip-none')).toEqual([]);
    });

    it('refuses a step planned from a status the tip no longer has, and an unknown tip', async () => {
      await seedTip(ctx.store(), 'w2', 'tip-w2');
      await ctx
        .store()
        .updateTipWorkflow(assign('tip-w2', '2025-05-14T09:00:00+08:00', '2025-05-20T00:00:00Z'));
      await expect(
        ctx.store().updateTipWorkflow(assign('tip-w2', '2025-05-14T10:00:00+08:00', '2025-05-21T00:00:00Z')),
      ).rejects.toMatchObject({ code: 'E_STORE_CONFLICT' });
      await expect(
        ctx
          .store()
          .updateTipWorkflow(assign('tip-none', '2025-05-14T10:00:00+08:00', '2025-05-21T00:00:00Z')),
      ).rejects.toMatchObject({ code: 'E_STORE_NOT_FOUND' });
      // The refused step left neither a change nor a history entry.
      expect((await ctx.store().getTip('tip-w2'))?.dueAt).toBe('2025-05-20T00:00:00Z');
      expect(await ctx.store().tipHistory('tip-w2')).toHaveLength(1);
    });

    it('lists open tips past their due time, most overdue first', async () => {
      for (const [key, id] of [
        ['o1', 'tip-o1'],
        ['o2', 'tip-o2'],
        ['o3', 'tip-o3'],
      ] as const)
        await seedTip(ctx.store(), key, id);
      // Offsets differ on purpose: 2025-05-20T02:00+08:00 (18:00Z) is due before 2025-05-19T20:00Z, although
      // it sorts after it as text.
      await ctx
        .store()
        .updateTipWorkflow(assign('tip-o1', '2025-05-14T09:00:00+08:00', '2025-05-20T02:00:00+08:00'));
      await ctx
        .store()
        .updateTipWorkflow(assign('tip-o2', '2025-05-14T09:00:00+08:00', '2025-05-19T20:00:00Z'));
      await ctx
        .store()
        .updateTipWorkflow(assign('tip-o3', '2025-05-14T09:00:00+08:00', '2025-05-25T00:00:00+08:00'));
      expect((await ctx.store().overdueTips('2025-05-21T00:00:00+08:00')).map((t) => t.id)).toEqual([
        'tip-o1',
        'tip-o2',
      ]);
      expect(await ctx.store().overdueTips('2025-05-19T00:00:00+08:00')).toEqual([]);
      await ctx.store().updateTipWorkflow({
        tipId: 'tip-o1',
        expectedStatus: 'assigned',
        patch: { status: 'dismissed', dismissReason: 'duplicate' },
        entry: {
          at: '2025-05-20T09:00:00+08:00',
          actor: 'x',
          action: 'dismiss',
          from: 'assigned',
          to: 'dismissed',
        },
      });
      expect((await ctx.store().overdueTips('2025-05-21T00:00:00+08:00')).map((t) => t.id)).toEqual([
        'tip-o2',
      ]);
      expect((await ctx.store().getTip('tip-o1'))?.dismissReason).toBe('duplicate');
    });

    it('records a suggestion with a 误报 dismissal, once per phrase, and decides it once', async () => {
      await seedTip(ctx.store(), 's1', 'tip-s1');
      await seedTip(ctx.store(), 's2', 'tip-s2');
      const dismiss = (tipId: string): TipWorkflowUpdate => ({
        tipId,
        expectedStatus: 'new',
        patch: { status: 'dismissed', dismissReason: 'false_positive' },
        entry: {
          at: '2025-05-14T09:00:00+08:00',
          actor: '张三',
          action: 'dismiss',
          from: 'new',
          to: 'dismissed',
        },
        suggestion: { phrase: '收费公示' },
      });
      await ctx.store().updateTipWorkflow(dismiss('tip-s1'));
      await ctx.store().updateTipWorkflow(dismiss('tip-s2'));
      const pending = await ctx.store().listSuggestions('pending');
      expect(pending).toHaveLength(1);
      expect(pending[0]).toMatchObject({
        roundId: 'r1',
        unitId: 'u1',
        phrase: '收费公示',
        tipId: 'tip-s1',
        status: 'pending',
        createdBy: '张三',
      });
      const id = pending[0]?.id ?? '';
      const decided = await ctx
        .store()
        .decideSuggestion(id, { status: 'accepted', by: 'admin', at: '2025-05-15T09:00:00+08:00' });
      expect(decided).toMatchObject({ id, status: 'accepted', decidedBy: 'admin' });
      await expect(
        ctx
          .store()
          .decideSuggestion(id, { status: 'rejected', by: 'admin', at: '2025-05-15T10:00:00+08:00' }),
      ).rejects.toMatchObject({ code: 'E_STORE_CONFLICT' });
      await expect(
        ctx
          .store()
          .decideSuggestion('nope', { status: 'rejected', by: 'admin', at: '2025-05-15T10:00:00+08:00' }),
      ).rejects.toMatchObject({ code: 'E_STORE_NOT_FOUND' });
      const store = await ctx.reopen();
      expect((await store.listSuggestions('accepted')).map((s) => s.phrase)).toEqual(['收费公示']);
      expect(await store.listSuggestions('pending')).toEqual([]);
      expect(await store.listSuggestions()).toHaveLength(1);
    });

    it('reports level counts per unit, new tips, top stories and the tip backlog for a period', async () => {
      const store = ctx.store();
      const red = makeAssessment({ units: [EDU], score: 80, level: 'red' });
      const a1 = makeArticle({ key: 'r1', sourceName: '甲网', assessments: [red] });
      const a1b = makeArticle({ key: 'r1b', sourceName: '乙网', assessments: [red] });
      const a1c = makeArticle({ key: 'r1c', sourceName: '乙网', assessments: [red] });
      const a2 = makeArticle({
        key: 'r2',
        assessments: [
          makeAssessment({ units: [EDU, HOSPITAL], score: 20, level: 'yellow' }),
          // Another round's red must not colour this round's counts.
          makeAssessment({ roundId: 'r9', units: [EDU], score: 90, level: 'red' }),
        ],
      });
      // Outside the period (published the day before).
      const old = makeArticle({
        key: 'old',
        publishedAt: '2025-05-12T09:00:00+08:00',
        assessments: [makeAssessment({ units: [EDU], score: 40, level: 'orange' })],
      });
      await store.ingest({
        article: a1,
        tips: [makeTip(a1, { id: 'rt1', createdAt: '2025-05-13T10:00:00+08:00' })],
      });
      await store.ingest({ article: a1b, joinClusterId: a1.id, tips: [] });
      await store.ingest({ article: a1c, joinClusterId: a1.id, tips: [] });
      await store.ingest({ article: a2, tips: [] });
      await store.ingest({
        article: old,
        tips: [makeTip(old, { id: 'rt0', createdAt: '2025-05-12T10:00:00+08:00' })],
      });
      const data = await store.reportData('r1', '2025-05-13T00:00:00+08:00', '2025-05-13T23:59:59+08:00');
      expect(data.roundId).toBe('r1');
      const counts = Object.fromEntries(data.unitLevels.map((u) => [u.unitId, u.counts]));
      expect(counts).toEqual({
        u1: { red: 3, orange: 0, yellow: 1, green: 0 },
        u2: { red: 0, orange: 0, yellow: 1, green: 0 },
      });
      expect(data.newTips.map((t) => [t.id, t.status])).toEqual([['rt1', 'new']]);
      expect(data.topStories.map((s) => [s.clusterId, s.size, s.sites, s.unitIds])).toEqual([
        [a1.id, 3, 2, ['u1']],
        [a2.id, 1, 1, ['u1', 'u2']],
      ]);
      expect(data.topStories[0]).toMatchObject({ title: a1.title, url: a1.url, level: 'red' });
      expect(data.tipStatusCounts).toEqual({ new: 2, assigned: 0, in_progress: 0, closed: 0, dismissed: 0 });
      const none = await store.reportData('r1', '2025-06-01T00:00:00+08:00', '2025-06-02T00:00:00+08:00');
      expect(none.unitLevels).toEqual([]);
      expect(none.newTips).toEqual([]);
      expect(none.topStories).toEqual([]);
      await expect(store.reportData('r1', 'yesterday', '2025-06-02T00:00:00+08:00')).rejects.toMatchObject({
        code: 'E_STORE_INPUT',
      });
    });

    it('limits report data to some units: counts, their stories beyond the round top 10, tips, backlog', async () => {
      const store = ctx.store();
      // Eleven two-item stories of u2 fill the round's top 10 before any of u1's one-item stories.
      for (let i = 0; i < 11; i++) {
        const assessments = [makeAssessment({ units: [HOSPITAL], score: 40, level: 'orange' })];
        const big = makeArticle({ key: `big${i}`, assessments });
        const copy = makeArticle({ key: `big${i}b`, sourceName: '乙网', assessments });
        const tips = i === 0 ? [makeTip(big, { id: 'st-u2', ...HOSPITAL })] : [];
        await store.ingest({ article: big, tips });
        await store.ingest({ article: copy, joinClusterId: big.id, tips: [] });
      }
      const edu = makeArticle({
        key: 'edu',
        assessments: [makeAssessment({ units: [EDU], score: 80, level: 'red' })],
      });
      const shared = makeArticle({
        key: 'shared',
        assessments: [makeAssessment({ units: [EDU, HOSPITAL], score: 20, level: 'yellow' })],
      });
      // u1's story of the day before: its tip is in the backlog, not among the new tips.
      const old = makeArticle({
        key: 'old-edu',
        publishedAt: '2025-05-12T09:00:00+08:00',
        assessments: [makeAssessment({ units: [EDU], score: 80, level: 'red' })],
      });
      await store.ingest({ article: edu, tips: [makeTip(edu, { id: 'st-u1' })] });
      await store.ingest({ article: shared, tips: [] });
      await store.ingest({
        article: old,
        tips: [makeTip(old, { id: 'st-old', createdAt: '2025-05-12T10:00:00+08:00' })],
      });
      await store.updateTipWorkflow(assign('st-old', '2025-05-13T09:00:00+08:00', '2025-05-20T00:00:00Z'));
      const period = ['2025-05-13T00:00:00+08:00', '2025-05-13T23:59:59+08:00'] as const;

      const round = await store.reportData('r1', ...period);
      expect(round.topStories).toHaveLength(10);
      expect(round.topStories.map((s) => s.clusterId)).not.toContain(edu.id);
      expect(round.tipStatusCounts).toEqual({ new: 2, assigned: 1, in_progress: 0, closed: 0, dismissed: 0 });

      const u1 = await store.reportData('r1', ...period, { unitIds: ['u1'] });
      expect(u1.unitLevels).toEqual([{ unitId: 'u1', counts: { red: 1, orange: 0, yellow: 1, green: 0 } }]);
      // Ranked as the round's; the shared story still names both of its units.
      expect(u1.topStories.map((s) => [s.clusterId, s.size, s.unitIds])).toEqual([
        [edu.id, 1, ['u1']],
        [shared.id, 1, ['u1', 'u2']],
      ]);
      expect(u1.newTips.map((t) => t.id)).toEqual(['st-u1']);
      expect(u1.tipStatusCounts).toEqual({ new: 1, assigned: 1, in_progress: 0, closed: 0, dismissed: 0 });

      const u2 = await store.reportData('r1', ...period, { unitIds: ['u2', 'u9'] });
      expect(u2.unitLevels.map((u) => [u.unitId, u.counts.orange, u.counts.yellow])).toEqual([['u2', 22, 1]]);
      expect(u2.topStories).toHaveLength(10);
      expect(u2.topStories.every((s) => s.unitIds.includes('u2'))).toBe(true);
      expect(u2.newTips.map((t) => t.id)).toEqual(['st-u2']);
      expect(u2.tipStatusCounts).toEqual({ new: 1, assigned: 0, in_progress: 0, closed: 0, dismissed: 0 });

      // No units: nothing, not the whole round.
      const none = await store.reportData('r1', ...period, { unitIds: [] });
      expect([none.unitLevels, none.newTips, none.topStories]).toEqual([[], [], []]);
      expect(none.tipStatusCounts).toEqual({ new: 0, assigned: 0, in_progress: 0, closed: 0, dismissed: 0 });
      // An empty scope object is no limit.
      expect(await store.reportData('r1', ...period, {})).toEqual(round);
    });
  });
}
