import { StoreError } from '../core/errors.js';

/** Number of 16-bit bands a 64-bit SimHash is split into for candidate lookup. */
export const SIMHASH_BANDS = 4;

/**
 * Largest distance the band index answers exactly: by the pigeonhole principle two hashes that differ in
 * at most 3 bits agree on at least one of the 4 bands. Larger distances need a full scan.
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

/** The four 16-bit bands of a normalized SimHash, most significant first. */
export function simhashBands(simhash: string): [number, number, number, number] {
  const hex = normalizeSimhash(simhash);
  return [
    Number.parseInt(hex.slice(0, 4), 16),
    Number.parseInt(hex.slice(4, 8), 16),
    Number.parseInt(hex.slice(8, 12), 16),
    Number.parseInt(hex.slice(12, 16), 16),
  ];
}

function popcount16(value: number): number {
  let v = value - ((value >>> 1) & 0x5555);
  v = (v & 0x3333) + ((v >>> 2) & 0x3333);
  v = (v + (v >>> 4)) & 0x0f0f;
  return (v + (v >>> 8)) & 0x1f;
}

/** Number of differing bits between two 64-bit SimHashes (hex). */
export function hammingDistance(a: string, b: string): number {
  const x = simhashBands(a);
  const y = simhashBands(b);
  let distance = 0;
  for (let i = 0; i < SIMHASH_BANDS; i++) distance += popcount16((x[i] ?? 0) ^ (y[i] ?? 0));
  return distance;
}
