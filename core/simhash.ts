import { YuqingError } from './errors.js';

const HEX64 = /^[0-9a-f]{16}$/;

/** Number of differing bits of two 64-bit SimHashes (16 hex digits); throws E_SIMHASH otherwise. */
export function hammingDistance(first: string, second: string): number {
  const a = first.toLowerCase();
  const b = second.toLowerCase();
  for (const s of [a, b]) {
    if (!HEX64.test(s))
      throw new YuqingError('E_SIMHASH', `simhash must be 16 hex digits, got ${JSON.stringify(s)}`);
  }
  // On two 32-bit halves: the BigInt loop was a visible cost with hundreds of dedup candidates per article.
  return (
    popcount32(Number.parseInt(a.slice(0, 8), 16) ^ Number.parseInt(b.slice(0, 8), 16)) +
    popcount32(Number.parseInt(a.slice(8), 16) ^ Number.parseInt(b.slice(8), 16))
  );
}

/** Set bits of a 32-bit value. */
function popcount32(x: number): number {
  let v = (x >>> 0) - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}
