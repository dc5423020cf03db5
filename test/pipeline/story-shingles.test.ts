// Story matching by containment on reposts made from the real shared articles (issue 19): lead-ins, trailers,
// 编者按, truncation, reorder, templates and encodings stay one story; a shared notice or paragraph does not.
import { describe, expect, it } from 'vitest';
import { repostSet } from '../../bench/repost-set.js';
import { articleTexts } from '../../bench/source-text.js';
import {
  bestStoryMatch,
  CONTAINMENT_THRESHOLD,
  storyBands,
  storyShingles,
  storyText,
} from '../../pipeline/story-shingles.js';
import { SHARED_DIR } from '../helpers/shared-dir.js';

const texts = articleTexts(SHARED_DIR);
const items = repostSet(texts);
const candidate = (id: string, clusterId: string, body: string) => ({
  articleId: id,
  clusterId,
  shingles: storyShingles(body),
});

describe('story shingles', () => {
  it('read letters and digits only, without site boilerplate or width differences', () => {
    expect(storyText('　　Ａ１，市住建局。\n责任编辑：王某\n')).toBe('a1市住建局');
  });

  it('give the same bands for the same text and none for a text too short to judge', () => {
    const body = texts[0]?.join('\n') ?? '';
    expect(storyBands(body)).toEqual(storyBands(`${body}`));
    expect(storyBands(body)).toHaveLength(32);
    expect(storyBands('太短了')).toEqual([]);
  });

  it('match every repost of a real article with its original, whatever the shape', () => {
    expect(texts.length).toBeGreaterThanOrEqual(20);
    const families = items.filter((x) => x.family.startsWith('f'));
    let pairs = 0;
    for (const copy of families.filter((x) => x.kind !== 'original')) {
      const original = families.find((x) => x.family === copy.family && x.kind === 'original');
      const match = bestStoryMatch(storyShingles(copy.body), [candidate('o', 'c-o', original?.body ?? '')]);
      expect(match, `${copy.family} ${copy.kind}`).toBeDefined();
      expect(match?.containment).toBeGreaterThanOrEqual(CONTAINMENT_THRESHOLD);
      pairs++;
    }
    expect(pairs).toBeGreaterThan(200);
  });

  it('keep apart different articles and articles sharing a quoted notice or a boilerplate paragraph', () => {
    for (const kind of ['quoted-notice', 'boilerplate']) {
      const negatives = items.filter((x) => x.kind === kind);
      for (let i = 0; i + 1 < negatives.length; i += 2) {
        const [a, b] = [negatives[i], negatives[i + 1]];
        expect(
          bestStoryMatch(storyShingles(a?.body ?? ''), [candidate('b', 'c-b', b?.body ?? '')]),
        ).toBeUndefined();
      }
    }
    for (let i = 0; i + 1 < texts.length; i++) {
      const match = bestStoryMatch(storyShingles(texts[i]?.join('\n') ?? ''), [
        candidate('n', 'c-n', texts[i + 1]?.join('\n') ?? ''),
      ]);
      expect(match).toBeUndefined();
    }
  });

  it('discount what the query shares with other stories: a notice quoted by two stories is not a match', () => {
    const [a, b, c] = [texts[0] ?? [], texts[1] ?? [], texts[2] ?? []];
    const notice = c.join('\n');
    // Mostly the notice: on raw containment this item is "contained" in each quoting story.
    const query = `${a[0]}\n${notice}`;
    const one = candidate('x', 'story-x', `${b[0]}\n${notice}`);
    expect(bestStoryMatch(storyShingles(query), [one])).toBeDefined();
    const two = candidate('y', 'story-y', `${a[1]}\n${notice}`);
    expect(bestStoryMatch(storyShingles(query), [one, two])).toBeUndefined();
  });
});
