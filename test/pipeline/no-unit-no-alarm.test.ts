import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/log.js';
import { levelRank } from '../../core/types.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { namedRound, shippedProcessor } from './fixtures.js';

const article = (title: string, body: string) => ({
  url: `test:${title}`,
  sourceId: 'forum',
  sourceName: '论坛',
  sourceType: 'html' as const,
  title,
  body,
  fetchedAt: '2026-01-01T08:00:00+08:00',
});

describe('no watched unit, no alarm', () => {
  it('a heavy text naming no watched unit is at most yellow, for the article and its assessment', async () => {
    const round = namedRound('清河县住建局');
    for (const rulesOnly of [true, false]) {
      const process = await shippedProcessor(round, rulesOnly);
      const out = process(
        article(
          '剧情讨论：反派局长贪污受贿、索要好处费被刑事拘留',
          '第12集里局长涉嫌贪污受贿、诈骗、非法集资，被纪委留置后刑事拘留，群众举报无门。\n版权声明：未经授权禁止转载，违者追究法律责任。',
        ),
      );
      expect(out.assessments[0]?.units).toEqual([]);
      expect(levelRank(out.level)).toBeLessThanOrEqual(levelRank('yellow'));
      expect(levelRank(out.assessments[0]?.level ?? 'green')).toBeLessThanOrEqual(levelRank('yellow'));
      // The score is capped below the alert line too, and the parts still add up to it.
      expect(out.score).toBeLessThan(round.levels.orange);
      expect(out.assessments[0]?.parts.reduce((s, p) => s + p.points, 0)).toBe(out.score);
    }
  });

  it('stored, it is found by search but never under the red or orange filter', async () => {
    const round = namedRound('清河县住建局');
    const process = await shippedProcessor(round);
    const store = new SqliteStore({
      path: join(mkdtempSync(join(tmpdir(), 'yuqing-nounit-')), 'yuqing.db'),
      logger: silentLogger(),
    });
    await store.init();
    try {
      const named = process(
        article('清河县住建局被指违规收费', '清河县住建局违规收费、吃拿卡要，群众投诉无门。'),
      );
      const unnamed = process(
        article(
          '剧情讨论：局长贪污受贿被刑事拘留',
          '剧中局长涉嫌贪污受贿、诈骗，被刑事拘留。\n未经授权禁止转载。',
        ),
      );
      for (const a of [named, unnamed]) await store.ingest({ article: a, tips: [] });
      expect(levelRank(named.level)).toBeGreaterThanOrEqual(levelRank('orange'));
      const all = await store.search({ terms: [] });
      expect(all.hits.map((h) => h.id).sort()).toEqual([named.id, unnamed.id].sort());
      for (const level of ['red', 'orange'] as const) {
        const exact = await store.search({ terms: [], level });
        expect(exact.hits.map((h) => h.id)).not.toContain(unnamed.id);
      }
      const alarmed = await store.search({ terms: [], minLevel: 'orange' });
      expect(alarmed.total).toBe(1);
      expect(alarmed.hits.map((h) => h.id)).toEqual([named.id]);
    } finally {
      await store.close();
    }
  });

  it('boilerplate lines are not scored: a reprint notice adds nothing to a unit', async () => {
    const round = namedRound('清河县住建局');
    const process = await shippedProcessor(round);
    const body = '清河县住建局召开年度工作会议，总结全年工作。';
    const plain = process(article('会议', body));
    const noted = process(
      article('会议', `${body}\n未经授权禁止转载，违者必究。\n免责声明：本文仅代表作者观点。`),
    );
    expect(noted.score).toBe(plain.score);
  });
});
