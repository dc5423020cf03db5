import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RoundConfig } from '../../config/schema.js';
import type { ExtractedArticle } from '../../core/types.js';
import { articleId, createProcessor } from '../../pipeline/process.js';
import { createJiebaSegmenter } from '../../pipeline/segmenter.js';
import { userDictionary } from '../../pipeline/user-dictionary.js';
import { DEMO_ROUND, SMALL_LEXICON } from './fixtures.js';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

const OTHER_ROUND: RoundConfig = {
  ...DEMO_ROUND,
  id: 'other',
  name: '另一轮巡察',
  phases: {},
  units: [{ id: 'qsz', name: '青石镇人民政府', aliases: ['青石镇政府'], exclude: [], people: [] }],
  keywords: [],
};
const PAUSED_ROUND: RoundConfig = { ...DEMO_ROUND, id: 'paused', active: false };
const rounds = [OTHER_ROUND, DEMO_ROUND, PAUSED_ROUND];
const segmenter = createJiebaSegmenter(userDictionary(rounds, SMALL_LEXICON));
const process = createProcessor({ rounds, lexicon: SMALL_LEXICON, segmenter, timezone: 'Asia/Shanghai' });

const raw: ExtractedArticle = {
  url: 'http://News.Example.org/a/1.html?utm_source=feed#top',
  sourceId: 'demo-news',
  sourceName: '明州日报',
  sourceType: 'html',
  title: ' 市住建局\u3000违规收费 ',
  body: '网友举报市住建局违规收费。\n\n  青石镇政府也被点名。 ',
  fetchedAt: '2026-11-22T09:30:00+08:00',
};

describe('createProcessor', () => {
  const out = process(raw);

  it('normalizes the article and derives id and content hash from the normalized values', () => {
    expect(out.url).toBe('http://news.example.org/a/1.html');
    expect(out.title).toBe('市住建局 违规收费');
    expect(out.body).toBe('网友举报市住建局违规收费。\n青石镇政府也被点名。');
    expect(out.id).toBe(sha256('http://news.example.org/a/1.html').slice(0, 24));
    expect(out.id).toBe(articleId(out.url));
    expect(out.contentHash).toBe(sha256(`${out.title}\n${out.body}`));
    // Tracking parameters and fragments do not make a new item.
    expect(process({ ...raw, url: 'http://news.example.org/a/1.html?utm_medium=x' }).id).toBe(out.id);
  });

  it('indexes search-mode tokens of title and body, space-separated, and fingerprints the text', () => {
    expect(out.titleTokens.split(' ')).toEqual(
      expect.arrayContaining(['市住建局', '违规', '收费', '违规收费']),
    );
    expect(out.bodyTokens.split(' ')).toEqual(expect.arrayContaining(['举报', '青石镇政府']));
    expect(out.bodyTokens).not.toMatch(/[。，]|\s{2}/);
    expect(out.simhash).toMatch(/^[0-9a-f]{16}$/);
    expect(process({ ...raw, url: 'http://elsewhere.example/2' }).simhash).toBe(out.simhash);
  });

  it('assesses every active round, best first, and takes the best score and level', () => {
    expect(out.assessments.map((a) => a.roundId)).toEqual(['2026-r4', 'other']);
    const [best, second] = out.assessments;
    expect(best?.score).toBeGreaterThan(second?.score ?? Infinity);
    expect(best?.phase).toBe('entry');
    expect(second?.phase).toBeUndefined();
    expect(best?.units.map((u) => u.unitId)).toEqual(['zjj', 'qsz']);
    expect(out.score).toBe(best?.score);
    expect(out.level).toBe(best?.level);
  });

  it('uses the publish time for the phase when there is one', () => {
    const later = process({ ...raw, publishedAt: '2027-03-20T10:00:00+08:00' });
    expect(later.assessments.find((a) => a.roundId === '2026-r4')?.phase).toBe('rectification');
  });

  it('still assesses items that name no unit', () => {
    const none = process({ ...raw, title: '明湖区住建局违规收费', body: '明湖区住建局被举报。' });
    expect(none.assessments).toHaveLength(2);
    for (const a of none.assessments) expect(a.units).toEqual([]);
    expect(none.score).toBeGreaterThan(0);
  });

  it('assesses an item only for the rounds whose sources list its source (issue 23)', () => {
    const own = { ...OTHER_ROUND, sources: ['other-forum'] };
    const listed = createProcessor({
      rounds: [own, DEMO_ROUND],
      lexicon: SMALL_LEXICON,
      segmenter,
      timezone: 'Asia/Shanghai',
    });
    expect(listed(raw).assessments.map((a) => a.roundId)).toEqual(['2026-r4']);
    expect(listed({ ...raw, sourceId: 'other-forum' }).assessments.map((a) => a.roundId)).toEqual(['other']);
    const stray = listed({ ...raw, sourceId: 'unlisted' });
    expect([stray.assessments, stray.score, stray.level]).toEqual([[], 0, 'green']);
    const all = createProcessor({
      rounds: [own],
      lexicon: SMALL_LEXICON,
      segmenter,
      timezone: 'Asia/Shanghai',
      roundsOf: 'all',
    });
    expect(all(raw).assessments.map((a) => a.roundId)).toEqual(['other']);
  });

  it('is green with score 0 and no assessments when no round is active', () => {
    const idle = createProcessor({
      rounds: [PAUSED_ROUND],
      lexicon: SMALL_LEXICON,
      segmenter,
      timezone: 'Asia/Shanghai',
    });
    const r = idle(raw);
    expect(r.assessments).toEqual([]);
    expect(r.score).toBe(0);
    expect(r.level).toBe('green');
  });
});
