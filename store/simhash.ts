import { StoreError } from '../core/errors.js';
import { hammingDistance as coreHammingDistance } from '../core/simhash.js';

/** Bit widths of the bands a 64-bit SimHash is split into for candidate lookup (sums to 64). */
const BAND_BITS = [13, 13, 13, 13, 12] as const;

/** Number of bands a SimHash is split into. */
export const SIMHASH_BANDS = BAND_BITS.length;

/**
 * Largest distance the band index answers exactly: by the pigeonhole principle two hashes that differ in
 * at most 4 bits agree on at least one of the 5 bands. Larger distances need a full scan.
 */
export const MAX_BANDED_DISTANCE = SIMHASH_BANDS - 1;

const HEX64 = /^[0-9a-f]{1,16}$/;

/** Normalize a 64-bit SimHash to 16 lowercase hex digits; throws StoreError E_STORE_INPUT when malformed. */
export function normalizeSimhash(simhash: string): string {
  const lower = simhash.trim().toLowerCase();
  if (!HEX64.test(lower)) {
    throw new StoreError(
      'E_STORE_INPUT',
      `simhash must be up to 16 hex digits, got ${JSON.stringify(simhash)}`,
    );
  }
  return lower.padStart(16, '0');
}

/** The bands of a normalized SimHash, most significant first. */
export function simhashBands(simhash: string): number[] {
  let value = BigInt(`0x${normalizeSimhash(simhash)}`);
  const bands: number[] = [];
  for (const bits of [...BAND_BITS].reverse()) {
    bands.unshift(Number(value & ((1n << BigInt(bits)) - 1n)));
    value >>= BigInt(bits);
  }
  return bands;
}

/** Number of differing bits between two 64-bit SimHashes (hex, up to 16 digits). */
export function hammingDistance(a: string, b: string): number {
  return coreHammingDistance(normalizeSimhash(a), normalizeSimhash(b));
}
