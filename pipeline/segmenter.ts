import nodejieba from 'nodejieba';
import type { Segmenter } from './types.js';

// A token is kept only when it holds a letter or a digit: drops spaces, punctuation and symbol-only tokens.
const WORDLIKE = /[\p{L}\p{N}]/u;

/** Keep the tokens that carry words (letters or digits), dropping whitespace and punctuation. */
export function wordTokens(tokens: readonly string[]): string[] {
  return tokens.filter((t) => WORDLIKE.test(t));
}

/**
 * A Segmenter backed by nodejieba, with `userWords` (unit names, aliases, people, lexicon terms) added so that
 * each of them stays one token in precise mode.
 *
 * nodejieba's dictionary is process-global: `insertWord` affects every segmenter in the process, and inserting
 * the same word again is harmless. Creating several segmenters therefore only ever adds words; it is
 * deterministic for a given set of words inserted so far. Both modes use the HMM for unknown words (names).
 */
export function createJiebaSegmenter(userWords: readonly string[]): Segmenter {
  for (const raw of userWords) {
    const word = raw.trim();
    // jieba splits at whitespace before looking words up, so a word containing a space could never match.
    if (word === '' || /\s/.test(word)) continue;
    // Tagged nz (proper noun) so the word cloud (word-cloud.ts) tells them from the HMM's guesses (tag x).
    nodejieba.insertWord(word, 'nz');
  }
  return {
    cut: (text) => (text === '' ? [] : wordTokens(nodejieba.cut(text, true))),
    cutForSearch: (text) => (text === '' ? [] : wordTokens(nodejieba.cutForSearch(text, true))),
  };
}
