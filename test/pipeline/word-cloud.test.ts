// The dashboard's word cloud on real titles of the training corpus: dictionary content words of two characters
// or more, no stop words, none of the search-mode fragments (害人 of 受害人, 京市 of 北京市) the stored index
// tokens hold, and unit names from the user dictionary kept whole.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import nodejieba from 'nodejieba';
import { describe, expect, it } from 'vitest';
import { createJiebaSegmenter } from '../../pipeline/segmenter.js';
import { cloudWords, createCloudWords, loadStopWords, topCloudTerms } from '../../pipeline/word-cloud.js';
import { SHARED_DIR } from '../helpers/shared-dir.js';

const ITEMS = join(SHARED_DIR, 'corpus', 'risk', 'train', 'items.jsonl');
const titles = existsSync(ITEMS)
  ? readFileSync(ITEMS, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => (JSON.parse(l) as { title?: string }).title ?? '')
      .filter((t) => t.trim() !== '')
  : [];
// Held back: every fourth title is only checked, never looked at while choosing the rules.
const sample = titles.filter((_t, i) => i % 4 === 3).map((title) => ({ title, terms: [] }));
const stopWords = loadStopWords();
const wordsOf = createCloudWords(stopWords);
const segmenter = createJiebaSegmenter([]);
/** The cloud as it was counted before: the stored search-mode tokens with a length/script filter. */
const OLD_WORD = /^(?=.*[\p{Script=Han}])[\p{L}\p{N}]{2,}$|^[A-Za-z]{4,}$/u;
const oldWordsOf = (t: string) => segmenter.cutForSearch(t).filter((w) => OLD_WORD.test(w));

describe('cloudWords', () => {
  it('keeps content words and drops pronouns, numerals, HMM guesses and stop words', () => {
    const tagged = [
      { word: '我们', tag: 'r' },
      { word: '一个多', tag: 'm' },
      { word: '便民', tag: 'n' },
      { word: '作人员', tag: 'x' },
      { word: '诈骗', tag: 'v' },
      { word: '明湖区住建局', tag: 'nz' },
      { word: '税', tag: 'n' },
      { word: 'P2P', tag: 'eng' },
      { word: 'A3', tag: 'eng' },
      { word: '可以', tag: 'v' },
    ];
    expect(cloudWords(tagged, stopWords)).toEqual(['便民', '诈骗', '明湖区住建局', 'P2P']);
  });

  it('counts a title word once per item and a hit risk term three times', () => {
    const top = topCloudTerms(
      [
        { title: '群众举报收费问题，收费过高', terms: ['违规收费'] },
        { title: '收费问题整改', terms: [] },
      ],
      wordsOf,
    );
    const count = (term: string) => top.find((t) => t.term === term)?.count;
    expect(top[0]).toEqual({ term: '违规收费', count: 3 });
    expect(count('收费')).toBe(2);
    expect(count('整改')).toBe(1);
  });
});

describe.skipIf(titles.length === 0)('the word cloud of real titles', () => {
  const cloud = topCloudTerms(sample, wordsOf);
  const words = cloud.map((c) => c.term);

  it('shows 60 words, each of two characters or more, none a stop word', () => {
    expect(words).toHaveLength(60);
    for (const w of words) {
      expect([...w].length, w).toBeGreaterThanOrEqual(2);
      expect(stopWords.has(w), w).toBe(false);
    }
    // The old count had stop words among its top words: the check can fail.
    expect(topCloudTerms(sample, oldWordsOf).some((c) => stopWords.has(c.term))).toBe(true);
  });

  it('shows dictionary words only, never a fragment of a longer word', () => {
    const precise = new Set(sample.flatMap((s) => segmenter.cut(s.title)));
    // What the old count showed that is no word of any title: sub-words such as 害人 of 受害人.
    const fragments = topCloudTerms(sample, oldWordsOf)
      .map((c) => c.term)
      .filter((w) => !precise.has(w));
    expect(fragments.length).toBeGreaterThan(0);
    for (const w of words) {
      expect(fragments, w).not.toContain(w);
      // Without the HMM, a dictionary word stays one token: the HMM's guesses split (Latin words aside).
      if (/\p{Script=Han}/u.test(w)) expect(nodejieba.cut(w, false), w).toEqual([w]);
    }
  });

  it('keeps a unit name of the user dictionary whole in reposts of real titles', () => {
    createJiebaSegmenter(['青石县住建局']);
    const reposts = sample.slice(0, 40).map((s) => ({ title: `青石县住建局回应：${s.title}`, terms: [] }));
    const top = topCloudTerms(reposts, wordsOf);
    expect(top).toContainEqual({ term: '青石县住建局', count: 40 });
    expect(top.map((t) => t.term)).not.toContain('住建局');
  });
});
