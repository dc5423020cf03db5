import { describe, expect, it } from 'vitest';
import { createProcessor } from '../../pipeline/process.js';
import { createJiebaSegmenter } from '../../pipeline/segmenter.js';
import { hammingDistance, hash64, NEAR_DUPLICATE_DISTANCE, simhash64 } from '../../pipeline/simhash.js';
import { userDictionary } from '../../pipeline/user-dictionary.js';
import {
  DEMO_ROUND,
  OTHER_BODY,
  OTHER_TITLE,
  PLANTED_BODY,
  PLANTED_TITLE,
  SMALL_LEXICON,
} from './fixtures.js';

describe('simhash64', () => {
  it('is 16 lowercase hex digits and fixed for fixed input (same on every platform)', () => {
    // Known answers computed independently (FNV-1a 64 + fmix64 in Python).
    expect(hash64('')).toBe(0xefd01f60ba992926n);
    expect(hash64('违规')).toBe(0x63398eec41ef255bn);
    const h = simhash64(['违规', '收费', '违规', '举报']);
    expect(h).toBe('62310eec40a62508');
    expect(h).toBe(simhash64(['违规', '收费', '违规', '举报']));
    expect(simhash64(['举报', '违规', '收费', '违规'])).toBe(h);
    expect(simhash64([])).toBe('0000000000000000');
  });

  it('weights tokens by frequency', () => {
    expect(simhash64(['甲', '甲', '乙'])).toBe(simhash64(['甲']));
    expect(simhash64(['甲', '乙', '乙'])).toBe(simhash64(['乙']));
  });
});

describe('hammingDistance', () => {
  it('counts differing bits', () => {
    expect(hammingDistance('0000000000000000', '0000000000000000')).toBe(0);
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('8000000000000001', '0000000000000000')).toBe(2);
    expect(hammingDistance('00000000000000FF', '00000000000000f0')).toBe(4);
  });

  it('rejects a malformed hash with a typed error', () => {
    expect(() => hammingDistance('xyz', '0000000000000000')).toThrow(
      expect.objectContaining({ code: 'E_SIMHASH' }),
    );
  });
});

describe('near-duplicate separation', () => {
  const segmenter = createJiebaSegmenter(userDictionary([DEMO_ROUND], SMALL_LEXICON));
  const processArticle = createProcessor({
    rounds: [DEMO_ROUND],
    lexicon: SMALL_LEXICON,
    segmenter,
    timezone: 'Asia/Shanghai',
  });
  // The fingerprint the processor stores, so the test follows whatever tokens it hashes.
  const fingerprint = (title: string, body: string) =>
    processArticle({
      url: 'http://127.0.0.1/a.html',
      sourceId: 's',
      sourceName: 's',
      sourceType: 'html',
      title,
      body,
      fetchedAt: '2026-11-22T10:00:00+08:00',
    }).simhash;
  const original = fingerprint(PLANTED_TITLE, PLANTED_BODY);

  it('a ~600-character post reposted with a one-line lead or editor line added stays within the distance', () => {
    expect(PLANTED_TITLE.length + PLANTED_BODY.length).toBeGreaterThanOrEqual(600);
    const reposts = [
      fingerprint(PLANTED_TITLE, `网友在明州论坛发帖反映：\n${PLANTED_BODY}`),
      fingerprint(`关注｜${PLANTED_TITLE}`, `近日，有网友发帖反映如下情况：\n${PLANTED_BODY}`),
      fingerprint(PLANTED_TITLE, `编者按：一则网帖近日引发关注。\n${PLANTED_BODY}`),
      fingerprint(PLANTED_TITLE, `${PLANTED_BODY}\n（来源：明州论坛 责任编辑：李明）`),
      fingerprint(PLANTED_TITLE, `${PLANTED_BODY}\n本文转载自明州论坛，如有侵权请联系删除。`),
    ];
    for (const h of reposts)
      expect(hammingDistance(original, h)).toBeLessThanOrEqual(NEAR_DUPLICATE_DISTANCE);
  });

  it('a different article on the same topic and unit is far outside it', () => {
    const other = fingerprint(OTHER_TITLE, OTHER_BODY);
    expect(hammingDistance(original, other)).toBeGreaterThan(NEAR_DUPLICATE_DISTANCE * 3);
  });
});
