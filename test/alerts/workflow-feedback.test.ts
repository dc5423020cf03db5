import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { routeTips } from '../../alerts/routing.js';
import { applyExclusions } from '../../alerts/workflow/exclusions.js';
import { overdueReminders, remindOverdue } from '../../alerts/workflow/overdue.js';
import { transitionTip } from '../../alerts/workflow/service.js';
import { type Keyword, type RoundConfig, roundSchema } from '../../config/schema.js';
import { silentLogger } from '../../core/log.js';
import type { ExtractedArticle } from '../../core/types.js';
import { createProcessor } from '../../pipeline/process.js';
import { createJiebaSegmenter } from '../../pipeline/segmenter.js';
import { userDictionary } from '../../pipeline/user-dictionary.js';
import type { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { openTempStore, type TempStore } from '../helpers/temp-store.js';

const LEXICON: Keyword[] = [{ term: '吃拿卡要', category: '侵害群众利益', weight: 10 }];
const ROUND: RoundConfig = roundSchema.parse({
  id: 'r4',
  name: '明州市委2026年第四轮巡察',
  units: [
    { id: 'zjj', name: '明州市住房和城乡建设局', aliases: ['市住建局'], team: '第一巡察组' },
    { id: 'qsz', name: '青石镇人民政府', aliases: ['青石镇政府'], team: '第二巡察组' },
  ],
  alerts: [{ minLevel: 'yellow', channels: ['office-mail'] }],
  sources: ['news'],
});

function article(key: string): ExtractedArticle {
  return {
    url: `https://news.example.cn/${key}.html`,
    sourceId: 'news',
    sourceName: '示例新闻网',
    sourceType: 'html',
    title: '市住建局窗口吃拿卡要问题调查',
    body: '有群众反映市住建局办事窗口存在吃拿卡要现象。',
    publishedAt: '2026-11-05T09:00:00+08:00',
    fetchedAt: '2026-11-05T10:00:00+08:00',
  };
}

function processorFor(rounds: RoundConfig[]) {
  return createProcessor({
    rounds,
    lexicon: LEXICON,
    segmenter: createJiebaSegmenter(userDictionary(rounds, LEXICON)),
    timezone: 'Asia/Shanghai',
  });
}

describe('feedback into scoring and overdue reminders', () => {
  let temp: TempStore | undefined;
  let store: SqliteStore;

  beforeEach(async () => {
    temp = await openTempStore('yq-feedback-');
    store = temp.store;
  });

  afterEach(async () => {
    await temp?.dispose();
  });

  it('a 误报 phrase, once accepted, no longer makes a tip in that round', async () => {
    const before = processorFor([ROUND])(article('a'));
    const tips = routeTips(before, before.id, [ROUND], '2026-11-05T10:00:00+08:00');
    expect(tips).toHaveLength(1);
    await store.ingest({ article: before, tips });
    const tipId = tips[0]?.tip.id ?? '';
    await transitionTip(
      store,
      tipId,
      { action: 'dismiss', reason: 'false_positive', phrase: '吃拿卡要', note: '这个词在这里不是风险' },
      { actor: '监测员', at: '2026-11-05T11:00:00+08:00' },
    );
    // Pending: nothing changes until an admin accepts it.
    expect(applyExclusions([ROUND], await store.listSuggestions('accepted'))).toEqual([ROUND]);
    const [suggestion] = await store.listSuggestions('pending');
    expect(suggestion).toMatchObject({ roundId: 'r4', unitId: 'zjj', phrase: '吃拿卡要', tipId });
    await store.decideSuggestion(suggestion?.id ?? '', {
      status: 'accepted',
      by: 'admin',
      at: '2026-11-05T12:00:00+08:00',
    });
    const rounds = applyExclusions([ROUND], await store.listSuggestions('accepted'));
    expect(rounds[0]?.units[0]?.exclude).toEqual(['吃拿卡要']);
    expect(ROUND.units[0]?.exclude).toEqual([]);
    const after = processorFor(rounds)(article('b'));
    expect(after.score).toBeLessThan(before.score);
    expect(after.assessments[0]?.parts.some((p) => p.term === '吃拿卡要')).toBe(false);
    expect(routeTips(after, after.id, rounds, '2026-11-06T10:00:00+08:00')).toEqual([]);
  });

  it('reminds each team of its overdue tips once a day through the outbox', async () => {
    const processed = processorFor([ROUND])(article('o'));
    const tips = routeTips(processed, processed.id, [ROUND], '2026-11-05T10:00:00+08:00');
    await store.ingest({ article: processed, tips });
    const tipId = tips[0]?.tip.id ?? '';
    await transitionTip(
      store,
      tipId,
      { action: 'assign', team: '第一巡察组', assignee: '李四', dueAt: '2026-11-10T23:59:59+08:00' },
      { actor: '张三', at: '2026-11-05T11:00:00+08:00' },
    );
    const channelsFor = (team: string) => (team === '第一巡察组' ? ['team1-wecom'] : []);
    const deps = { store, timeZone: 'Asia/Shanghai', channelsFor, logger: silentLogger() };
    // Not yet due.
    expect(await remindOverdue({ ...deps, now: () => new Date('2026-11-10T12:00:00+08:00') })).toBe(0);
    expect(await remindOverdue({ ...deps, now: () => new Date('2026-11-12T09:00:00+08:00') })).toBe(1);
    // Same day again: nothing new; the next day: a new reminder.
    expect(await remindOverdue({ ...deps, now: () => new Date('2026-11-12T15:00:00+08:00') })).toBe(0);
    expect(await remindOverdue({ ...deps, now: () => new Date('2026-11-13T09:00:00+08:00') })).toBe(1);
    const alerts = await store.listAlerts();
    expect(alerts.map((a) => a.channel).sort()).toEqual(['office-mail', 'team1-wecom', 'team1-wecom']);
    const [reminder] = overdueReminders(await store.overdueTips('2026-11-12T09:00:00+08:00'), {
      now: '2026-11-12T09:00:00+08:00',
      timeZone: 'Asia/Shanghai',
      channelsFor,
    });
    expect(reminder).toMatchObject({ team: '第一巡察组', dedupKey: 'overdue:第一巡察组:2026-11-12' });
    expect(reminder?.notice.title).toBe('【逾期提醒】第一巡察组：1 条线索已超过办理期限');
    expect(reminder?.notice.lines[0]).toContain('承办人 李四，期限 2026-11-10 23:59，已逾期 2 天');
    // Closing the tip ends the reminders.
    await transitionTip(
      store,
      tipId,
      { action: 'start' },
      { actor: '李四', at: '2026-11-13T10:00:00+08:00' },
    );
    await transitionTip(
      store,
      tipId,
      { action: 'close', result: '已整改' },
      { actor: '李四', at: '2026-11-13T11:00:00+08:00' },
    );
    expect(await remindOverdue({ ...deps, now: () => new Date('2026-11-14T09:00:00+08:00') })).toBe(0);
  });
});
