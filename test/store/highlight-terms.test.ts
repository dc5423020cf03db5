// Searching a name jieba does not know (梅溪湖路 → 梅 / 溪湖 / 路) finds and marks that name, not every 梅 and 路:
// query segmentation, the SQLite search and its highlights, and the Elasticsearch highlight request, on real
// complaint messages from the training corpus.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSearchText } from '../../console/search-syntax.js';
import { joinLoneCharacters, queryTerms } from '../../pipeline/query.js';
import { createJiebaSegmenter } from '../../pipeline/segmenter.js';
import { searchHighlight } from '../../store/elasticsearch/highlight-request.js';
import { normalizeSearchQuery } from '../../store/query.js';
import { SHARED_DIR } from '../helpers/shared-dir.js';
import { openTempStore, type TempStore } from '../helpers/temp-store.js';
import { makeArticle } from './fixtures.js';

const ITEMS = join(SHARED_DIR, 'corpus', 'risk', 'train', 'items.jsonl');
// Place and office names from the messages' watch lists that jieba (without a user dictionary) cuts with a lone
// character.
const NAMES = ['梅溪湖路', 'A3区城管', '区工商', 'A市交警'];

interface Item {
  id: string;
  source: string;
  title: string;
  text: string;
}

const segmenter = createJiebaSegmenter([]);
const lone = (t: string) => /^\p{Script=Han}$/u.test(t);
const marks = (html: string) => [...html.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1] ?? '');

describe('joinLoneCharacters', () => {
  it('joins a single character to its neighbours and keeps words that split into longer words', () => {
    expect(joinLoneCharacters(['明', '湖区'])).toEqual(['明湖区']);
    expect(joinLoneCharacters(['A', '市', '交警'])).toEqual(['A市交警']);
    expect(joinLoneCharacters(['泉水', '路'])).toEqual(['泉水路']);
    expect(joinLoneCharacters(['违规', '收费'])).toEqual(['违规', '收费']);
    expect(joinLoneCharacters(['税'])).toEqual(['税']);
  });

  it('segments each typed word on its own: spaces and punctuation never join', () => {
    expect(queryTerms('明湖区', segmenter)).toEqual(['明湖区']);
    expect(queryTerms('梅 溪湖', segmenter)).toEqual(['梅', '溪湖']);
    expect(queryTerms('税，收费', segmenter)).toEqual(['税', '收费']);
  });
});

describe.skipIf(!existsSync(ITEMS))('searching a name jieba splits (real messages, SQLite)', () => {
  const items = existsSync(ITEMS)
    ? readFileSync(ITEMS, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as Item)
        .filter((i) => i.source === 'gov-messages')
    : [];
  const textOf = (i: Item) => `${i.title}\n${i.text}`;
  let temp: TempStore;

  beforeAll(async () => {
    temp = await openTempStore('yq-highlight-terms-');
    for (const item of items) {
      await temp.store.ingest({
        article: makeArticle({
          key: item.id,
          title: item.title,
          body: item.text,
          titleTokens: segmenter.cutForSearch(item.title).join(' '),
          bodyTokens: segmenter.cutForSearch(item.text).join(' '),
        }),
        tips: [],
      });
    }
  });
  afterAll(async () => temp?.dispose());

  for (const name of NAMES) {
    it(`${name}: finds exactly the messages holding the name and marks the name, not its characters`, async () => {
      const parts = segmenter.cut(name);
      // What this guards: jieba leaves a single character, which alone occurs all over the other messages.
      expect(parts.some(lone)).toBe(true);
      const holding = items.filter((i) => textOf(i).includes(name)).map((i) => `art-${i.id}`);
      // Messages with every part of the name somewhere but not the name: the old search returned them.
      const scattered = items.filter(
        (i) => !textOf(i).includes(name) && parts.every((p) => textOf(i).includes(p)),
      );
      expect(holding.length).toBeGreaterThan(0);

      const parsed = parseSearchText(name, (t) => queryTerms(t, segmenter));
      expect(parsed.terms).toEqual([name]);
      const result = await temp.store.search({ terms: parsed.terms, limit: 200 });
      expect(result.hits.map((h) => h.id).sort()).toEqual([...holding].sort());
      for (const s of scattered) expect(result.hits.map((h) => h.id)).not.toContain(`art-${s.id}`);
      for (const hit of result.hits) {
        const marked = hit.highlights.flatMap(marks);
        expect(marked.length, hit.id).toBeGreaterThan(0);
        expect(new Set(marked), hit.id).toEqual(new Set([name]));
      }
    });
  }

  it('the parts typed apart still find the scattered messages, each part marked', async () => {
    const name = NAMES.find((n) => {
      const parts = segmenter.cut(n);
      return items.some((i) => !textOf(i).includes(n) && parts.every((p) => textOf(i).includes(p)));
    });
    expect(name).toBeDefined();
    const parts = segmenter.cut(name ?? '');
    const result = await temp.store.search({ terms: queryTerms(parts.join(' '), segmenter), limit: 200 });
    const expected = items.filter((i) =>
      parts.every((p) => textOf(i).toLowerCase().includes(p.toLowerCase())),
    );
    expect(result.hits.map((h) => h.id).sort()).toEqual(expected.map((i) => `art-${i.id}`).sort());
    expect(expected.some((i) => !textOf(i).includes(name ?? ''))).toBe(true);
    for (const hit of result.hits) expect(hit.highlights.flatMap(marks).length).toBeGreaterThan(0);
  });
});

describe('Elasticsearch highlight request for a split name (offline)', () => {
  it('asks to mark the whole name as one phrase, never its lone character', () => {
    const q = normalizeSearchQuery({ terms: queryTerms('梅溪湖路 收费', segmenter) });
    const highlight = searchHighlight(q);
    expect(highlight).toBeDefined();
    const query = highlight?.highlight_query as {
      bool: { should: { match_phrase: Record<string, string> }[] };
    };
    const should = query.bool.should;
    const phrases = [...new Set(should.flatMap((s) => Object.values(s.match_phrase)))];
    expect(phrases).toEqual(['梅溪湖路', '收费']);
  });
});
