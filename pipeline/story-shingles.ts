// Story fingerprints by shingle containment (issue 19). A repost keeps most of the original's text but adds a
// lead-in, an 编者按, a trailer or a new headline, or is cut short: a whole-text SimHash moves past its threshold
// on such edits, while the share of the shorter text's character 5-grams found in the longer one stays high.
// MinHash with LSH bands finds the candidates through an index (sub-linear); the exact sets decide.
import { stripBoilerplate } from './boilerplate.js';
import { normalizeBody } from './normalize.js';

/** Characters per shingle: 5 CJK characters are about two words, rare enough to be distinctive. */
export const SHINGLE_SIZE = 5;
/** LSH bands of the MinHash signature; each band is one indexed key. */
export const STORY_BANDS = 32;
/** MinHash values per band: with 32 × 3, a pair of Jaccard 0.5 shares a band with p ≈ 0.99, 0.05 with ≈ 0.004. */
export const ROWS_PER_BAND = 3;
/** Two items are one story when at least this share of the smaller one's distinctive shingles is in the other. */
export const CONTAINMENT_THRESHOLD = 0.7;
/** Candidates verified per lookup: the items sharing the most bands, so the cost does not grow with the store. */
export const STORY_CANDIDATES = 24;
/** Fewer shingles than this is too little text to judge by containment (the SimHash fallback decides). */
export const MIN_STORY_SHINGLES = 24;

const SIGNATURE = STORY_BANDS * ROWS_PER_BAND;
// Only letters and digits take part: punctuation, spaces and full/half-width variants differ between templates.
const NON_TEXT = /[^\p{L}\p{N}]+/gu;

/** The text a story is recognised by: the body, normalised, without site boilerplate, letters and digits only. */
export function storyText(body: string): string {
  return stripBoilerplate(normalizeBody(body)).replace(NON_TEXT, '').toLowerCase();
}

function fmix32(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** The distinct 32-bit hashes of the text's character shingles (FNV-1a over UTF-16 units, then fmix32). */
export function shingleSet(text: string): Set<number> {
  const out = new Set<number>();
  const chars = Array.from(text);
  for (let i = 0; i + SHINGLE_SIZE <= chars.length; i++) {
    let h = 0x811c9dc5;
    for (let k = 0; k < SHINGLE_SIZE; k++) {
      const s = chars[i + k] ?? '';
      for (let j = 0; j < s.length; j++) h = Math.imul(h ^ s.charCodeAt(j), 0x01000193);
    }
    out.add(fmix32(h));
  }
  return out;
}

/** The shingle set of a body as stories are compared (storyText, then shingleSet). */
export function storyShingles(body: string): Set<number> {
  return shingleSet(storyText(body));
}

// Fixed seeds: signatures are stored, so every process must derive the same ones.
const SEEDS = Array.from({ length: SIGNATURE }, (_, i) => fmix32(Math.imul(i + 1, 0x9e3779b1)));

/** The MinHash signature of a shingle set: per seed, the least re-hashed shingle. */
export function minhash(shingles: ReadonlySet<number>): Uint32Array {
  const sig = new Uint32Array(SIGNATURE).fill(0xffffffff);
  for (const s of shingles) {
    for (let i = 0; i < SIGNATURE; i++) {
      const v = fmix32((s ^ (SEEDS[i] ?? 0)) >>> 0);
      if (v < (sig[i] ?? 0)) sig[i] = v;
    }
  }
  return sig;
}

/**
 * The LSH band keys of a body: band index × 2^32 + a hash of the band's MinHash values (safe integers, one
 * index entry each). Empty when the body is too short to judge by containment.
 */
export function storyBands(body: string): number[] {
  const shingles = storyShingles(body);
  if (shingles.size < MIN_STORY_SHINGLES) return [];
  const sig = minhash(shingles);
  const keys: number[] = [];
  for (let b = 0; b < STORY_BANDS; b++) {
    let h = Math.imul(b + 1, 0x27d4eb2d);
    for (let r = 0; r < ROWS_PER_BAND; r++) h = fmix32((h ^ (sig[b * ROWS_PER_BAND + r] ?? 0)) >>> 0);
    keys.push(b * 0x1_0000_0000 + h);
  }
  return keys;
}

/** A stored item offered as the same story: its shingles and the story (cluster) it belongs to. */
export interface StoryCandidate {
  articleId: string;
  clusterId: string;
  shingles: ReadonlySet<number>;
}

/** The candidate judged the same story, with its containment. */
export interface StoryMatch {
  articleId: string;
  clusterId: string;
  containment: number;
}

/**
 * The best candidate (in the given order on ties) whose containment with `shingles` reaches the threshold.
 * Shingles the query shares with candidates of other stories are shared material (a quoted notice, a common
 * paragraph), not evidence that two items are one story: they are left out of both sides before the
 * containment |A∩B| / min(|A|, |B|) is taken, and what remains must still be enough text to judge.
 */
export function bestStoryMatch(
  shingles: ReadonlySet<number>,
  candidates: readonly StoryCandidate[],
  threshold = CONTAINMENT_THRESHOLD,
): StoryMatch | undefined {
  if (shingles.size < MIN_STORY_SHINGLES) return undefined;
  let best: StoryMatch | undefined;
  for (const c of candidates) {
    const common = sharedWithOtherStories(shingles, candidates, c.clusterId);
    let own = 0;
    let inter = 0;
    for (const s of shingles) {
      if (common.has(s)) continue;
      own++;
      if (c.shingles.has(s)) inter++;
    }
    let other = 0;
    for (const s of c.shingles) if (!common.has(s)) other++;
    const smaller = Math.min(own, other);
    if (smaller < MIN_STORY_SHINGLES) continue;
    const containment = inter / smaller;
    if (containment >= threshold && (!best || containment > best.containment)) {
      best = { articleId: c.articleId, clusterId: c.clusterId, containment };
    }
  }
  return best;
}

/** Shingles of the query that candidates of stories other than `clusterId` also hold. */
function sharedWithOtherStories(
  shingles: ReadonlySet<number>,
  candidates: readonly StoryCandidate[],
  clusterId: string,
): Set<number> {
  const common = new Set<number>();
  for (const other of candidates) {
    if (other.clusterId === clusterId) continue;
    for (const s of other.shingles) if (shingles.has(s)) common.add(s);
  }
  return common;
}
