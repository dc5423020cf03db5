import { describe, expect, it } from 'vitest';
import { findPhrases } from '../../pipeline/spans.js';

const asObject = (m: Map<string, number[]>) => Object.fromEntries(m);

describe('findPhrases', () => {
  it('finds every occurrence, a longer phrase masking the shorter ones inside it', () => {
    const text = '违规收费，又收费，再违规收费';
    expect(asObject(findPhrases(text, ['收费', '违规收费', '违规']))).toEqual({
      违规收费: [0, 10],
      收费: [6],
    });
  });

  it('finds one-character phrases, surrogate pairs and phrases at either end', () => {
    const text = '😀乱收费😀';
    expect(asObject(findPhrases(text, ['乱', '😀', '收费😀', '无关']))).toEqual({
      '收费😀': [3],
      '😀': [0],
      乱: [2],
    });
  });

  it('counts nothing inside a masked span', () => {
    const text = '精心构建利益链，构建体系';
    expect(asObject(findPhrases(text, ['构建'], [{ start: 0, end: 7 }]))).toEqual({ 构建: [8] });
    // A mask running past the end of the text is clipped, not an error.
    expect(asObject(findPhrases(text, ['体系'], [{ start: 10, end: 99 }]))).toEqual({});
  });

  it('keeps a phrase’s own occurrences from masking each other', () => {
    expect(asObject(findPhrases('哈哈哈哈', ['哈哈']))).toEqual({ 哈哈: [0, 2] });
  });
});
