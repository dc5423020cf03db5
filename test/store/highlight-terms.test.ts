import { describe, expect, it } from 'vitest';
import { queryTerms } from '../../pipeline/query.js';
import { createJiebaSegmenter } from '../../pipeline/segmenter.js';
import { buildHighlights } from '../../store/highlight.js';
import { highlightTerms, normalizeSearchQuery } from '../../store/query.js';

const segmenter = createJiebaSegmenter([]);
const marksFor = (q: string, text: string) => {
  const query = normalizeSearchQuery({ terms: queryTerms(q, segmenter) });
  const snippets = buildHighlights(text, '', highlightTerms(query)).join(' ');
  return [...snippets.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1]);
};

describe('highlightTerms with jieba query tokens', () => {
  it('marks the words of the query, not a lone character jieba split off', () => {
    const terms = queryTerms('明湖区', segmenter);
    // The case this guards: jieba leaves a single character beside a known word.
    expect(terms.some((t) => t.length === 1)).toBe(true);
    const marks = marksFor('明湖区', '明州市明湖区通报：湖区治理');
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.every((m) => (m ?? '').length >= 2)).toBe(true);
  });

  it('still marks a single-character query', () => {
    expect(marksFor('税', '税务局')).toEqual(['税']);
  });
});
