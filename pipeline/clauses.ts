// Sentence and clause boundaries, found once per text so that many lookups stay cheap on long texts.

const SENTENCE_END = /[。！？!?；;\n]/;
// A Weibo topic (#某平台涉嫌诈骗[超话]#) is a clause of its own: glued topics name different stories.
const CLAUSE_END = /[。！？!?；;\n，,：:、#＃]/;

/** Start offsets of the sentences (or clauses) of a text, ascending; lookups by binary search. */
export interface Bounds {
  starts: number[];
  length: number;
}

// A stretch without a letter or digit ("????" left by emoji, "！！！") is not a sentence of its own: it joins
// the next one, so a post's first real sentence stays sentence 0.
const WORD_CHAR = /[\p{L}\p{N}]/u;

function bounds(text: string, end: RegExp): Bounds {
  const starts = [0];
  let hasWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (end.test(c)) {
      if (hasWord) starts.push(i + 1);
      hasWord = false;
    } else if (!hasWord && WORD_CHAR.test(c)) hasWord = true;
  }
  return { starts, length: text.length };
}

/** Sentence boundaries: 。！？；and line breaks. */
export function sentenceBounds(text: string): Bounds {
  return bounds(text, SENTENCE_END);
}

// 包括X在内，众多平台… names X among the subject of the next clause: the comma does not part them.
const INCLUDING_HEAD = /(?:包括|包含|连同)[^，,。！？；;\n]{1,30}在内[，,]$/;

/** Clause boundaries: sentence ends plus ，、： and the # around a topic. */
export function clauseBounds(text: string): Bounds {
  const b = bounds(text, CLAUSE_END);
  const starts = b.starts.filter((s, i) => {
    const prev = b.starts[i - 1];
    // Only a clause ending in 在内， is worth the pattern: this runs over every clause of long texts.
    if (prev === undefined || text.slice(s - 3, s - 1) !== '在内') return true;
    return !INCLUDING_HEAD.test(text.slice(prev, s));
  });
  return { starts, length: b.length };
}

// A headline also separates its items with spaces or bars (早报：A平台清盘 B公司获投资).
const HEADLINE_CLAUSE_END = /[。！？!?；;\n，,：:、\s|丨]/;

/** Clause boundaries of a headline: those of clauseBounds plus spaces and bars between its items. */
export function headlineClauseBounds(text: string): Bounds {
  return bounds(text, HEADLINE_CLAUSE_END);
}

/** Index of the sentence or clause holding `offset`. */
export function indexAt(b: Bounds, offset: number): number {
  let lo = 0;
  let hi = b.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((b.starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The [start, end) range of the sentence or clause holding `offset`. */
export function rangeAt(b: Bounds, offset: number): [number, number] {
  const i = indexAt(b, offset);
  return [b.starts[i] ?? 0, b.starts[i + 1] ?? b.length];
}
