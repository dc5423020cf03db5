// Substring search over whitespace tokens, shared by every backend (SQLite FTS5 unicode61, Elasticsearch
// whitespace analyzer). jieba indexes 市住建局 as one token, so the query 住建局 would miss it; character
// bigrams find any CJK substring of two or more characters as a phrase of its bigrams.
//
// Each CJK run of a text becomes its overlapping bigrams followed by its last character ("住建局" →
// "住建 建局 局"). The trailing character does two jobs: a prefix query on it finds every single character
// (a character is either the first half of a bigram or the end of a run), and it separates runs, so a phrase
// can never straddle punctuation (建局，局长 is "建局 局 局长 长", which has no "建局 局长").

/** The gram tokens a query term must match as one phrase; `prefix` when the last token is a prefix. */
export interface TermGrams {
  tokens: string[];
  prefix: boolean;
}

type Segment = { kind: 'cjk'; chars: string[] } | { kind: 'word'; text: string };

/** Scripts written without spaces between words, bigrammed instead of split into words. */
const CJK_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Private-use characters stand for rare Han characters in Chinese government texts. */
const PRIVATE_USE = /\p{Co}/u;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

function isCjk(ch: string): boolean {
  return PRIVATE_USE.test(ch) || (CJK_SCRIPT.test(ch) && LETTER_OR_DIGIT.test(ch));
}

const CJK = 1;
const WORD = 2;
const OTHER = 3;
/**
 * The class of each BMP character, worked out on first sight: three Unicode-property regex tests per character
 * were a noticeable share of ingest (bodies run to 10 k characters). A pure memo of a pure function.
 */
const bmpClass = new Uint8Array(0x10000);

function charClass(ch: string): number {
  if (ch.length === 1) {
    const code = ch.charCodeAt(0);
    let known = bmpClass[code] ?? 0;
    if (known === 0) {
      known = isCjk(ch) ? CJK : WORD_CHAR.test(ch) ? WORD : OTHER;
      bmpClass[code] = known;
    }
    return known;
  }
  return isCjk(ch) ? CJK : WORD_CHAR.test(ch) ? WORD : OTHER;
}

/**
 * Split text (NFKC-normalized, lowercased, so full-width and upper-case forms match) into CJK runs and
 * words of other letters/digits; everything else only separates.
 */
function segments(text: string): Segment[] {
  const out: Segment[] = [];
  let current: Segment | undefined;
  for (const ch of text.normalize('NFKC').toLowerCase()) {
    const kind = charClass(ch);
    if (kind === CJK) {
      if (current?.kind === 'cjk') current.chars.push(ch);
      else {
        current = { kind: 'cjk', chars: [ch] };
        out.push(current);
      }
    } else if (kind === WORD) {
      if (current?.kind === 'word') current.text += ch;
      else {
        current = { kind: 'word', text: ch };
        out.push(current);
      }
    } else {
      current = undefined;
    }
  }
  return out;
}

function bigrams(chars: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`);
  return out;
}

/** The space-separated search tokens of a text, to index next to its word tokens. */
export function searchGrams(text: string): string {
  const tokens: string[] = [];
  for (const seg of segments(text)) {
    if (seg.kind === 'word') tokens.push(seg.text);
    else tokens.push(...bigrams(seg.chars), seg.chars[seg.chars.length - 1] ?? '');
  }
  return tokens.join(' ');
}

/**
 * The phrase over searchGrams tokens that matches wherever `term` occurs as a substring (CJK) or as whole
 * words (other scripts). The term's first run may start inside an indexed run, so it contributes only its
 * bigrams; a run followed by more of the term must end where the indexed run ends, so it also contributes
 * its last character; a final single character may begin a longer run, so it is a prefix. No tokens when
 * the term holds no letter or digit.
 */
export function termGrams(term: string): TermGrams {
  const segs = segments(term);
  const tokens: string[] = [];
  let prefix = false;
  segs.forEach((seg, i) => {
    const last = i === segs.length - 1;
    if (seg.kind === 'word') {
      tokens.push(seg.text);
      return;
    }
    tokens.push(...bigrams(seg.chars));
    if (!last) tokens.push(seg.chars[seg.chars.length - 1] ?? '');
    else if (seg.chars.length === 1) {
      tokens.push(seg.chars[0] ?? '');
      prefix = true;
    }
  });
  return { tokens, prefix };
}
