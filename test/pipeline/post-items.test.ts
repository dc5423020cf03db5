import { describe, expect, it } from 'vitest';
import { levelRank } from '../../core/types.js';
import { itemAt, postItemStarts } from '../../pipeline/post-items.js';
import { namedRound, shippedProcessor } from './fixtures.js';

// A 公众号-style roundup: one item per organisation, only the first alleges anything.
const ITEMS = [
  ['华信证券', '公司董事长因涉嫌非法吸收公众存款被刑事拘留，公司股价连续跌停，投资者损失惨重。'],
  ['明远科技', '公司发布澄清公告，称近日网传消息与事实不符，目前生产经营一切正常。'],
  ['东方百货', '公司一季度营收同比增长12%，门店客流稳步回升。'],
] as const;

const LAYOUTS: Record<string, string> = {
  numbered: ITEMS.map(([n, t], i) => `${i + 1}、${n}：${t}`).join('\n'),
  headings: ITEMS.map(([n, t]) => `【${n}】\n${t}`).join('\n'),
  enumerated:
    `本周要闻如下：一是${ITEMS.map(([n, t]) => `${n}${t.replace(/。$/, '')}`).join('；二是')}。`.replace(
      /；二是(?=东方)/,
      '；三是',
    ),
};

async function scoreRoundup(body: string) {
  const process = await shippedProcessor(namedRound(...ITEMS.map(([n]) => n)));
  const out = process({
    url: 'test:roundup',
    sourceId: 'wx',
    sourceName: '公众号',
    sourceType: 'html',
    title: '财经早报',
    body: `${body}\n未经授权禁止转载，违者必究。`,
    fetchedAt: '2026-01-01T08:00:00+08:00',
  });
  return out.assessments[0]?.units ?? [];
}

describe('multi-item posts', () => {
  it('finds the items of numbered, headed and 一是/二是 roundups', () => {
    for (const body of Object.values(LAYOUTS)) {
      const starts = postItemStarts(body);
      const at = ITEMS.map(([n]) => itemAt(starts, body.indexOf(n)));
      expect(new Set(at).size).toBe(3);
    }
    expect(postItemStarts('一段普通的正文。\n第二段也没有编号。')).toEqual([0]);
  });

  for (const [layout, body] of Object.entries(LAYOUTS)) {
    it(`${layout}: each organisation is scored on its own item only`, async () => {
      const units = await scoreRoundup(body);
      const byName = new Map(units.map((u) => [u.unitName, u]));
      const accused = byName.get('华信证券');
      expect(levelRank(accused?.level ?? 'green')).toBeGreaterThanOrEqual(levelRank('orange'));
      for (const name of ['明远科技', '东方百货']) {
        const u = byName.get(name);
        expect(levelRank(u?.level ?? 'green'), name).toBeLessThan(levelRank('orange'));
        const quoted = (u?.parts ?? []).map((p) => `${p.label}${p.context ?? ''}`).join('');
        expect(quoted, name).not.toContain('刑事拘留');
      }
      // The accused unit's explanation quotes its own item.
      expect((accused?.parts ?? []).some((p) => p.kind === 'term' && p.points > 0)).toBe(true);
    });
  }
});
