import { describe, expect, it } from 'vitest';
import { retryAfterMs } from '../../core/retry-after.js';

const NOW = new Date('2026-05-13T10:00:00Z');

describe('retryAfterMs', () => {
  it('reads delta-seconds and HTTP dates, never a negative wait', () => {
    expect(retryAfterMs('120', NOW)).toBe(120_000);
    expect(retryAfterMs(' 7 ', NOW)).toBe(7_000);
    expect(retryAfterMs('Wed, 13 May 2026 10:01:30 GMT', NOW)).toBe(90_000);
    expect(retryAfterMs('Wed, 13 May 2026 09:00:00 GMT', NOW)).toBe(0);
  });

  it('is undefined when the header is absent or unreadable', () => {
    expect(retryAfterMs(null, NOW)).toBeUndefined();
    expect(retryAfterMs(undefined, NOW)).toBeUndefined();
    expect(retryAfterMs('', NOW)).toBeUndefined();
    expect(retryAfterMs('soon', NOW)).toBeUndefined();
    expect(retryAfterMs('-5', NOW)).toBeUndefined();
  });
});
