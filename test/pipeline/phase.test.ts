import { describe, expect, it } from 'vitest';
import { phaseAt } from '../../pipeline/phase.js';
import { DEMO_ROUND } from './fixtures.js';

const TZ = 'Asia/Shanghai';

describe('phaseAt', () => {
  it('finds the phase whose window holds the date, both ends inclusive', () => {
    expect(phaseAt(DEMO_ROUND, '2026-11-01T00:00:00+08:00', TZ)).toBe('entry');
    expect(phaseAt(DEMO_ROUND, '2027-01-15T23:59:59+08:00', TZ)).toBe('entry');
    expect(phaseAt(DEMO_ROUND, '2027-03-10T12:00:00+08:00', TZ)).toBe('feedback');
    expect(phaseAt(DEMO_ROUND, '2027-03-16T08:00:00+08:00', TZ)).toBe('rectification');
    expect(phaseAt(DEMO_ROUND, '2027-06-30T20:00:00+08:00', TZ)).toBe('rectification');
  });

  it('is undefined between and outside the windows', () => {
    expect(phaseAt(DEMO_ROUND, '2026-10-31T23:59:59+08:00', TZ)).toBeUndefined();
    expect(phaseAt(DEMO_ROUND, '2027-02-01T10:00:00+08:00', TZ)).toBeUndefined();
    expect(phaseAt(DEMO_ROUND, '2027-07-01T00:00:00+08:00', TZ)).toBeUndefined();
  });

  it('reads the date in the given timezone, not in UTC', () => {
    // 2026-10-31 17:30 UTC is already 2026-11-01 in Shanghai but still 2026-10-31 in London.
    expect(phaseAt(DEMO_ROUND, '2026-10-31T17:30:00Z', TZ)).toBe('entry');
    expect(phaseAt(DEMO_ROUND, '2026-10-31T17:30:00Z', 'Europe/London')).toBeUndefined();
    // A time without an offset is local to the timezone.
    expect(phaseAt(DEMO_ROUND, '2026-11-01T00:10:00', TZ)).toBe('entry');
  });

  it('is undefined for an unparsable time or timezone, and for a round without phases', () => {
    expect(phaseAt(DEMO_ROUND, '昨天 12:30', TZ)).toBeUndefined();
    expect(phaseAt(DEMO_ROUND, '2026-11-05T10:00:00+08:00', 'Not/AZone')).toBeUndefined();
    expect(phaseAt({ ...DEMO_ROUND, phases: {} }, '2026-11-05T10:00:00+08:00', TZ)).toBeUndefined();
  });
});
