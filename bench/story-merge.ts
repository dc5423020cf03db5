// Story merge on the repost set (pair precision/recall) and the cost of the near-duplicate lookup per item as the
// store grows (issue 19). Items go through the real pipeline, findStory and a SQLite store, as in a crawl cycle.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { silentLogger } from '../core/log.js';
import type { ProcessedArticle } from '../core/types.js';
import { findStory } from '../ingest/ingest-article.js';
import type { Processor } from '../pipeline/process.js';
import { STORY_BANDS } from '../pipeline/story-shingles.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { bounded, type Figure, standalone } from './figures.js';
import { type RepostItem, repostSet } from './repost-set.js';
import { articleTexts } from './source-text.js';
import { nowMs, seededRandom } from './timing.js';

/** What the story figures need. */
export interface StoryMergeDeps {
  sharedDir: string;
  tmpDir: string;
  cacheDir: string;
  process: Processor;
  /** Store sizes the lookup cost is measured at (1 M is built once into the cache). */
  lookupItems: number[];
  progress: (text: string) => void;
}

const FETCHED_AT = '2026-05-01T08:00:00+08:00';

function processed(p: Processor, item: RepostItem, i: number): ProcessedArticle {
  return p({
    url: `https://repost.example.cn/${item.family}/${i}`,
    sourceId: `src-${i % 3}`,
    sourceName: '转载测试',
    sourceType: 'html',
    title: item.title,
    body: item.body,
    fetchedAt: FETCHED_AT,
  });
}

/** Ingest items in this order the way a cycle does; the story (cluster) each one ended in. */
async function clusterItems(path: string, p: Processor, items: readonly RepostItem[]): Promise<string[]> {
  const store = new SqliteStore({ path, logger: silentLogger() });
  await store.init();
  try {
    const clusters: string[] = [];
    for (const [i, item] of items.entries()) {
      const article = processed(p, item, i);
      const existing = await findStory(store, article);
      const r = await store.ingest({
        article,
        joinClusterId: existing?.clusterId,
        recheckStory: !existing,
        tips: [],
      });
      clusters.push(r.clusterId);
    }
    return clusters;
  } finally {
    await store.close();
  }
}

/** Pair counts: same predicted story vs same true story, over every pair of one run. */
function pairCounts(items: readonly RepostItem[], clusters: readonly string[]) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const truth = items[i]?.family === items[j]?.family;
      const merged = clusters[i] === clusters[j];
      if (truth && merged) tp++;
      else if (merged) fp++;
      else if (truth) fn++;
    }
  }
  return { tp, fp, fn };
}

/**
 * Pair precision/recall of the story merge. Three runs, each in its own store and in two crawl orders (as
 * made, shuffled): the reposts of every family, the quoted-notice negatives, the boilerplate negatives (the
 * negatives reuse paragraphs of the families, so they may not share a store with them).
 */
export async function measureStoryMerge(deps: StoryMergeDeps): Promise<Figure[]> {
  const items = repostSet(articleTexts(deps.sharedDir));
  const runs = [
    items.filter((x) => x.family.startsWith('f')),
    items.filter((x) => x.kind === 'quoted-notice'),
    items.filter((x) => x.kind === 'boilerplate'),
  ];
  const random = seededRandom(1919);
  const total = { tp: 0, fp: 0, fn: 0 };
  const missedKinds = new Map<string, number>();
  let n = 0;
  for (const run of runs) {
    for (const order of [run, [...run].sort(() => random() - 0.5)]) {
      const clusters = await clusterItems(join(deps.tmpDir, `story-${n++}.db`), deps.process, order);
      const c = pairCounts(order, clusters);
      total.tp += c.tp;
      total.fp += c.fp;
      total.fn += c.fn;
      // Which repost shapes were left out of their story's (the original's) cluster.
      const originalCluster = new Map<string, string>();
      order.forEach((x, i) => {
        if (x.kind === 'original') originalCluster.set(x.family, clusters[i] ?? '');
      });
      order.forEach((x, i) => {
        const home = originalCluster.get(x.family);
        if (home !== undefined && x.kind !== 'original' && clusters[i] !== home) {
          missedKinds.set(x.kind, (missedKinds.get(x.kind) ?? 0) + 1);
        }
      });
    }
  }
  const precision = total.tp / Math.max(1, total.tp + total.fp);
  const recall = total.tp / Math.max(1, total.tp + total.fn);
  const detail = {
    items: items.length,
    families: new Set(runs[0]?.map((x) => x.family)).size,
    negativeItems: (runs[1]?.length ?? 0) + (runs[2]?.length ?? 0),
    truePairs: total.tp,
    falsePairs: total.fp,
    missedPairs: total.fn,
    missedByKind: [...missedKinds].map(([k, v]) => `${k}:${v}`).join(' ') || 'none',
  };
  const p = standalone('story merge pair precision (repost set, target ≥ 0.98)', 'ratio', precision, detail);
  const r = standalone('story merge pair recall (repost set, target ≥ 0.95)', 'ratio', recall);
  p.target = 0.98;
  p.met = precision >= 0.98;
  r.target = 0.95;
  r.met = recall >= 0.95;
  return [p, r];
}

/** Fill story_bands of a store with `count` items' random band keys (the indexed load a lookup probes). */
function fillBands(store: SqliteStore, count: number, seed: number): void {
  const random = seededRandom(seed);
  const insert = store.database.prepare('INSERT OR IGNORE INTO story_bands (band, seq) VALUES (?, ?)');
  const batch = store.database.transaction((from: number, to: number) => {
    for (let seq = from; seq < to; seq++) {
      for (let b = 0; b < STORY_BANDS; b++) {
        insert.run(b * 0x1_0000_0000 + Math.floor(random() * 0x1_0000_0000), 1_000_000_000 + seq);
      }
    }
  });
  for (let from = 0; from < count; from += 10_000) batch(from, Math.min(count, from + 10_000));
}

/** Mean findSameStory time over the repost queries on a store holding `items` indexed items. */
async function lookupCost(path: string, items: number, deps: StoryMergeDeps, queries: RepostItem[]) {
  const fresh = !existsSync(path);
  const store = new SqliteStore({ path, logger: silentLogger() });
  await store.init();
  try {
    let buildMs = 0;
    if (fresh) {
      const t0 = nowMs();
      fillBands(store, items, items);
      const originals = queries.filter((q) => q.kind === 'original');
      for (const [i, o] of originals.entries()) {
        await store.ingest({ article: processed(deps.process, o, i), tips: [] });
      }
      buildMs = nowMs() - t0;
    }
    const bodies = queries.filter((q) => q.kind !== 'original').map((q) => q.body);
    for (const b of bodies.slice(0, 20)) await store.findSameStory(b);
    let found = 0;
    const t0 = nowMs();
    for (const b of bodies) if (await store.findSameStory(b)) found++;
    return { perItemMs: (nowMs() - t0) / bodies.length, found, queries: bodies.length, buildMs };
  } finally {
    await store.close();
  }
}

/**
 * The near-duplicate lookup per item at each size against the same lookup at 1 000 items: a band index keeps
 * it flat (a scan would grow 100× from 1 k to 100 k). Background items are band keys only (random, as unrelated
 * texts' are); the repost originals are stored whole so every lookup verifies real candidates.
 */
export async function measureStoryLookup(deps: StoryMergeDeps): Promise<Figure[]> {
  const queries = repostSet(articleTexts(deps.sharedDir)).filter((x) => x.family.startsWith('f'));
  deps.progress('story lookup at 1000 items (reference)…');
  const base = await lookupCost(join(deps.tmpDir, 'story-lookup-1000.db'), 1000, deps, queries);
  const figures: Figure[] = [];
  for (const items of deps.lookupItems) {
    const path = join(deps.cacheDir, `story-lookup-${items}.db`);
    deps.progress(`story lookup at ${items} items (cache ${path})…`);
    const cost = await lookupCost(path, items, deps, queries);
    figures.push(
      bounded(
        `near-duplicate (story) lookup per item at ${items} items`,
        'ms',
        cost.perItemMs,
        'same lookup at 1 000 items',
        base.perItemMs,
        // Sub-linear: far below the 100×–1000× growth of a scan from 1 k items.
        base.perItemMs * 5,
        {
          queries: cost.queries,
          found: cost.found,
          ...(cost.buildMs > 0 && { buildSeconds: Math.round(cost.buildMs / 1000) }),
        },
      ),
    );
  }
  return figures;
}
