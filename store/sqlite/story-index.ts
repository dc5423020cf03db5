// The story index of SQLite: LSH band keys of each item's MinHash (story_bands) for candidate lookup, and the
// containment check on the candidates' stored bodies (pipeline/story-shingles.ts).
import {
  bestStoryMatch,
  STORY_BANDS,
  STORY_CANDIDATES,
  type StoryCandidate,
  type StoryMatch,
  storyBands,
  storyShingles,
} from '../../pipeline/story-shingles.js';
import type { Prepare } from './statements.js';

const PLACEHOLDERS = Array.from({ length: STORY_BANDS }, () => '?').join(',');
// One probe of the (band, seq) primary key per band; never a scan of articles.
const CANDIDATES_SQL = `SELECT seq, count(*) AS n FROM story_bands WHERE band IN (${PLACEHOLDERS})
  GROUP BY seq ORDER BY n DESC, seq LIMIT ${STORY_CANDIDATES}`;

/** Stored items that share LSH bands with `bands`, most shared first, as verifiable candidates (earliest first). */
export function storyCandidates(prep: Prepare, bands: readonly number[]): StoryCandidate[] {
  if (bands.length !== STORY_BANDS) return [];
  const seqs = (prep(CANDIDATES_SQL).all(...bands) as { seq: number }[])
    .map((r) => r.seq)
    .sort((a, b) => a - b);
  const row = prep('SELECT id, cluster_id, body FROM articles WHERE seq = ?');
  return seqs.flatMap((seq) => {
    const r = row.get(seq) as { id: string; cluster_id: string; body: string } | undefined;
    return r ? [{ articleId: r.id, clusterId: r.cluster_id, shingles: storyShingles(r.body) }] : [];
  });
}

/** The stored item of the same story as `body` (containment over distinctive shingles), if any. */
export function findSameStory(prep: Prepare, body: string): StoryMatch | undefined {
  return bestStoryMatch(storyShingles(body), storyCandidates(prep, storyBands(body)));
}

/** Index an item's band keys under its seq. */
export function insertStoryBands(prep: Prepare, seq: number, bands: readonly number[]): void {
  const insert = prep('INSERT OR IGNORE INTO story_bands (band, seq) VALUES (?, ?)');
  for (const band of bands) insert.run(band, seq);
}
