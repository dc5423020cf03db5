// Phrase finding with "longer phrases win" masking, shared by unit matching and scoring.

/** A half-open character range [start, end) in a text. */
export interface Span {
  start: number;
  end: number;
}

/** Offsets of the non-overlapping occurrences of `phrase` in `text`, left to right. */
export function findAll(text: string, phrase: string): number[] {
  const out: number[] = [];
  if (phrase === '') return out;
  for (let i = text.indexOf(phrase); i !== -1; i = text.indexOf(phrase, i + phrase.length)) out.push(i);
  return out;
}

/** Whether [start, end) overlaps any of the spans. */
export function overlapsAny(spans: readonly Span[], start: number, end: number): boolean {
  return spans.some((s) => start < s.end && s.start < end);
}

/** Adjacent-character pairs of a text, hashed into a table sized to it: a clear slot rules a pair out. */
interface PairTable {
  seen: Uint8Array;
  mask: number;
}

const pairHash = (s: string, i: number, mask: number) =>
  (Math.imul(s.charCodeAt(i), 0x9e3779b1) ^ s.charCodeAt(i + 1)) & mask;

function pairsOf(text: string): PairTable {
  let size = 64;
  while (size < text.length * 4 && size < 1 << 16) size <<= 1;
  const table = { seen: new Uint8Array(size), mask: size - 1 };
  for (let i = 0; i + 1 < text.length; i++) table.seen[pairHash(text, i, table.mask)] = 1;
  return table;
}

const mayHold = (t: PairTable, phrase: string) =>
  phrase.length < 2 || t.seen[pairHash(phrase, 0, t.mask)] === 1;

function claimedIn(claimed: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (claimed[i] === 1) return true;
  return false;
}

/**
 * Occurrences of each phrase in `text`, where a longer phrase masks the shorter phrases inside it (违规收费
 * does not also count 收费) and `masked` spans count for nothing. Phrases that do not occur are absent.
 */
export function findPhrases(
  text: string,
  phrases: readonly string[],
  masked: readonly Span[] = [],
): Map<string, number[]> {
  // One flag a character: checking and claiming stay linear however many occurrences a long text holds.
  const claimed = new Uint8Array(text.length);
  for (const m of masked) claimed.fill(1, Math.max(0, m.start), Math.min(text.length, m.end));
  const found = new Map<string, number[]>();
  const pairs = pairsOf(text);
  const byLength = [...new Set(phrases)].filter((p) => p !== '').sort((a, b) => b.length - a.length);
  for (const phrase of byLength) {
    // Most of a lexicon is absent from any one text: a phrase whose first two characters never stand
    // together in it is skipped without a scan.
    if (!mayHold(pairs, phrase)) continue;
    const offsets: number[] = [];
    for (const start of findAll(text, phrase)) {
      if (!claimedIn(claimed, start, start + phrase.length)) offsets.push(start);
    }
    // Claim after scanning so a phrase's own occurrences never mask each other.
    for (const start of offsets) claimed.fill(1, start, start + phrase.length);
    if (offsets.length > 0) found.set(phrase, offsets);
  }
  return found;
}
