import { describe, expect, it } from 'vitest';
import { makeArticle, makeAssessment, makeTip } from '../fixtures.js';
import type { ContractContext } from './context.js';

const EDU = { unitId: 'u1', unitName: '某某县教育局' };
const HOSPITAL = { unitId: 'u2', unitName: '某某县人民医院' };

/** Tips and the outbox rows created with them. */
export function tipContract(ctx: ContractContext): void {
  describe('tips', () => {
    it('creates a tip with one pending outbox row per channel', async () => {
      const a = makeArticle({
        key: 't1',
        assessments: [makeAssessment({ units: [EDU], score: 80, level: 'red' })],
      });
      const newTip = makeTip(a, { id: 'tip-1', phase: 'entry', channels: ['email', 'wecom', 'dingtalk'] });
      const result = await ctx.store().ingest({ article: a, tips: [newTip] });
      expect(result.createdTipIds).toEqual(['tip-1']);
      expect(await ctx.store().getTip('tip-1')).toEqual(newTip.tip);
      const alerts = await ctx.store().listAlerts();
      expect(alerts.map((x) => x.channel).sort()).toEqual(['dingtalk', 'email', 'wecom']);
      for (const alert of alerts) {
        expect(alert).toMatchObject({ tipId: 'tip-1', status: 'pending', attempts: 0 });
        expect(alert.sentAt).toBeUndefined();
        expect(alert.lastError).toBeUndefined();
        expect(Number.isNaN(Date.parse(alert.nextAttemptAt))).toBe(false);
        expect(Number.isNaN(Date.parse(alert.createdAt))).toBe(false);
      }
      expect(new Set(alerts.map((x) => x.id)).size).toBe(3);
      expect(await ctx.store().getTip('tip-none')).toBeUndefined();
    });

    it('creates one tip per (round, cluster, unit) even when reposts carry it again', async () => {
      const a = makeArticle({
        key: 't2',
        assessments: [makeAssessment({ units: [EDU], score: 80, level: 'red' })],
      });
      await ctx.store().ingest({ article: a, tips: [makeTip(a, { id: 'tip-a' })] });
      const repost = makeArticle({
        key: 't2-repost',
        assessments: [makeAssessment({ units: [EDU, HOSPITAL], score: 85, level: 'red' })],
      });
      const result = await ctx.store().ingest({
        article: repost,
        joinClusterId: a.id,
        tips: [
          makeTip(a, { id: 'tip-a' }),
          makeTip(repost, { id: 'tip-a-again', clusterId: a.id }),
          makeTip(repost, { id: 'tip-b', clusterId: a.id, ...HOSPITAL }),
        ],
      });
      expect(result.createdTipIds).toEqual(['tip-b']);
      expect(await ctx.store().getTip('tip-a-again')).toBeUndefined();
      const { total, tips } = await ctx.store().listTips();
      expect(total).toBe(2);
      expect(tips.map((t) => t.id).sort()).toEqual(['tip-a', 'tip-b']);
      expect((await ctx.store().listAlerts()).filter((x) => x.tipId === 'tip-a')).toHaveLength(2);
      expect((await ctx.store().listAlerts()).filter((x) => x.tipId === 'tip-b')).toHaveLength(2);
      expect(await ctx.store().listAlerts()).toHaveLength(4);
    });

    it('creates the same unit again in another round or another cluster', async () => {
      const a = makeArticle({ key: 't3' });
      const b = makeArticle({ key: 't4' });
      await ctx.store().ingest({
        article: a,
        tips: [makeTip(a, { id: 'r1-a' }), makeTip(a, { id: 'r2-a', roundId: 'r2' })],
      });
      const result = await ctx.store().ingest({ article: b, tips: [makeTip(b, { id: 'r1-b' })] });
      expect(result.createdTipIds).toEqual(['r1-b']);
      expect((await ctx.store().listTips()).total).toBe(3);
    });

    it('lists tips newest first with filters, paging and total', async () => {
      const a = makeArticle({ key: 'l1' });
      const b = makeArticle({ key: 'l2' });
      await ctx.store().ingest({
        article: a,
        tips: [
          makeTip(a, { id: 'old', level: 'yellow', score: 30, createdAt: '2025-05-10T09:00:00+08:00' }),
          makeTip(a, {
            id: 'mid',
            roundId: 'r2',
            level: 'red',
            score: 90,
            createdAt: '2025-05-11T09:00:00+08:00',
          }),
        ],
      });
      await ctx.store().ingest({
        article: b,
        // 02:00Z is later than 2025-05-11T09:00+08:00 although it sorts earlier as text.
        tips: [
          makeTip(b, {
            id: 'new',
            ...HOSPITAL,
            level: 'orange',
            score: 60,
            createdAt: '2025-05-11T02:00:00Z',
          }),
        ],
      });
      const all = await ctx.store().listTips();
      expect(all.total).toBe(3);
      expect(all.tips.map((t) => t.id)).toEqual(['new', 'mid', 'old']);
      expect((await ctx.store().listTips({ roundId: 'r2' })).tips.map((t) => t.id)).toEqual(['mid']);
      expect((await ctx.store().listTips({ unitId: 'u2' })).tips.map((t) => t.id)).toEqual(['new']);
      expect((await ctx.store().listTips({ minLevel: 'orange' })).tips.map((t) => t.id)).toEqual([
        'new',
        'mid',
      ]);
      expect((await ctx.store().listTips({ status: 'new' })).total).toBe(3);
      expect((await ctx.store().listTips({ status: 'closed' })).total).toBe(0);
      const page = await ctx.store().listTips({ limit: 1, offset: 1 });
      expect(page.total).toBe(3);
      expect(page.tips.map((t) => t.id)).toEqual(['mid']);
    });
  });
}
