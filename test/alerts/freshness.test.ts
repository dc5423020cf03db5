import { describe, expect, it } from 'vitest';
import { freshness } from '../../alerts/freshness.js';
import type { RoundConfig } from '../../config/schema.js';

const round = {
  id: 'r',
  phases: { entry: { start: '2026-11-01', end: '2027-01-15' } },
} as unknown as RoundConfig;
const policy = { maxAgeDays: 7, timezone: 'Asia/Shanghai' };
const now = new Date('2026-12-07T06:00:00Z');
const fetchedAt = now.toISOString();

describe('freshness', () => {
  it('alerts on an item published within the age limit', () => {
    expect(freshness({ publishedAt: '2026-12-06T10:00:00+08:00', fetchedAt }, round, now, policy)).toEqual({
      alertable: true,
      basis: 'published',
    });
  });

  it('never alerts on a page published years ago, whenever it is found', () => {
    const old = freshness({ publishedAt: '2018-05-13T07:34:00+08:00', fetchedAt }, round, now, policy);
    expect(old.alertable).toBe(false);
    expect(old.alertable === false && old.reason).toContain('7 天');
  });

  it('takes the configured age, not a fixed one', () => {
    const item = { publishedAt: '2026-11-20T10:00:00+08:00', fetchedAt };
    expect(freshness(item, round, now, policy).alertable).toBe(false);
    expect(freshness(item, round, now, { ...policy, maxAgeDays: 30 }).alertable).toBe(true);
  });

  it('refuses an item from long before the round started even when the age limit is generous', () => {
    const item = { publishedAt: '2026-09-01T10:00:00+08:00', fetchedAt };
    const wide = { ...policy, maxAgeDays: 120 };
    expect(freshness(item, round, now, wide).alertable).toBe(true);
    const later = { ...round, phases: { entry: { start: '2027-01-10', end: '2027-02-01' } } } as RoundConfig;
    const judged = freshness(item, later, now, wide);
    expect(judged.alertable === false && judged.reason).toContain('本轮巡察开始');
  });

  it('judges an undated item by first-seen time', () => {
    expect(freshness({ fetchedAt }, round, now, policy)).toEqual({ alertable: true, basis: 'first-seen' });
    const stale = freshness({ fetchedAt: '2026-11-01T00:00:00Z' }, round, now, policy);
    expect(stale.alertable).toBe(false);
  });
});
