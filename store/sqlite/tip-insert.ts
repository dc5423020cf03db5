import { levelRank, type Tip } from '../../core/types.js';
import type { Prepare } from './statements.js';

/**
 * INSERT OR IGNORE one tip row under `clusterId`; false when a tip with its id or its (round, cluster, unit)
 * already exists. `updatedAt` is set for tips made by hand in the console, null for tips from ingest.
 */
export function insertTipRow(
  prep: Prepare,
  tip: Tip,
  clusterId: string,
  createdMs: number,
  updatedAt: string | null,
): boolean {
  const result = prep(
    `INSERT OR IGNORE INTO tips (id, round_id, unit_id, unit_name, team, cluster_id, article_id, title, url,
       source_name, published_at, level, level_rank, score, phase, parts, status, created_at, created_ms, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    tip.id,
    tip.roundId,
    tip.unitId,
    tip.unitName,
    tip.team ?? null,
    clusterId,
    tip.articleId,
    tip.title,
    tip.url,
    tip.sourceName,
    tip.publishedAt ?? null,
    tip.level,
    levelRank(tip.level),
    tip.score,
    tip.phase ?? null,
    JSON.stringify(tip.parts),
    tip.status,
    tip.createdAt,
    createdMs,
    updatedAt,
  );
  return result.changes > 0;
}
