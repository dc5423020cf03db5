import { describe, expect, it } from 'vitest';
import { parseChineseDate } from '../../crawlers/dates.js';

const opts = { timezone: 'Asia/Shanghai', now: new Date('2025-05-13T10:00:00+08:00') };

describe('parseChineseDate', () => {
  it.each([
    ['2025年05月13日 07:34', '2025-05-13T07:34:00+08:00'],
    ['2025年5月13日', '2025-05-13T00:00:00+08:00'],
    ['2025年05月13日 07时34分', '2025-05-13T07:34:00+08:00'],
    ['2025-05-13 07:34:53', '2025-05-13T07:34:53+08:00'],
    ['2025-05-13T07:34:53+08:00', '2025-05-13T07:34:53+08:00'],
    ['2025-05-12T23:34:53Z', '2025-05-13T07:34:53+08:00'],
    ['2025/5/13', '2025-05-13T00:00:00+08:00'],
    ['2025.05.13', '2025-05-13T00:00:00+08:00'],
    ['3小时前', '2025-05-13T07:00:00+08:00'],
    ['5分钟前', '2025-05-13T09:55:00+08:00'],
    ['2天前', '2025-05-11T10:00:00+08:00'],
    ['刚刚', '2025-05-13T10:00:00+08:00'],
    ['昨天 12:30', '2025-05-12T12:30:00+08:00'],
    ['前天 08:00', '2025-05-11T08:00:00+08:00'],
    ['今天 09:15', '2025-05-13T09:15:00+08:00'],
    ['05-13 07:34', '2025-05-13T07:34:00+08:00'],
    ['12-31 07:00', '2024-12-31T07:00:00+08:00'],
    ['Tue, 13 May 2025 07:34:00 +0800', '2025-05-13T07:34:00+08:00'],
    ['Mon, 12 May 2025 23:34:00 GMT', '2025-05-13T07:34:00+08:00'],
    ['Tue, 13 May 2025 07:34:00 CST', '2025-05-13T07:34:00+08:00'],
    ['时间：2025-05-13 下午3:05', '2025-05-13T15:05:00+08:00'],
    ['发布时间：2025年05月13日 07:34 来源：青石日报', '2025-05-13T07:34:00+08:00'],
  ])('parses %s', (text, expected) => {
    expect(parseChineseDate(text, opts)).toBe(expected);
  });

  it('uses the given timezone for dates without offset', () => {
    expect(parseChineseDate('2025-05-13 07:34', { ...opts, timezone: 'UTC' })).toBe('2025-05-13T07:34:00Z');
  });

  it('returns undefined for nonsense', () => {
    for (const text of ['', '没有日期的句子', '2025-13-45', '版本 1.2.3', '电话 0571-8888']) {
      expect(parseChineseDate(text, opts)).toBeUndefined();
    }
  });

  it('keeps a future date as written (the crawler clamps and flags it)', () => {
    expect(parseChineseDate('2030-01-01 08:00', opts)).toBe('2030-01-01T08:00:00+08:00');
    expect(parseChineseDate('2025-05-14 08:00', opts)).toBe('2025-05-14T08:00:00+08:00');
  });
});

describe('parseChineseDate on relative and yearless forms', () => {
  // A Sunday, late evening: weeks start on Monday.
  const sunday = { timezone: 'Asia/Shanghai', now: new Date('2025-06-01T21:00:00+08:00') };
  it.each([
    ['半小时前', '2025-06-01T20:30:00+08:00'],
    ['两小时前', '2025-06-01T19:00:00+08:00'],
    ['十分钟前', '2025-06-01T20:50:00+08:00'],
    ['三天前', '2025-05-29T21:00:00+08:00'],
    ['昨日', '2025-05-31T00:00:00+08:00'],
    ['昨日 10:20', '2025-05-31T10:20:00+08:00'],
    ['昨天下午3:05', '2025-05-31T15:05:00+08:00'],
    ['大前天 08:00', '2025-05-29T08:00:00+08:00'],
    ['上周三', '2025-05-21T00:00:00+08:00'],
    ['上周三 15:06', '2025-05-21T15:06:00+08:00'],
    ['本周一 09:00', '2025-05-26T09:00:00+08:00'],
    ['刚才', '2025-06-01T21:00:00+08:00'],
    ['( 2012-06-04 09:20:26 )', '2012-06-04T09:20:26+08:00'],
    ['【2019-03-06 11:05】', '2019-03-06T11:05:00+08:00'],
  ])('parses %s', (text, expected) => {
    expect(parseChineseDate(text, sunday)).toBe(expected);
  });

  it('never resolves a date without a year into the future', () => {
    expect(parseChineseDate('08-02 14:30', sunday)).toBe('2024-08-02T14:30:00+08:00');
    expect(parseChineseDate('6月2日', sunday)).toBe('2024-06-02T00:00:00+08:00');
    expect(parseChineseDate('06-01 23:30', sunday)).toBe('2025-06-01T23:30:00+08:00');
    expect(parseChineseDate('5月31日', sunday)).toBe('2025-05-31T00:00:00+08:00');
  });

  it('does not read 今日 in prose as a date', () => {
    expect(parseChineseDate('自今日起实施', sunday)).toBeUndefined();
  });
});
