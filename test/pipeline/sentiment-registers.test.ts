import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NEGATIVE_WORDS, POSITIVE_WORDS, sentimentOf, sentimentWordsFile } from '../../pipeline/sentiment.js';

describe('sentiment registers', () => {
  it('reads its word lists from config/lexicon/sentiment.json, market and complaint registers as negative', () => {
    const file = JSON.parse(readFileSync(sentimentWordsFile(), 'utf8')) as Record<
      string,
      Record<string, number>
    >;
    for (const register of ['market', 'complaint'])
      for (const word of Object.keys(file[register] ?? {})) expect(NEGATIVE_WORDS.has(word), word).toBe(true);
    expect(Object.keys(file.market ?? {}).length).toBeGreaterThan(10);
    expect(POSITIVE_WORDS.size).toBe(Object.keys(file.positive ?? {}).length);
  });

  it('a market sell-off story reads negative, not positive, though it mentions growth', () => {
    const s = sentimentOf('受减持消息影响，该股今日开盘即跌停，机构席位持续出货，此前一季度营收虽有增长。');
    expect(s.negative).toBeGreaterThan(s.positive);
    expect(s.words).toEqual(expect.arrayContaining(['跌停', '减持', '出货']));
  });

  it('a complaint that went nowhere reads negative', () => {
    const s = sentimentOf('反映了半年，几个部门互相踢皮球，信件石沉大海，真是投诉无门。');
    expect(s.negative).toBeGreaterThan(0);
    expect(s.positive).toBe(0);
    expect(s.words).toEqual(expect.arrayContaining(['踢皮球', '石沉大海', '投诉无门']));
  });
});
