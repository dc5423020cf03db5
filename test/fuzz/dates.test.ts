import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseChineseDate } from '../../crawlers/dates.js';

const NOW = new Date('2026-11-23T04:00:00Z');
const options = { timezone: 'Asia/Shanghai', now: NOW };
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[+-]\d{2}:\d{2}|Z)$/;

// Pieces that look like the dates pages print, so the fuzzer reaches the matchers and not only "no date".
const datePiece = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '年',
    '月',
    '日',
    '时',
    '分',
    '前',
    '小时前',
    '天前',
    '昨天',
    '今天',
    '-',
    '/',
    '.',
    ':',
    ' ',
    'T',
    '+08:00',
  ),
  fc.integer({ min: -5, max: 3000 }).map(String),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
);

describe('parseChineseDate on arbitrary text', () => {
  it('never throws and returns either nothing or an ISO time with offset between 1990 and 2100', () => {
    fc.assert(
      fc.property(fc.array(datePiece, { maxLength: 12 }), (pieces) => {
        const result = parseChineseDate(pieces.join(''), options);
        if (result === undefined) return;
        expect(result).toMatch(ISO_WITH_OFFSET);
        const ms = Date.parse(result);
        expect(Number.isNaN(ms)).toBe(false);
        // Future dates are kept (the crawler clamps and flags them); absurd years are not dates.
        expect(ms).toBeGreaterThanOrEqual(Date.parse('1990-01-01T00:00:00+08:00'));
        expect(ms).toBeLessThan(Date.parse('2101-01-01T00:00:00+08:00'));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back every past calendar date it is given in the 年月日 form', () => {
    fc.assert(
      fc.property(
        // Up to 2025: later dates may lie after NOW and are clamped to it by design.
        fc.integer({ min: 1995, max: 2025 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.string({ maxLength: 20 }).filter((s) => !/\d/.test(s)),
        (year, month, day, noise) => {
          const result = parseChineseDate(`${noise} 发布时间：${year}年${month}月${day}日`, options);
          const expected = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          expect(result?.slice(0, 10)).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});
