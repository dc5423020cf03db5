import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  ALL_ITEMS,
  findItem,
  GBK_ITEM,
  GBK_ITEMS,
  itemBody,
  PLANTED,
  REPOSTS,
  SIMILAR_UNIT,
  SPA_ITEM,
} from '../../demo/content/index.js';
import { formatChineseDate, rfc822 } from '../../demo/render/dates.js';
import { lcsRatio, mentionsCityBureau } from './text-checks.js';

const must = (path: string) => {
  const item = findItem(path);
  if (!item) throw new Error(`no demo item at ${path}`);
  return item;
};

describe('demo content', () => {
  it('has 12-16 items with unique paths across all five sections', () => {
    expect(ALL_ITEMS.length).toBeGreaterThanOrEqual(12);
    expect(ALL_ITEMS.length).toBeLessThanOrEqual(16);
    expect(new Set(ALL_ITEMS.map((i) => i.path)).size).toBe(ALL_ITEMS.length);
    expect(new Set(ALL_ITEMS.map((i) => i.section))).toEqual(new Set(['news', 'forum', 'mp', 'gbk', 'spa']));
    expect(new Set(ALL_ITEMS.map((i) => i.dateStyle)).size).toBe(5);
  });

  it('plants a long, strongly negative post about 明州市住建局 at the spec path', () => {
    expect(PLANTED).toEqual({
      path: '/forum/thread-1001.html',
      title: '实名举报明州市住建局工作人员违规收费、吃拿卡要，群众多次反映无人处理',
    });
    const body = itemBody(must(PLANTED.path));
    expect([...body].length).toBeGreaterThanOrEqual(500);
    for (const word of [
      '违规收费',
      '吃拿卡要',
      '索要好处费',
      '推诿扯皮',
      '不作为',
      '拖欠农民工工资',
      '信访举报',
    ]) {
      expect(body).toContain(word);
    }
    expect(body).toContain('明州市住房和城乡建设局');
  });

  it('reposts keep at least 95 % of the planted text', () => {
    const planted = itemBody(must(PLANTED.path));
    expect(REPOSTS.map((r) => r.path)).toEqual(['/news/2001.html', expect.stringMatching(/^\/mp\/s\/\w+$/)]);
    for (const repost of REPOSTS) {
      const ratio = lcsRatio(planted, itemBody(must(repost.path)));
      expect(ratio, repost.path).toBeGreaterThanOrEqual(0.95);
      expect(ratio, repost.path).toBeLessThan(1);
      expect(repost.title).toContain('明州市住建局工作人员违规收费、吃拿卡要');
    }
  });

  it('keeps the similar-unit story about 明湖区住建局 only', () => {
    const item = must(SIMILAR_UNIT.path);
    const text = `${item.title}\n${itemBody(item)}\n${item.source}\n${item.column}`;
    expect(text).toContain('明湖区住建局');
    expect(text).toContain('违规收费');
    expect(mentionsCityBureau(text)).toBe(false);
    expect(mentionsCityBureau('他们去了明州市住建局')).toBe(true);
  });

  it('mentions each watched unit in its planted item', () => {
    expect(itemBody(must(GBK_ITEM.path))).toContain('青石镇政府');
    expect(itemBody(must(GBK_ITEM.path))).toContain('群众反映办事难');
    expect(`${SPA_ITEM.title}${itemBody(must(SPA_ITEM.path))}`).toContain('市市场监管局');
  });

  it('only uses characters that survive a GBK round trip on the GBK site', () => {
    for (const item of GBK_ITEMS) {
      const text = `${item.title}${itemBody(item)}${item.source}${item.column}${item.author ?? ''}`;
      expect(iconv.decode(iconv.encode(text, 'gbk'), 'gbk'), item.path).toBe(text);
    }
  });
});

describe('demo dates', () => {
  // 2026-11-22 09:30:15 in Beijing.
  const now = new Date('2026-11-22T01:30:15Z');
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

  it('prints the five styles in Beijing time', () => {
    expect(formatChineseDate(ago(0), 'cn-minute', now)).toBe('2026年11月22日 09:30');
    expect(formatChineseDate(ago(600), 'iso-seconds', now)).toBe('2026-11-21 23:30:15');
    expect(formatChineseDate(ago(600), 'slash-date', now)).toBe('2026/11/21');
    expect(formatChineseDate(ago(200), 'relative', now)).toBe('3小时前');
    expect(formatChineseDate(ago(5), 'relative', now)).toBe('5分钟前');
    expect(formatChineseDate(ago(1440), 'yesterday', now)).toBe('昨天 09:30');
    expect(formatChineseDate(ago(60), 'yesterday', now)).toBe('今天 08:30');
    expect(formatChineseDate(ago(5 * 1440), 'yesterday', now)).toBe('2026-11-17 09:30');
    expect(rfc822(ago(0))).toBe('Sun, 22 Nov 2026 09:30:15 +0800');
  });
});
