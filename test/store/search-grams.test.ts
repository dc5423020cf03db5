import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { searchGrams, termGrams } from '../../store/search-grams.js';
import { ftsMatchExpression, ftsTermExpression } from '../../store/sqlite/fts-match.js';

describe('searchGrams', () => {
  it('turns a CJK run into its bigrams and its last character', () => {
    expect(searchGrams('市住建局')).toBe('市住 住建 建局 局');
  });

  it('keeps a single-character run and splits runs at punctuation and spaces', () => {
    expect(searchGrams('局，明湖区 住建局。')).toBe('局 明湖 湖区 区 住建 建局 局');
  });

  it('lowercases Latin words, keeps digits and normalizes full-width forms', () => {
    expect(searchGrams('COVID-19疫情 ＡＢＣ２０２５年')).toBe('covid 19 疫情 情 abc2025 年');
  });

  it('returns nothing for blank or punctuation-only text', () => {
    expect(searchGrams('')).toBe('');
    expect(searchGrams(' ，。！——')).toBe('');
  });
});

describe('termGrams', () => {
  it('matches a multi-character CJK term by its bigrams only', () => {
    expect(termGrams('住建局')).toEqual({ tokens: ['住建', '建局'], prefix: false });
    expect(termGrams('住建')).toEqual({ tokens: ['住建'], prefix: false });
  });

  it('matches a single CJK character as a prefix', () => {
    expect(termGrams('局')).toEqual({ tokens: ['局'], prefix: true });
    expect(termGrams('3号')).toEqual({ tokens: ['3', '号'], prefix: true });
  });

  it('ends an inner run where the indexed run ends', () => {
    expect(termGrams('大楼3层')).toEqual({ tokens: ['大楼', '楼', '3', '层'], prefix: true });
    expect(termGrams('建局，局长')).toEqual({ tokens: ['建局', '局', '局长'], prefix: false });
  });

  it('lowercases Latin words and yields nothing without letters or digits', () => {
    expect(termGrams('SCRIPT')).toEqual({ tokens: ['script'], prefix: false });
    expect(termGrams('"*(')).toEqual({ tokens: [], prefix: false });
  });
});

describe('ftsTermExpression', () => {
  it('ORs the token phrase with the gram phrase', () => {
    expect(ftsTermExpression('住建局')).toBe(
      '({title_tokens body_tokens} : "住建局" OR {title_grams body_grams} : "住建 建局")',
    );
    expect(ftsTermExpression('局')).toBe(
      '({title_tokens body_tokens} : "局" OR {title_grams body_grams} : "局" *)',
    );
  });

  it('doubles quotes and falls back to the token phrase when there are no grams', () => {
    expect(ftsTermExpression('a"b')).toBe(
      '({title_tokens body_tokens} : "a""b" OR {title_grams body_grams} : "a b")',
    );
    expect(ftsTermExpression('"')).toBe('({title_tokens body_tokens} : """")');
  });

  it('ANDs the terms', () => {
    expect(ftsMatchExpression(['住建', 'x'])).toBe(
      `${ftsTermExpression('住建')} AND ${ftsTermExpression('x')}`,
    );
  });
});

describe('gram phrases in FTS5 (substring semantics)', () => {
  const texts = ['明湖区住建局通报', '建局，局长讲话', '大楼3层漏水', 'The COVID-19 Notice'];
  const db = new Database(':memory:');
  db.exec(
    "CREATE VIRTUAL TABLE t USING fts5(title_tokens, body_tokens, title_grams, body_grams, tokenize='unicode61')",
  );
  const insert = db.prepare(
    'INSERT INTO t (rowid, title_tokens, body_tokens, title_grams, body_grams) VALUES (?, ?, ?, ?, ?)',
  );
  for (const [i, text] of texts.entries()) insert.run(i + 1, '', '', '', searchGrams(text));
  afterAll(() => db.close());
  const find = (...terms: string[]) =>
    (
      db.prepare('SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid').all(ftsMatchExpression(terms)) as {
        rowid: number;
      }[]
    ).map((r) => r.rowid);

  it('finds every substring and nothing else', () => {
    // Latin words match whole, so only the Chinese texts are tried with every substring.
    for (const [i, text] of texts.slice(0, 3).entries()) {
      const chars = [...text];
      for (let start = 0; start < chars.length; start++) {
        for (let end = start + 1; end <= chars.length; end++) {
          const term = chars.slice(start, end).join('');
          if (!/[\p{L}\p{N}]/u.test(term)) continue;
          expect(find(term), term).toContain(i + 1);
        }
      }
    }
    expect(find('建局住')).toEqual([]);
    expect(find('建局局长')).toEqual([]);
    expect(find('局长')).toEqual([2]);
    expect(find('湖区', '通报')).toEqual([1]);
    expect(find('楼3层')).toEqual([3]);
    expect(find('covid-19')).toEqual([4]);
    expect(find('局')).toEqual([1, 2]);
  });
});
