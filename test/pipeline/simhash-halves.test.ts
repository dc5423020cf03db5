// hash64/simhash64 compute on 32-bit halves; they must give exactly what the BigInt definition gives.
import { describe, expect, it } from 'vitest';
import { hash64, simhash64 } from '../../pipeline/simhash.js';

const MASK64 = 0xffffffffffffffffn;

/** The definition, in BigInt: FNV-1a 64 over the UTF-8 bytes, then the MurmurHash3 fmix64 finalizer. */
function referenceHash64(token: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(token)) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & MASK64;
  }
  h ^= h >> 33n;
  h = (h * 0xff51afd7ed558ccdn) & MASK64;
  h ^= h >> 33n;
  h = (h * 0xc4ceb9fe1a85ec53n) & MASK64;
  h ^= h >> 33n;
  return h;
}

function referenceSimhash64(tokens: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  const v = new Array<number>(64).fill(0);
  for (const [token, weight] of counts) {
    const h = referenceHash64(token);
    for (let bit = 0; bit < 64; bit++) v[bit] = (v[bit] ?? 0) + ((h >> BigInt(bit)) & 1n ? weight : -weight);
  }
  let out = 0n;
  for (let bit = 63; bit >= 0; bit--) out = (out << 1n) | ((v[bit] ?? 0) > 0 ? 1n : 0n);
  return out.toString(16).padStart(16, '0');
}

/** Deterministic pseudo-random strings over ASCII, Latin, CJK, astral characters and lone surrogates. */
function randomTokens(count: number): string[] {
  let state = 12345;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 0x1_0000_0000;
  };
  const alphabets = [
    () => String.fromCharCode(0x20 + Math.floor(next() * 95)),
    () => String.fromCharCode(0x80 + Math.floor(next() * 0x780)),
    () => String.fromCharCode(0x4e00 + Math.floor(next() * 0x5000)),
    () => String.fromCodePoint(0x1f300 + Math.floor(next() * 0x300)),
    () => String.fromCharCode(0xd800 + Math.floor(next() * 0x800)),
    () => String.fromCharCode(0xe000 + Math.floor(next() * 0x2000)),
  ];
  return Array.from({ length: count }, () => {
    let token = '';
    const length = Math.floor(next() * 12);
    for (let i = 0; i < length; i++) token += alphabets[Math.floor(next() * alphabets.length)]?.() ?? '';
    return token;
  });
}

describe('hash64 and simhash64 on 32-bit halves', () => {
  const tokens = randomTokens(5000);

  it('hash every token exactly as the BigInt definition', () => {
    const wrong = tokens.filter((t) => hash64(t) !== referenceHash64(t));
    expect(wrong).toEqual([]);
  });

  it('give the BigInt SimHash for token lists with repeats', () => {
    for (let i = 0; i < 200; i++) {
      const list = tokens.slice(i * 20, i * 20 + 5 + (i % 40));
      const withRepeats = [...list, ...list.slice(0, i % 7)];
      expect(simhash64(withRepeats)).toBe(referenceSimhash64(withRepeats));
    }
  });
});
