import { describe, expect, it } from 'vitest';
import { normalizeSearchQuery } from '../../store/query.js';
import { hammingDistance, normalizeSimhash, simhashBands } from '../../store/simhash.js';
import { timeRange } from '../../store/time.js';

describe('simhash helpers', () => {
  it('splits into five bands that recompose the hash, and counts differing bits', () => {
    const bands = simhashBands('0001000200030004');
    expect(bands).toHaveLength(5);
    const widths = [13, 13, 13, 13, 12];
    const value = bands.reduce((acc, band, i) => (acc << BigInt(widths[i] ?? 0)) | BigInt(band), 0n);
    expect(value).toBe(0x0001000200030004n);
    // Any 4 flipped bits leave at least one band unchanged (pigeonhole), so the band index is exact up to 4.
    const flipped = (0x0001000200030004n ^ 0x8000100002000100n).toString(16).padStart(16, '0');
    const same = simhashBands(flipped).filter((b, i) => b === bands[i]);
    expect(same.length).toBeGreaterThanOrEqual(1);
    expect(hammingDistance('ffffffffffffffff', '0000000000000000')).toBe(64);
    expect(hammingDistance('0f0f000000000000', '0f0e000000000001')).toBe(2);
    expect(normalizeSimhash('ABC')).toBe('0000000000000abc');
    expect(() => normalizeSimhash('xyz')).toThrow(expect.objectContaining({ code: 'E_STORE_INPUT' }));
    expect(() => normalizeSimhash('0'.repeat(17))).toThrow();
  });
});

describe('time bounds and query defaults', () => {
  it('reads offsets and date-only days in +08:00', () => {
    expect(timeRange('2025-05-13T08:00:00+08:00', '2025-05-13T00:00:00Z')).toEqual({
      fromMs: Date.parse('2025-05-13T00:00:00Z'),
      toMs: Date.parse('2025-05-13T00:00:00Z'),
    });
    expect(timeRange('2025-05-13', '2025-05-13')).toEqual({
      fromMs: Date.parse('2025-05-12T16:00:00Z'),
      toMs: Date.parse('2025-05-13T16:00:00Z') - 1,
    });
    expect(timeRange()).toEqual({ fromMs: undefined, toMs: undefined });
    expect(() => timeRange('nope')).toThrow(expect.objectContaining({ code: 'E_INPUT' }));
  });

  it('clamps paging and drops unindexable terms', () => {
    const q = normalizeSearchQuery({ terms: [' 收费 ', '，', '', '收费', 'a'], limit: 1000, offset: -5 });
    expect(q).toMatchObject({ terms: ['收费', 'a'], sort: 'time', limit: 200, offset: 0 });
    expect(normalizeSearchQuery({ terms: [] }).limit).toBe(20);
    expect(normalizeSearchQuery({ terms: [], sort: 'score', limit: Number.NaN }).limit).toBe(20);
  });
});
