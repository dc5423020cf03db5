// Whether a name found in a text starts a word of it, or only runs on from another word (友利 in 网友利益).

/** Cuts a text into its words, in order (a Segmenter's precise mode; punctuation may be left out). */
export type Cut = (text: string) => string[];

/** Characters of context cut on each side of a name: enough for the words that could cross its ends. */
const REACH = 6;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Whether the span [start, end) of `text` begins inside a word: a word of the text starts before the span and
 * runs into it without containing all of it (友利 in 网友/利益). Only the head counts: a name's tail is often
 * glued to a suffix the dictionary does not hold (钱宝 in 钱/宝网 when 钱宝网 is unknown), and a word holding
 * the whole span (钱宝 in 钱宝网) is left to the unit matcher's longer-name rule.
 */
export function splitsWord(
  cut: Cut,
  text: string,
  start: number,
  end: number,
  cache?: Map<string, boolean>,
): boolean {
  // After punctuation, a space or the start of the text no word can run into the name.
  if (start === 0 || !WORD_CHAR.test(text.charAt(start - 1))) return false;
  const from = Math.max(0, start - REACH);
  const window = text.slice(from, Math.min(text.length, end + REACH));
  const [s, e] = [start - from, end - from];
  const key = `${s}:${e}:${window}`;
  const known = cache?.get(key);
  if (known !== undefined) return known;
  const split = headInWord(cut(window), window, s, e);
  cache?.set(key, split);
  return split;
}

function headInWord(words: readonly string[], window: string, s: number, e: number): boolean {
  let cursor = 0;
  for (const word of words) {
    const at = window.indexOf(word, cursor);
    if (at === -1) continue;
    cursor = at + word.length;
    if (at >= s) break;
    if (cursor > s && cursor < e) return true;
  }
  return false;
}
