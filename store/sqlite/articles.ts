// Article and cluster lookups: known URLs, exact and near duplicates, clusters.
import { hammingDistance, MAX_BANDED_DISTANCE, normalizeSimhash, simhashBands } from '../simhash.js';
import type { Cluster, StoredArticle } from '../store.js';
import { type ArticleRow, articleSelectList, type ClusterRow, toCluster, toStoredArticle } from './rows.js';
import type { Prepare } from './statements.js';

const ARTICLE_SELECT = articleSelectList();

/** SQLite host parameters per IN (...) batch. */
const URL_BATCH = 500;

/** The subset of `urls` already stored. */
export function knownUrls(prep: Prepare, urls: readonly string[]): Set<string> {
  const known = new Set<string>();
  const unique = [...new Set(urls)];
  for (let i = 0; i < unique.length; i += URL_BATCH) {
    const batch = unique.slice(i, i + URL_BATCH);
    const sql = `SELECT url FROM articles WHERE url IN (${batch.map(() => '?').join(',')})`;
    for (const row of prep(sql).all(...batch) as { url: string }[]) known.add(row.url);
  }
  return known;
}

/** The earliest stored article with this content hash (read from the covering index alone). */
export function findByContentHash(
  prep: Prepare,
  contentHash: string,
): { articleId: string; clusterId: string } | undefined {
  const row = prep('SELECT id, cluster_id FROM articles WHERE content_hash = ? ORDER BY seq LIMIT 1').get(
    contentHash,
  ) as { id: string; cluster_id: string } | undefined;
  return row && { articleId: row.id, clusterId: row.cluster_id };
}

// One covering-index lookup per band: an OR over the bands would make SQLite fetch every candidate's table row
// (and with it the overflow pages of its body) just to read the SimHash.
const BANDED_CANDIDATES = [0, 1, 2, 3, 4]
  .map((band) => `SELECT seq, simhash FROM articles WHERE sh${band} = ?`)
  .join(' UNION ALL ');

/**
 * The closest article within `maxDistance` bits. Up to distance 4 only articles sharing one of the five
 * SimHash bands are examined, which is exact by the pigeonhole principle; a larger distance scans every stored
 * SimHash (linear in the number of articles). Ties go to the earliest stored article. Candidates are read from
 * the band indexes; only the winner's id and cluster are read from its row.
 */
export function findNearDuplicate(
  prep: Prepare,
  simhash: string,
  maxDistance: number,
): { articleId: string; clusterId: string; distance: number } | undefined {
  const target = normalizeSimhash(simhash);
  if (!(maxDistance >= 0)) return undefined;
  const candidates = (
    maxDistance <= MAX_BANDED_DISTANCE
      ? prep(BANDED_CANDIDATES).all(...simhashBands(target))
      : prep('SELECT seq, simhash FROM articles').all()
  ) as { seq: number; simhash: string }[];
  let best: { seq: number; distance: number } | undefined;
  for (const c of candidates) {
    // A row sharing several bands comes once per band; the (distance, seq) order makes repeats harmless.
    if (best && c.seq === best.seq) continue;
    const distance = hammingDistance(target, c.simhash);
    if (
      distance <= maxDistance &&
      (!best || distance < best.distance || (distance === best.distance && c.seq < best.seq))
    ) {
      best = { seq: c.seq, distance };
    }
  }
  if (!best) return undefined;
  const row = prep('SELECT id, cluster_id FROM articles WHERE seq = ?').get(best.seq) as
    | { id: string; cluster_id: string }
    | undefined;
  return row && { articleId: row.id, clusterId: row.cluster_id, distance: best.distance };
}

/** One article by id. */
export function getArticle(prep: Prepare, id: string): StoredArticle | undefined {
  const row = prep(`SELECT ${ARTICLE_SELECT} FROM articles WHERE id = ?`).get(id) as ArticleRow | undefined;
  return row && toStoredArticle(row);
}

/** One cluster by id. */
export function getCluster(prep: Prepare, id: string): Cluster | undefined {
  const row = prep('SELECT * FROM clusters WHERE id = ?').get(id) as ClusterRow | undefined;
  return row && toCluster(row);
}

/** The articles of a cluster in the order they were stored. */
export function clusterArticles(prep: Prepare, clusterId: string): StoredArticle[] {
  return (
    prep(`SELECT ${ARTICLE_SELECT} FROM articles WHERE cluster_id = ? ORDER BY seq`).all(
      clusterId,
    ) as ArticleRow[]
  ).map(toStoredArticle);
}

/** Stored forum replies whose thread URL is one of `threadUrls`. */
export function countReplies(prep: Prepare, threadUrls: readonly string[]): number {
  let total = 0;
  const unique = [...new Set(threadUrls)];
  for (let i = 0; i < unique.length; i += URL_BATCH) {
    const batch = unique.slice(i, i + URL_BATCH);
    const sql = `SELECT count(*) AS n FROM articles WHERE parent_url IN (${batch.map(() => '?').join(',')})`;
    total += (prep(sql).get(...batch) as { n: number }).n;
  }
  return total;
}
