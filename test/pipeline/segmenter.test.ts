import { describe, expect, it } from 'vitest';
import type { RoundConfig } from '../../config/schema.js';
import { queryTerms } from '../../pipeline/query.js';
import { createJiebaSegmenter, wordTokens } from '../../pipeline/segmenter.js';
import { userDictionary } from '../../pipeline/user-dictionary.js';
import { DEMO_ROUND, PLANTED_BODY, PLANTED_TITLE, SMALL_LEXICON } from './fixtures.js';

describe('userDictionary', () => {
  it('collects unit names, aliases, people, excludes, round keywords and lexicon terms once each', () => {
    const other: RoundConfig = {
      ...DEMO_ROUND,
      id: 'other',
      units: [{ id: 'x', name: '青石镇人民政府', aliases: [' 青石镇政府 ', ''], exclude: [], people: [] }],
      keywords: [{ term: '收费', category: 'c', weight: 1 }],
    };
    const words = userDictionary([DEMO_ROUND, other], SMALL_LEXICON);
    for (const w of [
      '明州市住房和城乡建设局',
      '市住建局',
      '明湖区住建局',
      '王建华',
      '整改不到位',
      '推诿扯皮',
    ]) {
      expect(words).toContain(w);
    }
    expect(words.filter((w) => w === '青石镇政府')).toHaveLength(1);
    expect(words.filter((w) => w === '收费')).toHaveLength(1);
    expect(words).not.toContain('');
  });
});

describe('createJiebaSegmenter', () => {
  const segmenter = createJiebaSegmenter(userDictionary([DEMO_ROUND], SMALL_LEXICON));

  it('keeps a user word (a unit alias) as one token in precise mode', () => {
    const tokens = segmenter.cut('实名举报明州市住建局工作人员，青石镇政府也不管');
    // The derived abbreviation 明州市住建局 is a user word too; either way the unit stays one token.
    expect(tokens.some((t) => t === '市住建局' || t === '明州市住建局')).toBe(true);
    expect(tokens).toContain('青石镇政府');
  });

  it('a word unknown to jieba is split until it is inserted', () => {
    const word = '澜沧镇巡察联络站';
    const before = createJiebaSegmenter([]).cut(`关于${word}的通知`);
    expect(before).not.toContain(word);
    expect(createJiebaSegmenter([word]).cut(`关于${word}的通知`)).toContain(word);
  });

  it('search mode also yields the sub-words of long words', () => {
    const tokens = segmenter.cutForSearch('违规收费');
    expect(tokens).toEqual(expect.arrayContaining(['违规', '收费', '违规收费']));
  });

  it('drops whitespace and punctuation tokens', () => {
    for (const tokens of [
      segmenter.cut('收费、 举报！“（）”…… 12345'),
      segmenter.cutForSearch('收费、 举报！ ——'),
    ]) {
      expect(tokens.length).toBeGreaterThan(0);
      for (const t of tokens) expect(t).toMatch(/[\p{L}\p{N}]/u);
    }
    expect(wordTokens([' ', '，', '。', 'a', '１'])).toEqual(['a', '１']);
    expect(segmenter.cut('')).toEqual([]);
  });
});

describe('queryTerms', () => {
  const segmenter = createJiebaSegmenter(userDictionary([DEMO_ROUND], SMALL_LEXICON));
  // The store indexes title and body as their search-mode tokens; a document matches when it has every term.
  const index = (text: string) => new Set(segmenter.cutForSearch(text));
  const matches = (query: string, doc: Set<string>) => {
    const terms = queryTerms(query, segmenter);
    return terms.length > 0 && terms.every((t) => doc.has(t));
  };
  const planted = index(`${PLANTED_TITLE}\n${PLANTED_BODY}`);
  const unrelated = index('青石镇银杏古道迎来赏秋高峰，游客络绎不绝，周末自驾需提前规划路线。');

  it('finds the document for 2-character words inside longer document words and for a unit alias', () => {
    for (const q of ['收费', '违规', '举报', '市住建局', '违规收费', '市住建局 收费']) {
      expect(matches(q, planted), q).toBe(true);
      expect(matches(q, unrelated), q).toBe(false);
    }
  });

  it('segments quoted phrases too, drops punctuation and duplicates', () => {
    expect(queryTerms('“违规收费” 收费，收费！', segmenter)).toEqual(['违规收费', '收费']);
    expect(queryTerms('「市住建局」', segmenter)).toEqual(['市住建局']);
    expect(queryTerms(' ，。 ', segmenter)).toEqual([]);
  });
});
