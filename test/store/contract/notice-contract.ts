import { describe, expect, it } from 'vitest';
import type { Notice } from '../../../core/types.js';
import { makeArticle, makeAssessment, makeTip } from '../fixtures.js';
import type { ContractContext } from './context.js';

const EDU = { unitId: 'u1', unitName: '某某县教育局' };

function notice(overrides: Partial<Notice> = {}): Notice {
  return {
    kind: 'source-health',
    title: '信息源异常：示例新闻网',
    lines: ['连续 3 次抓取失败', '最近错误：HTTP 503'],
    ...overrides,
  };
}

function soon(): string {
  return new Date(Date.now() + 60_000).toISOString();
}

/** Notices in the outbox, escalation of a tip whose story's level rises, and merged deliveries. */
export function noticeContract(ctx: ContractContext): void {
  describe('notices and escalation', () => {
    it('queues a notice once per dedup key and channel, and keeps it across a restart', async () => {
      const withFile = notice({
        kind: 'digest',
        attachments: [{ filename: '日报.docx', contentType: 'application/x', contentBase64: 'AAEC' }],
      });
      const ids = await ctx.store().enqueueNotice(['email', 'wecom', 'email'], withFile, 'digest:2026-11-22');
      expect(ids).toHaveLength(2);
      expect(await ctx.store().enqueueNotice(['email', 'wecom'], withFile, 'digest:2026-11-22')).toEqual([]);
      const more = await ctx.store().enqueueNotice(['email', 'feishu'], withFile, 'digest:2026-11-22');
      expect(more).toHaveLength(1);
      const store = await ctx.reopen();
      const due = await store.dueAlerts(soon(), 10);
      expect(due.map((a) => a.channel).sort()).toEqual(['email', 'feishu', 'wecom']);
      for (const alert of due) {
        expect(alert).toMatchObject({ tipId: '', status: 'pending', attempts: 0 });
        expect(alert.noticeId).toBeTruthy();
        expect(await store.getNotice(alert.noticeId ?? '')).toEqual(withFile);
      }
      expect(await store.getNotice('no-such-notice')).toBeUndefined();
    });

    it('gives a notice the same retries and dead state as a tip alert', async () => {
      const [id] = await ctx.store().enqueueNotice(['hook'], notice(), 'health:news:1');
      await ctx.store().markAlertFailed(id ?? '', 'HTTP 500', '2999-01-01T00:00:00Z', false);
      expect(await ctx.store().dueAlerts(soon(), 10)).toEqual([]);
      await ctx.store().markAlertFailed(id ?? '', 'HTTP 500', '2999-01-01T00:00:00Z', true);
      const [dead] = await ctx.store().listAlerts('dead');
      expect(dead).toMatchObject({ id, attempts: 2, lastError: 'HTTP 500' });
    });

    it('rejects an empty dedup key', async () => {
      await expect(ctx.store().enqueueNotice(['email'], notice(), '')).rejects.toThrow(/dedupKey/);
    });

    it('raises a tip once when its story gets more severe, never again at the same level', async () => {
      const a = makeArticle({
        key: 'e1',
        assessments: [makeAssessment({ units: [EDU], score: 20, level: 'yellow' })],
      });
      await ctx
        .store()
        .ingest({ article: a, tips: [makeTip(a, { id: 'tip-e', level: 'yellow', score: 20 })] });
      const repost = makeArticle({ key: 'e2' });
      const same = await ctx.store().ingest({
        article: repost,
        joinClusterId: a.id,
        tips: [makeTip(repost, { id: 'tip-e', clusterId: a.id, level: 'yellow', score: 26 })],
      });
      expect(same.createdTipIds).toEqual([]);
      expect(same.escalatedTipIds ?? []).toEqual([]);
      expect(await ctx.store().listAlerts()).toHaveLength(2);

      const red = makeArticle({ key: 'e3' });
      const raised = await ctx.store().ingest({
        article: red,
        joinClusterId: a.id,
        tips: [makeTip(red, { id: 'tip-e', clusterId: a.id, level: 'red', score: 70, channels: ['email'] })],
      });
      expect(raised.escalatedTipIds).toEqual(['tip-e']);
      expect(await ctx.store().getTip('tip-e')).toMatchObject({ level: 'red', score: 70, articleId: a.id });
      const upgrades = (await ctx.store().listAlerts()).filter((x) => x.upgrade);
      expect(upgrades).toHaveLength(1);
      expect(upgrades[0]).toMatchObject({
        tipId: 'tip-e',
        channel: 'email',
        level: 'red',
        status: 'pending',
      });

      const again = makeArticle({ key: 'e4' });
      const repeat = await ctx.store().ingest({
        article: again,
        joinClusterId: a.id,
        tips: [
          makeTip(again, { id: 'tip-e', clusterId: a.id, level: 'red', score: 90, channels: ['email'] }),
        ],
      });
      expect(repeat.escalatedTipIds ?? []).toEqual([]);
      expect(await ctx.store().listAlerts()).toHaveLength(3);
    });

    it('marks a merged batch sent all at once, or none when one id is unknown', async () => {
      const a = makeArticle({ key: 'm1' });
      await ctx.store().ingest({ article: a, tips: [makeTip(a, { id: 'tip-m', channels: ['wecom'] })] });
      const [n1, n2] = await ctx.store().enqueueNotice(['wecom', 'email'], notice(), 'k1');
      const due = await ctx.store().dueAlerts(soon(), 10);
      const wecom = due.filter((x) => x.channel === 'wecom').map((x) => x.id);
      expect(wecom).toHaveLength(2);
      await expect(ctx.store().markAlertsSent([...wecom, 'no-such-alert'], soon())).rejects.toThrow(
        /no-such-alert/,
      );
      expect(await ctx.store().listAlerts('sent')).toEqual([]);
      await ctx.store().markAlertsSent(wecom, '2026-11-22T10:00:00+08:00');
      const sent = await ctx.store().listAlerts('sent');
      expect(sent.map((x) => x.id).sort()).toEqual([...wecom].sort());
      expect(sent.every((x) => x.attempts === 1 && x.sentAt === '2026-11-22T10:00:00+08:00')).toBe(true);
      expect((await ctx.store().dueAlerts(soon(), 10)).map((x) => x.id)).toEqual(
        [n1, n2].filter((id) => !wecom.includes(id ?? '')),
      );
    });
  });
}
