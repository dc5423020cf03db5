// Mapping between SQLite rows and domain objects. NULL columns become absent optional fields.
import type { Level, OutboxAlert, PhaseName, SourceType, Tip, TipStatus } from '../../core/types.js';
import type { Cluster, SourceState, StoredArticle } from '../store.js';

/** A row of `articles`. */
export interface ArticleRow {
  seq: number;
  id: string;
  url: string;
  source_id: string;
  source_name: string;
  source_type: string;
  title: string;
  body: string;
  published_at: string | null;
  fetched_at: string;
  author: string | null;
  time_ms: number;
  content_hash: string;
  simhash: string;
  title_tokens: string;
  body_tokens: string;
  assessments: string;
  score: number;
  level: string;
  level_rank: number;
  cluster_id: string;
  stored_at: string;
  /** Forum replies: the thread's URL (schema step 6). */
  parent_url: string | null;
}

/**
 * The columns of ArticleRow, to select instead of `*`: the gram columns of `articles` feed only the index,
 * and leaving them out spares reading them.
 */
export const ARTICLE_COLUMNS: readonly (keyof ArticleRow)[] = [
  'seq',
  'id',
  'url',
  'source_id',
  'source_name',
  'source_type',
  'title',
  'body',
  'published_at',
  'fetched_at',
  'author',
  'time_ms',
  'content_hash',
  'simhash',
  'title_tokens',
  'body_tokens',
  'assessments',
  'score',
  'level',
  'level_rank',
  'cluster_id',
  'stored_at',
  'parent_url',
];

/** ARTICLE_COLUMNS as a select list, each qualified with `alias` when given. */
export function articleSelectList(alias?: string): string {
  return ARTICLE_COLUMNS.map((c) => (alias ? `${alias}.${c}` : c)).join(', ');
}

/** A row of `clusters`. */
export interface ClusterRow {
  id: string;
  first_article_id: string;
  size: number;
  level: string;
  level_rank: number;
  created_at: string;
  updated_at: string;
}

/** A row of `tips`. */
export interface TipRow {
  id: string;
  round_id: string;
  unit_id: string;
  unit_name: string;
  team: string | null;
  cluster_id: string;
  article_id: string;
  title: string;
  url: string;
  source_name: string;
  published_at: string | null;
  level: string;
  score: number;
  phase: string | null;
  parts: string;
  status: string;
  created_at: string;
}

/** A row of `outbox`. */
export interface OutboxRow {
  id: string;
  kind: string;
  tip_id: string | null;
  notice_id: string | null;
  level: string | null;
  upgrade: number;
  /** Schema step 6: sent again at the same level after the route's realert wait. */
  realert: number;
  channel: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
  /** Schema step 12: a dead alert an admin marked handled. */
  handled_at?: string | null;
  handled_by?: string | null;
}

/** A row of `source_state`. */
export interface SourceStateRow {
  source_id: string;
  last_run_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  consecutive_failures: number;
  items_stored: number;
}

/** Set `key` only when the column is not NULL, so optional fields stay absent rather than undefined. */
function opt<K extends string, V>(key: K, value: V | null): { [P in K]?: V } {
  return (value === null ? {} : { [key]: value }) as { [P in K]?: V };
}

/** An article row as a StoredArticle. */
export function toStoredArticle(row: ArticleRow): StoredArticle {
  return {
    id: row.id,
    url: row.url,
    sourceId: row.source_id,
    sourceName: row.source_name,
    sourceType: row.source_type as SourceType,
    title: row.title,
    body: row.body,
    ...opt('publishedAt', row.published_at),
    fetchedAt: row.fetched_at,
    ...opt('author', row.author),
    contentHash: row.content_hash,
    simhash: row.simhash,
    titleTokens: row.title_tokens,
    bodyTokens: row.body_tokens,
    assessments: JSON.parse(row.assessments) as StoredArticle['assessments'],
    score: row.score,
    level: row.level as Level,
    clusterId: row.cluster_id,
    storedAt: row.stored_at,
    ...opt('parentUrl', row.parent_url),
  };
}

/** A cluster row as a Cluster. */
export function toCluster(row: ClusterRow): Cluster {
  return {
    id: row.id,
    firstArticleId: row.first_article_id,
    size: row.size,
    level: row.level as Level,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A tip row as a Tip. */
export function toTip(row: TipRow): Tip {
  return {
    id: row.id,
    roundId: row.round_id,
    unitId: row.unit_id,
    unitName: row.unit_name,
    ...opt('team', row.team),
    clusterId: row.cluster_id,
    articleId: row.article_id,
    title: row.title,
    url: row.url,
    sourceName: row.source_name,
    ...opt('publishedAt', row.published_at),
    level: row.level as Level,
    score: row.score,
    ...opt('phase', row.phase as PhaseName | null),
    parts: JSON.parse(row.parts) as Tip['parts'],
    status: row.status as TipStatus,
    createdAt: row.created_at,
  };
}

/** An outbox row as an OutboxAlert. */
export function toOutboxAlert(row: OutboxRow): OutboxAlert {
  return {
    id: row.id,
    tipId: row.tip_id ?? '',
    ...opt('noticeId', row.notice_id),
    ...opt('level', row.level as Level | null),
    ...(row.upgrade === 1 && { upgrade: true }),
    ...(row.realert === 1 && { realert: true }),
    channel: row.channel,
    status: row.status as OutboxAlert['status'],
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    ...opt('lastError', row.last_error),
    ...opt('sentAt', row.sent_at),
    createdAt: row.created_at,
    ...opt('handledAt', row.handled_at ?? null),
    ...opt('handledBy', row.handled_by ?? null),
  };
}

/** A source_state row as a SourceState. */
export function toSourceState(row: SourceStateRow): SourceState {
  return {
    sourceId: row.source_id,
    ...opt('lastRunAt', row.last_run_at),
    ...opt('lastSuccessAt', row.last_success_at),
    ...opt('lastError', row.last_error),
    consecutiveFailures: row.consecutive_failures,
    itemsStored: row.items_stored,
  };
}
