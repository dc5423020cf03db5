import type { Segmenter } from './types.js';

// Quoted phrases in ASCII, Chinese curly and corner quotes.
const QUOTED = /"([^"]*)"|“([^”]*)”|「([^」]*)」|『([^』]*)』/g;
/** A run of word characters: whitespace and punctuation separate the words a user typed. */
const WORD_RUN = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;
const LONE_HAN = /^[\p{Script=Han}\p{Co}]$/u;

/**
 * The tokens of one typed word with every single Chinese character joined to its neighbours. jieba cuts a word
 * it does not know into a known word and leftover characters (明湖区 → 明 / 湖区); searched alone, 明 would match
 * and mark every 明 in the text. Joined back, the word is searched as the substring the user typed (the gram
 * index finds any substring), while a word that splits into longer words (违规收费 → 违规 / 收费) keeps its
 * parts, each required on its own.
 */
export function joinLoneCharacters(tokens: readonly string[]): string[] {
  const out: string[] = [];
  let previousLone = false;
  for (const token of tokens) {
    const lone = LONE_HAN.test(token);
    const last = out.length - 1;
    if (last >= 0 && (lone || previousLone)) out[last] = `${out[last]}${token}`;
    else out.push(token);
    previousLone = lone;
  }
  return out;
}

/**
 * The terms a search query asks for, every one of which must occur in a document (AND).
 *
 * Precise-mode tokens are used: documents are indexed with search-mode tokens, which include every
 * precise-mode token of the same text plus the dictionary sub-words of long ones, so a query word that jieba
 * keeps whole (a user-dictionary unit name) and the 2-character words inside long document words are both
 * found. A single character jieba leaves beside a word stays joined to it (see joinLoneCharacters). A quoted
 * phrase is segmented the same way (the index has no positions, so it becomes its terms).
 */
export function queryTerms(text: string, segmenter: Segmenter): string[] {
  const pieces: string[] = [];
  const unquoted = text.replace(QUOTED, (_m, a?: string, b?: string, c?: string, d?: string) => {
    pieces.push(a ?? b ?? c ?? d ?? '');
    return ' ';
  });
  pieces.push(unquoted);
  const terms = new Set<string>();
  for (const piece of pieces) {
    for (const [word] of piece.matchAll(WORD_RUN)) {
      for (const token of joinLoneCharacters(segmenter.cut(word))) terms.add(token);
    }
  }
  return [...terms];
}
