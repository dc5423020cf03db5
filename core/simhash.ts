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
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let n = 0;
  while (x > 0n) {
    x &= x - 1n;
    n++;
  }
  return n;
}
