// A small Chinese negative-opinion signal: opinion words with intensity, degree adverbs and negation.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../core/errors.js';
import { findPhrases } from './spans.js';

/** The sentiment word lists (config/lexicon/sentiment.json): word → intensity 1–3 per register. */
export interface SentimentWords {
  negative: Record<string, number>;
  market: Record<string, number>;
  complaint: Record<string, number>;
  positive: Record<string, number>;
}

/** The shipped word list file, found from the source tree or from a build in dist/. */
export function sentimentWordsFile(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(
    here,
    '..',
    ...(here.includes(`${path.sep}dist${path.sep}`) ? ['..'] : []),
    'config',
    'lexicon',
    'sentiment.json',
  );
}

function loadWords(): { negative: Map<string, number>; positive: Map<string, number> } {
  const file = sentimentWordsFile();
  let words: SentimentWords;
  try {
    words = JSON.parse(readFileSync(file, 'utf8')) as SentimentWords;
  } catch (err) {
    throw new ConfigError(file, [`cannot read the sentiment word lists: ${(err as Error).message}`]);
  }
  return {
    negative: new Map(Object.entries({ ...words.negative, ...words.market, ...words.complaint })),
    positive: new Map(Object.entries(words.positive)),
  };
}

const WORDS = loadWords();
/** Negative opinion words (complaint, anger, loss, blame, market losses, complaint register) and their intensity. */
export const NEGATIVE_WORDS: ReadonlyMap<string, number> = WORDS.negative;
/** Positive opinion words: one nearby cancels some negative signal. */
export const POSITIVE_WORDS: ReadonlyMap<string, number> = WORDS.positive;

/** Degree adverbs multiply the next opinion word. */
const DEGREE: ReadonlyArray<readonly [string, number]> = [
  ['极其', 2],
  ['极度', 2],
  ['非常', 1.5],
  ['特别', 1.5],
  ['十分', 1.5],
  ['尤为', 1.5],
  ['严重', 1.5],
  ['太', 1.5],
  ['很', 1.3],
  ['更', 1.2],
];

/** Negators flip an opinion word that follows within a few characters (不满意 → negative). */
const NEGATORS = ['不', '没', '没有', '未', '无', '并非', '毫无'];
const NEGATION_REACH = 3;

/** The result of scoring a window: negative and positive strength after degree and negation. */
export interface Sentiment {
  negative: number;
  positive: number;
  /** The opinion words that contributed, for the explanation. */
  words: string[];
}

function modifier(text: string, start: number): { degree: number; negated: boolean } {
  const before = text.slice(Math.max(0, start - 4), start);
  const degree = DEGREE.find(([w]) => before.endsWith(w))?.[1] ?? 1;
  const near = text.slice(Math.max(0, start - NEGATION_REACH), start);
  const negated = NEGATORS.some((n) => near.endsWith(n) || near.slice(0, -1).endsWith(n));
  return { degree, negated };
}

/**
 * Negative and positive opinion strength of a text window: each opinion word counts its intensity times a
 * preceding degree adverb; a negated positive word counts as negative and a negated negative word as
 * positive (不满意, 不坑); each distinct word counts at most twice.
 */
export function sentimentOf(text: string): Sentiment {
  const out: Sentiment = { negative: 0, positive: 0, words: [] };
  const found = findPhrases(text, [...NEGATIVE_WORDS.keys(), ...POSITIVE_WORDS.keys()]);
  for (const [word, offsets] of found) {
    const negWeight = NEGATIVE_WORDS.get(word);
    const polarity = negWeight !== undefined ? -1 : 1;
    const base = negWeight ?? POSITIVE_WORDS.get(word) ?? 0;
    for (const start of offsets.slice(0, 2)) {
      const { degree, negated } = modifier(text, start);
      const value = base * degree;
      const sign = negated ? -polarity : polarity;
      if (sign < 0) out.negative += value;
      else out.positive += value;
    }
    if (polarity < 0) out.words.push(word);
  }
  return out;
}
