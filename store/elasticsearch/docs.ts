// Domain records ↔ Elasticsearch documents. Optional fields absent in the record are absent in the document.
import { createHash } from 'node:crypto';
import { StoreError } from '../../core/errors.js';
import {
  type Level,
  levelRank,
  type OutboxAlert,
  type ProcessedArticle,
  type Tip,
} from '../../core/types.js';
import { storyBands } from '../../pipeline/story-shingles.js';
import { searchGrams } from '../search-grams.js';
import { normalizeSimhash, simhashBands } from '../simhash.js';
import type { Cluster, StoredArticle } from '../store.js';
import { articleTimeMs, isoToEpochMs } from '../time.js';
import { compact } from './context.js';

/** A short, stable document id from several parts (so re-writing the same record hits the same id). */
export function docId(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 40);
}

/** An article as indexed: the record, its search fields and the filters the queries use. */
export interface ArticleDoc extends Record<string, unknown> {
  id: string;
  url: string;
  sourceId: string;
  sourceName: string;
  sourceType: string;
  title: string;
  body: string;
  publishedAt?: string;
  fetchedAt: string;
  author?: string;
  parentUrl?: string;
  timeMs: number;
  contentHash: string;
  simhash: string;
  bands: string[];
  /** LSH band keys of the body's MinHash (pipeline/story-shingles.ts); absent on items stored before issue 19. */
  storyBands?: string[];
  titleTokens: string;
  bodyTokens: string;
  titleGrams: string;
  bodyGrams: string;
  assessments: ProcessedArticle['assessments'];
  score: number;
  level: Level;
  levelRank: number;
  clusterId: string;
  storedAt: string;
  storedMs: number;
  seq: number;
  rounds: string[];
  unitIds: string[];
  roundUnits: string[];
  phases: string[];
  roundPhases: string[];
  unitRefs: { roundId: string; unitId: string; level: Level }[];
}

/** Key of a (round, unit) or (round, phase) pair in a keyword field. */
export function pairKey(roundId: string, value: string): string {
  return `${roundId}\u0000${value}`;
}

/** The story band keys of a body as keyword terms (base-36 of the integer key). */
export function esStoryBands(body: string): string[] {
  return storyBands(body).map((key) => key.toString(36));
}

/** The document of an article stored in `clusterId`. */
export function toArticleDoc(
  a: ProcessedArticle,
  clusterId: string,
  storedAt: string,
  seq: number,
): ArticleDoc {
  const simhash = normalizeSimhash(a.simhash);
  const refs = a.assessments.flatMap((s) =>
    s.units.map((u) => ({ roundId: s.roundId, unitId: u.unitId, level: s.level })),
  );
  const unique = <T>(xs: T[]) => [...new Set(xs)];
  return compact({
    id: a.id,
    url: a.url,
    sourceId: a.sourceId,
    sourceName: a.sourceName,
    sourceType: a.sourceType,
    title: a.title,
    body: a.body,
    publishedAt: a.publishedAt,
    fetchedAt: a.fetchedAt,
    author: a.author,
    parentUrl: a.parentUrl,
    timeMs: articleTimeMs(a),
    contentHash: a.contentHash,
    simhash,
    bands: simhashBands(simhash).map((b, i) => `${i}:${b}`),
    storyBands: esStoryBands(a.body),
    titleTokens: a.titleTokens,
    bodyTokens: a.bodyTokens,
    titleGrams: searchGrams(a.title),
    bodyGrams: searchGrams(a.body),
    assessments: a.assessments,
    score: a.score,
    level: a.level,
    levelRank: levelRank(a.level),
    clusterId,
    storedAt,
    storedMs: isoToEpochMs(storedAt) ?? Date.now(),
    seq,
    rounds: unique(refs.map((r) => r.roundId)),
    unitIds: unique(refs.map((r) => r.unitId)),
    roundUnits: unique(refs.map((r) => pairKey(r.roundId, r.unitId))),
    phases: unique(a.assessments.flatMap((s) => (s.phase ? [s.phase] : []))),
    roundPhases: unique(a.assessments.flatMap((s) => (s.phase ? [pairKey(s.roundId, s.phase)] : []))),
    unitRefs: unique(refs.map((r) => JSON.stringify(r))).map(
      (r) => JSON.parse(r) as ArticleDoc['unitRefs'][number],
    ),
  }) as ArticleDoc;
}

/** Fields of an article document that are only for the index. */
const INDEX_ONLY = [
  'timeMs',
  'bands',
  'titleGrams',
  'bodyGrams',
  'levelRank',
  'storedMs',
  'seq',
  'rounds',
  'unitIds',
  'roundUnits',
  'phases',
  'roundPhases',
  'unitRefs',
] as const;

/** An article document as a StoredArticle. */
export function fromArticleDoc(doc: ArticleDoc): StoredArticle {
  const article: Record<string, unknown> = { ...doc };
  for (const field of INDEX_ONLY) delete article[field];
  return article as unknown as StoredArticle;
}

/** A cluster as stored: its size is counted from the articles, not kept (so a retried ingest cannot inflate it). */
export interface ClusterDoc extends Record<string, unknown> {
  id: string;
  firstArticleId: string;
  level: Level;
  levelRank: number;
  createdAt: string;
  updatedAt: string;
}

/** A cluster document and its counted size as a Cluster. */
export function fromClusterDoc(doc: ClusterDoc, size: number): Cluster {
  return {
    id: doc.id,
    firstArticleId: doc.firstArticleId,
    size,
    level: doc.level,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

/** A tip as indexed. */
export interface TipDoc extends Tip, Record<string, unknown> {
  levelRank: number;
  createdMs: number;
  dueMs?: number;
  seq: number;
}

/** The document of a tip stored under `clusterId`. */
export function toTipDoc(tip: Tip, clusterId: string, seq: number): TipDoc {
  const createdMs = isoToEpochMs(tip.createdAt);
  if (createdMs === undefined) {
    throw new StoreError('E_STORE_INPUT', `tip ${tip.id}: createdAt is not an ISO time: ${tip.createdAt}`);
  }
  return compact({
    ...tip,
    clusterId,
    levelRank: levelRank(tip.level),
    createdMs,
    dueMs: tip.dueAt === undefined ? undefined : isoToEpochMs(tip.dueAt),
    seq,
  }) as TipDoc;
}

/** A tip document as a Tip. */
export function fromTipDoc(doc: TipDoc): Tip {
  const { levelRank: _rank, createdMs: _created, dueMs: _due, seq: _seq, ...tip } = doc;
  return tip as Tip;
}

/** An outbox row as indexed. */
export interface OutboxDoc extends Record<string, unknown> {
  id: string;
  kind: 'tip' | 'notice';
  tipId?: string;
  noticeId?: string;
  level?: Level;
  upgrade?: boolean;
  realert?: boolean;
  dedupKey: string;
  channel: string;
  status: OutboxAlert['status'];
  attempts: number;
  nextAttemptAt: string;
  nextAttemptMs: number;
  lastError?: string;
  sentAt?: string;
  sentMs?: number;
  mergedInto?: string;
  createdAt: string;
  createdMs: number;
  seq: number;
  handledAt?: string;
  handledBy?: string;
}

/** An outbox document as an OutboxAlert. */
export function fromOutboxDoc(doc: OutboxDoc): OutboxAlert {
  return compact({
    id: doc.id,
    tipId: doc.tipId ?? '',
    noticeId: doc.noticeId,
    level: doc.level,
    upgrade: doc.upgrade === true ? true : undefined,
    realert: doc.realert === true ? true : undefined,
    channel: doc.channel,
    status: doc.status,
    attempts: doc.attempts,
    nextAttemptAt: doc.nextAttemptAt,
    lastError: doc.lastError,
    sentAt: doc.sentAt,
    createdAt: doc.createdAt,
    handledAt: doc.handledAt,
    handledBy: doc.handledBy,
  }) as OutboxAlert;
}
