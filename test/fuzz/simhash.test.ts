import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hammingDistance } from '../../core/simhash.js';
import { simhash64 } from '../../pipeline/simhash.js';

const token = fc.string({ minLength: 1, maxLength: 6 });
const tokens = fc.array(token, { minLength: 1, maxLength: 200 });
/** The reference: set bits of a BigInt, one at a time. */
function bigIntPopcount(x: bigint): number {
  let n = 0;
  for (let v = x; v > 0n; v >>= 1n) n += Number(v & 1n);
  return n;
}

const hex64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map((n) => n.toString(16).padStart(16, '0'));

describe('SimHash properties', () => {
  it('hamming distance is a metric on 64-bit hashes: zero on itself, symmetric, triangle inequality', () => {
    fc.assert(
      fc.property(hex64, hex64, hex64, (a, b, c) => {
        expect(hammingDistance(a, a)).toBe(0);
        expect(hammingDistance(a, b)).toBe(hammingDistance(b, a));
        expect(hammingDistance(a, c)).toBeLessThanOrEqual(hammingDistance(a, b) + hammingDistance(b, c));
        expect(hammingDistance(a, b)).toBeLessThanOrEqual(64);
        expect(hammingDistance(a, b)).toBe(bigIntPopcount(BigInt(`0x${a}`) ^ BigInt(`0x${b}`)));
      }),
      { numRuns: 1000 },
    );
  });

  it('is stable and ignores token order, so a repost that reorders nothing gets the same hash', () => {
    fc.assert(
      fc.property(tokens, fc.integer(), (list, seed) => {
        const shuffled = [...list].sort(
          (x, y) => (hashOf(x, seed) - hashOf(y, seed)) | 0 || x.localeCompare(y),
        );
        const first = simhash64(list);
        expect(first).toMatch(/^[0-9a-f]{16}$/);
        expect(simhash64(list)).toBe(first);
        expect(simhash64(shuffled)).toBe(first);
      }),
      { numRuns: 500 },
    );
  });

  it('near-duplicate relation is symmetric for hashes of edited texts', () => {
    fc.assert(
      fc.property(tokens, fc.array(token, { maxLength: 5 }), (list, extra) => {
        const a = simhash64(list);
        const b = simhash64([...list, ...extra]);
        expect(hammingDistance(a, b) <= 4).toBe(hammingDistance(b, a) <= 4);
      }),
      { numRuns: 500 },
    );
  });
});

function hashOf(s: string, seed: number): number {
  let h = seed | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h;
}
