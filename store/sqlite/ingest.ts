import { StoreError } from '../../core/errors.js';
import { type Level, levelRank, type ProcessedArticle } from '../../core/types.js';
import { storyBands } from '../../pipeline/story-shingles.js';
import { searchGrams } from '../search-grams.js';
import { normalizeSimhash, simhashBands } from '../simhash.js';
import type { IngestRecord, IngestResult, NewTip } from '../store.js';
import { articleTimeMs, isoToEpochMs } from '../time.js';
import { queueRealerts, queueTipAlerts } from './outbox.js';
import type { ClusterRow } from './rows.js';
import type { Prepare } from './statements.js';
import { findSameStory, insertStoryBands } from './story-index.js';
import { insertTipRow } from './tip-insert.js';

/**
 * Write one item, its cluster membership, tips and outbox rows; the caller runs it inside one immediate
 * transaction. Tips are stored under the cluster actually joined or created, whatever their clusterId says,
 * so a repost can never open a second tip for the same (round, cluster, unit).
 */
export function ingestRecord(prep: Prepare, record: IngestRecord, now: string): IngestResult {
  const article = record.article;
  const existing = prep(
    'SELECT a.id, a.cluster_id, c.size FROM articles a JOIN clusters c ON c.id = a.cluster_id WHERE a.url = ?',
  ).get(article.url) as { id: string; cluster_id: string; size: number } | undefined;
  if (existing) {
    return {
      articleId: existing.id,
      clusterId: existing.cluster_id,
      inserted: false,
      clusterSize: existing.size,
      createdTipIds: [],
    };
  }
  // Under the write lock: a copy another process (or source) stored since the caller looked is found here.
  const joinClusterId =
    record.joinClusterId ?? (record.recheckStory ? findSameStory(prep, article.body)?.clusterId : undefined);
  const { clusterId, clusterSize } = joinClusterId
    ? joinCluster(prep, joinClusterId, article.level, now)
    : createCluster(prep, article, now);
  insertArticle(prep, article, clusterId, now);
  const createdTipIds: string[] = [];
  const escalatedTipIds: string[] = [];
  const realertTipIds: string[] = [];
  const writes = [
    ...record.tips.map((newTip) => ({ newTip, cluster: clusterId })),
    ...(record.threadTips ?? []).map((newTip) => ({ newTip, cluster: threadCluster(prep, newTip) })),
  ];
  for (const { newTip, cluster } of writes) {
    const write = writeTip(prep, newTip, cluster, now);
    const list =
      write.outcome === 'created'
        ? createdTipIds
        : write.outcome === 'escalated'
          ? escalatedTipIds
          : write.outcome === 'realerted'
            ? realertTipIds
            : undefined;
    if (list && !list.includes(write.tipId)) list.push(write.tipId);
  }
  return {
    articleId: article.id,
    clusterId,
    inserted: true,
    clusterSize,
    createdTipIds,
    ...(escalatedTipIds.length > 0 && { escalatedTipIds }),
    ...(realertTipIds.length > 0 && { realertTipIds }),
  };
}

// A thread tip belongs to the thread's story, not to the reply's: its cluster must already be stored.
function threadCluster(prep: Prepare, { tip }: NewTip): string {
  if (!prep('SELECT 1 FROM clusters WHERE id = ?').get(tip.clusterId)) {
    throw new StoreError(
      'E_STORE_NOT_FOUND',
      `ingest: thread tip ${tip.id}: cluster ${tip.clusterId} does not exist`,
    );
  }
  return tip.clusterId;
}

function joinCluster(prep: Prepare, clusterId: string, level: Level, now: string) {
  const row = prep('SELECT * FROM clusters WHERE id = ?').get(clusterId) as ClusterRow | undefined;
  if (!row) throw new StoreError('E_STORE_NOT_FOUND', `ingest: cluster ${clusterId} to join does not exist`);
  const raise = levelRank(level) > row.level_rank;
  prep('UPDATE clusters SET size = size + 1, level = ?, level_rank = ?, updated_at = ? WHERE id = ?').run(
    raise ? level : row.level,
    raise ? levelRank(level) : row.level_rank,
    now,
    clusterId,
  );
  return { clusterId, clusterSize: row.size + 1 };
}

function createCluster(prep: Prepare, article: ProcessedArticle, now: string) {
  prep(
    `INSERT INTO clusters (id, first_article_id, size, level, level_rank, created_at, updated_at)
     VALUES (?, ?, 1, ?, ?, ?, ?)`,
  ).run(article.id, article.id, article.level, levelRank(article.level), now, now);
  return { clusterId: article.id, clusterSize: 1 };
}

function insertArticle(prep: Prepare, a: ProcessedArticle, clusterId: string, now: string): void {
  const simhash = normalizeSimhash(a.simhash);
  const [sh0, sh1, sh2, sh3, sh4] = simhashBands(simhash);
  const info = prep(
    `INSERT INTO articles (id, url, source_id, source_name, source_type, title, body, published_at, fetched_at,
       author, time_ms, content_hash, simhash, sh0, sh1, sh2, sh3, sh4, title_tokens, body_tokens, assessments, score,
       level, level_rank, cluster_id, stored_at, title_grams, body_grams, parent_url)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    a.id,
    a.url,
    a.sourceId,
    a.sourceName,
    a.sourceType,
    a.title,
    a.body,
    a.publishedAt ?? null,
    a.fetchedAt,
    a.author ?? null,
    articleTimeMs(a),
    a.contentHash,
    simhash,
    sh0,
    sh1,
    sh2,
    sh3,
    sh4,
    a.titleTokens,
    a.bodyTokens,
    JSON.stringify(a.assessments),
    a.score,
    a.level,
    levelRank(a.level),
    clusterId,
    now,
    searchGrams(a.title),
    searchGrams(a.body),
    a.parentUrl ?? null,
  );
  insertStoryBands(prep, Number(info.lastInsertRowid), storyBands(a.body));
  const unit = prep('INSERT OR IGNORE INTO article_units (article_id, round_id, unit_id) VALUES (?, ?, ?)');
  const phase = prep('INSERT OR IGNORE INTO article_phases (article_id, round_id, phase) VALUES (?, ?, ?)');
  for (const assessment of a.assessments) {
    for (const u of assessment.units) unit.run(a.id, assessment.roundId, u.unitId);
    if (assessment.phase) phase.run(a.id, assessment.roundId, assessment.phase);
  }
}

/** What writing one routed tip did: created it, raised an existing one (escalated), re-alerted it, or nothing. */
type TipWrite = { outcome: 'created' | 'escalated' | 'realerted' | 'unchanged'; tipId: string };

/**
 * Insert a tip with one pending alert per channel; when the (round, cluster, unit) tip exists and the new level
 * is higher, raise it and queue one upgrade alert per channel instead. A level that is not higher sends nothing,
 * except a re-alert on channels whose route's `realert` wait has passed since their last alert of the tip.
 */
function writeTip(
  prep: Prepare,
  { tip, channels, realertMs }: NewTip,
  clusterId: string,
  now: string,
): TipWrite {
  const createdMs = isoToEpochMs(tip.createdAt);
  if (createdMs === undefined) {
    throw new StoreError('E_STORE_INPUT', `tip ${tip.id}: createdAt is not an ISO time: ${tip.createdAt}`);
  }
  const existing = prep(
    'SELECT id, level, level_rank, score FROM tips WHERE round_id = ? AND cluster_id = ? AND unit_id = ?',
  ).get(tip.roundId, clusterId, tip.unitId) as
    | { id: string; level: Level; level_rank: number; score: number }
    | undefined;
  if (existing) {
    if (levelRank(tip.level) <= existing.level_rank) {
      // A repost at the same level: the spread shows in the tip's score and parts, but nothing is sent.
      if (tip.score > existing.score) {
        prep('UPDATE tips SET score = ?, parts = ? WHERE id = ?').run(
          tip.score,
          JSON.stringify(tip.parts),
          existing.id,
        );
      }
      const realerted = realertMs
        ? queueRealerts(prep, { id: existing.id, level: existing.level }, realertMs, now)
        : [];
      return { outcome: realerted.length > 0 ? 'realerted' : 'unchanged', tipId: existing.id };
    }
    prep('UPDATE tips SET level = ?, level_rank = ?, score = ?, parts = ? WHERE id = ?').run(
      tip.level,
      levelRank(tip.level),
      tip.score,
      JSON.stringify(tip.parts),
      existing.id,
    );
    queueTipAlerts(prep, { id: existing.id, level: tip.level }, channels, true, now);
    return { outcome: 'escalated', tipId: existing.id };
  }
  const inserted = insertTipRow(prep, tip, clusterId, createdMs, null);
  if (!inserted) return { outcome: 'unchanged', tipId: tip.id };
  queueTipAlerts(prep, tip, channels, false, now);
  return { outcome: 'created', tipId: tip.id };
}
