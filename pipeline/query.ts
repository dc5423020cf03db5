import type { Segmenter } from './types.js';

// Quoted phrases in ASCII, Chinese curly and corner quotes.
const QUOTED = /"([^"]*)"|“([^”]*)”|「([^」]*)」|『([^』]*)』/g;

/**
 * The terms a search query asks for, every one of which must occur in a document (AND).
 *
 * Precise-mode tokens are used: documents are indexed with search-mode tokens, which include every
 * precise-mode token of the same text plus the dictionary sub-words of long ones, so a query word that jieba
 * keeps whole (a user-dictionary unit name) and the 2-character words inside long document words are both
 * found. A quoted phrase is segmented the same way (the index has no positions, so it becomes its terms).
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
    for (const token of segmenter.cut(piece.trim())) terms.add(token);
  }
  return [...terms];
}
