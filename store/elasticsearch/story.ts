// The story lookup of Elasticsearch: candidates by the `storyBands` keyword field (a bool of term queries, so
// items sharing more bands rank first), verified by containment on their bodies (pipeline/story-shingles.ts).
import {
  bestStoryMatch,
  STORY_CANDIDATES,
  type StoryCandidate,
  type StoryMatch,
  storyShingles,
} from '../../pipeline/story-shingles.js';
import type { EsContext } from './context.js';
import { type ArticleDoc, esStoryBands } from './docs.js';

type CandidateDoc = Pick<ArticleDoc, 'id' | 'clusterId' | 'body' | 'seq' | 'storedMs'>;

/** The search request for candidates of `bands`; `beforeSeq` limits it to items stored earlier (re-clustering). */
export function storyCandidateQuery(bands: readonly string[], before?: { storedMs: number; seq: number }) {
  const should = bands.map((b) => ({ term: { storyBands: b } }));
  const filter = before
    ? [
        {
          bool: {
            should: [
              { range: { storedMs: { lt: before.storedMs } } },
              {
                bool: {
                  filter: [{ term: { storedMs: before.storedMs } }, { range: { seq: { lt: before.seq } } }],
                },
              },
            ],
            minimum_should_match: 1,
          },
        },
      ]
    : [];
  return {
    query: { bool: { should, minimum_should_match: 1, filter } },
    _source: ['id', 'clusterId', 'body', 'seq', 'storedMs'],
    size: STORY_CANDIDATES,
  };
}

/** The stored item of the same story as `body`, if any (earliest first on equal containment). */
export async function findSameStory(
  ctx: EsContext,
  body: string,
  before?: { storedMs: number; seq: number },
): Promise<StoryMatch | undefined> {
  const bands = esStoryBands(body);
  if (bands.length === 0) return undefined;
  const res = await ctx.client.search<CandidateDoc>({
    index: ctx.names.articles,
    ...storyCandidateQuery(bands, before),
  });
  const docs = res.hits.hits.flatMap((h) => (h._source ? [h._source] : []));
  docs.sort((a, b) => a.storedMs - b.storedMs || a.seq - b.seq);
  const candidates: StoryCandidate[] = docs.map((d) => ({
    articleId: d.id,
    clusterId: d.clusterId,
    shingles: storyShingles(d.body),
  }));
  return bestStoryMatch(storyShingles(body), candidates);
}
