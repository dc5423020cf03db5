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

const pairAt = (s: string, i: number) => s.charCodeAt(i) * 0x10000 + s.charCodeAt(i + 1);

/** Every pair of adjacent UTF-16 code units in `text`, as numbers. */
function pairsOf(text: string): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i + 1 < text.length; i++) out.add(pairAt(text, i));
  return out;
}

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
    if (phrase.length >= 2 && !pairs.has(pairAt(phrase, 0))) continue;
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
