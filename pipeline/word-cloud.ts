// The dashboard's word cloud from real words: jieba's precise segmentation with parts of speech (the search-mode
// tokens stored for the index also hold sub-words such as 作人 of 工作人员 and 州市 of 杭州市), content words
// only, jieba's own stop-word list out, two characters or more.
import { readFileSync } from 'node:fs';
import nodejieba from 'nodejieba';

/** A word and its jieba part-of-speech tag. */
export interface TaggedWord {
  word: string;
  tag: string;
}

/** What the cloud counts per item: its title and the risk terms the scorer hit in it for the round. */
export interface CloudSampleItem {
  title: string;
  terms: string[];
}

/** A word of the cloud and how often it counts. */
export interface CloudTerm {
  term: string;
  count: number;
}

/**
 * Parts of speech of words worth showing: nouns (incl. names, places, organisations, user-dictionary words, which
 * segmenter.ts inserts as nz), verbs and verbal nouns, adjectives, idioms, set phrases, abbreviations. Pronouns,
 * numerals, measure words, adverbs, particles, prepositions, conjunctions and time words are left out; so is
 * `x`, which jieba gives to punctuation and to the words its HMM guesses (一个多便民), which are not in a dictionary.
 */
const CONTENT_TAGS = new Set([
  'n',
  'nr',
  'nrfg',
  'nrt',
  'ns',
  'nt',
  'nz',
  'ng',
  'v',
  'vn',
  'a',
  'an',
  'i',
  'l',
  'j',
]);
/** Latin words jieba tags `eng` (P2P, ETC); shorter ones are mostly initials. */
const LATIN_MIN = 3;
const HAN = /\p{Script=Han}/u;
const LATIN_WORD = /^[\p{Script=Latin}\p{N}]+$/u;
/** How many words a cloud shows. */
export const CLOUD_TOP = 60;
/** How much a risk term the scorer hit counts against a title word. */
const TERM_WEIGHT = 3;

// nodejieba exports the path of its dictionaries but its type declarations leave it out.
const JIEBA_STOP_WORDS = (nodejieba as unknown as { DEFAULT_STOP_WORD_DICT: string }).DEFAULT_STOP_WORD_DICT;

/** jieba's stop-word list (shipped with nodejieba), one word a line. */
export function loadStopWords(file: string = JIEBA_STOP_WORDS): Set<string> {
  return new Set(
    readFileSync(file, 'utf8')
      .split('\n')
      .map((w) => w.trim())
      .filter((w) => w !== ''),
  );
}

/** The words of a tagged text that a word cloud may show, in text order, repeats kept. */
export function cloudWords(tagged: readonly TaggedWord[], stopWords: ReadonlySet<string>): string[] {
  return tagged
    .filter(({ word, tag }) => {
      if (stopWords.has(word) || stopWords.has(word.toLowerCase())) return false;
      if (tag === 'eng') return LATIN_WORD.test(word) && /\p{L}/u.test(word) && word.length >= LATIN_MIN;
      return CONTENT_TAGS.has(tag) && HAN.test(word) && [...word].length >= 2;
    })
    .map(({ word }) => word);
}

/** A cloud-word finder over nodejieba (its process-global dictionary, with the user words inserted so far). */
export function createCloudWords(stopWords: ReadonlySet<string>): (text: string) => string[] {
  return (text) => (text.trim() === '' ? [] : cloudWords(nodejieba.tag(text), stopWords));
}

/**
 * The most frequent cloud words of the sample, most frequent first: each title word counts
 * once per item, each risk term the scorer hit counts TERM_WEIGHT times per item.
 */
export function topCloudTerms(
  sample: readonly CloudSampleItem[],
  wordsOf: (text: string) => string[],
  limit: number = CLOUD_TOP,
): CloudTerm[] {
  const counts = new Map<string, number>();
  const add = (term: string, n: number) => counts.set(term, (counts.get(term) ?? 0) + n);
  for (const item of sample) {
    for (const word of new Set(wordsOf(item.title))) add(word, 1);
    for (const term of new Set(item.terms)) add(term, TERM_WEIGHT);
  }
  return [...counts]
    .map(([term, count]) => ({ term, count }))
    .sort((a, b) => b.count - a.count || a.term.localeCompare(b.term))
    .slice(0, limit);
}
