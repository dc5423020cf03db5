// Index templates of the Elasticsearch store (issue #7). Search runs on the pipeline's own jieba tokens and on
// the shared character grams (store/search-grams.ts), both indexed with a whitespace tokenizer, so no IK or
// smartcn plugin is needed and a query matches exactly what the embedded SQLite store matches.
import type { IndexKind } from './names.js';

type Mapping = Record<string, unknown>;

const keyword = { type: 'keyword' } as const;
const long = { type: 'long' } as const;
const date = { type: 'date', format: 'strict_date_optional_time||epoch_millis' } as const;
/** Kept in _source for reading back, not indexed. */
const stored = { type: 'object', enabled: false } as const;
/** Space-separated tokens made by the pipeline, split on whitespace and lowercased. */
const tokens = { type: 'text', analyzer: 'yuqing_whitespace', norms: false } as const;
/** Original text for display and highlighting; `offsets` lets the unified highlighter skip re-analysis. */
const display = {
  type: 'text',
  analyzer: 'standard',
  index_options: 'offsets',
  // Verbatim, case-insensitive substring search for the console's "exact phrase" syntax.
  fields: { verbatim: { type: 'wildcard' } },
} as const;

/** Analysis settings shared by every index of the store. */
export const ANALYSIS = {
  analyzer: {
    yuqing_whitespace: { type: 'custom', tokenizer: 'whitespace', filter: ['lowercase'] },
  },
} as const;

const ARTICLES: Mapping = {
  id: keyword,
  url: keyword,
  sourceId: keyword,
  sourceName: keyword,
  sourceType: keyword,
  title: display,
  body: display,
  publishedAt: keyword,
  fetchedAt: keyword,
  author: keyword,
  parentUrl: keyword,
  timeMs: date,
  contentHash: keyword,
  simhash: keyword,
  bands: keyword,
  storyBands: keyword,
  titleTokens: tokens,
  bodyTokens: tokens,
  titleGrams: tokens,
  bodyGrams: tokens,
  assessments: stored,
  score: { type: 'float' },
  level: keyword,
  levelRank: { type: 'byte' },
  clusterId: keyword,
  storedAt: keyword,
  storedMs: date,
  seq: long,
  rounds: keyword,
  unitIds: keyword,
  roundUnits: keyword,
  phases: keyword,
  roundPhases: keyword,
  unitRefs: {
    type: 'nested',
    properties: { roundId: keyword, unitId: keyword, level: keyword },
  },
};

const TIPS: Mapping = {
  id: keyword,
  roundId: keyword,
  unitId: keyword,
  unitName: keyword,
  team: keyword,
  clusterId: keyword,
  articleId: keyword,
  title: { type: 'text', analyzer: 'standard' },
  url: keyword,
  sourceName: keyword,
  publishedAt: keyword,
  level: keyword,
  levelRank: { type: 'byte' },
  score: { type: 'float' },
  phase: keyword,
  parts: stored,
  status: keyword,
  createdAt: keyword,
  createdMs: date,
  assignee: keyword,
  dueAt: keyword,
  dueMs: date,
  result: { type: 'text', analyzer: 'standard' },
  dismissReason: keyword,
  updatedAt: keyword,
  seq: long,
};

const OUTBOX: Mapping = {
  id: keyword,
  kind: keyword,
  tipId: keyword,
  noticeId: keyword,
  level: keyword,
  upgrade: { type: 'boolean' },
  realert: { type: 'boolean' },
  dedupKey: keyword,
  channel: keyword,
  status: keyword,
  attempts: { type: 'integer' },
  nextAttemptAt: keyword,
  nextAttemptMs: date,
  lastError: { type: 'text', index: false },
  sentAt: keyword,
  sentMs: date,
  mergedInto: keyword,
  createdAt: keyword,
  createdMs: date,
  seq: long,
};

/** Field mappings by index kind; everything not listed is kept in _source only (`dynamic: false`). */
export const MAPPINGS: Readonly<Record<IndexKind, Mapping>> = {
  articles: ARTICLES,
  clusters: {
    id: keyword,
    firstArticleId: keyword,
    level: keyword,
    levelRank: { type: 'byte' },
    createdAt: keyword,
    updatedAt: keyword,
  },
  tips: TIPS,
  tipkeys: { tipId: keyword },
  history: { tipId: keyword, seq: { type: 'integer' }, at: keyword, details: stored },
  outbox: OUTBOX,
  notices: { kind: keyword, body: stored, createdAt: keyword },
  suggestions: {
    id: keyword,
    roundId: keyword,
    unitId: keyword,
    phrase: keyword,
    tipId: keyword,
    status: keyword,
    seq: long,
  },
  sources: { sourceId: keyword },
  evidence: { articleId: keyword },
  validators: { url: keyword },
  users: { name: keyword, rounds: keyword, units: keyword },
  sessions: { idHash: keyword, user: keyword, expiresMs: date },
  audit: { seq: long, atMs: date, user: keyword, action: keyword, target: keyword, detail: stored },
  saved: { id: keyword, user: keyword, name: keyword, createdAt: keyword, params: stored, seq: long },
  notes: { id: keyword, tipId: keyword, seq: long },
  counters: { value: long },
  deadletter: { at: date, index: keyword, id: keyword, status: { type: 'integer' }, document: stored },
  problems: {
    roundId: keyword,
    id: keyword,
    unitId: keyword,
    title: keyword,
    description: { type: 'text', index: false },
    category: keyword,
    terms: keyword,
    raisedOn: keyword,
    deadline: keyword,
    status: keyword,
    team: keyword,
    createdAt: keyword,
    updatedAt: keyword,
  },
  problemlinks: {
    roundId: keyword,
    problemId: keyword,
    unitId: keyword,
    articleId: keyword,
    clusterId: keyword,
    title: { type: 'text', index: false },
    url: keyword,
    publishedAt: keyword,
    linkedAt: keyword,
    timeMs: long,
    recurrence: { type: 'boolean' },
    reason: { type: 'text', index: false },
  },
  cursors: { sourceId: keyword, next: long, lastSearched: stored, updatedAt: keyword },
  loginfailures: { attempt: keyword, key: keyword, at: keyword, atMs: long },
};

/** Index settings; articles get the configured shard count and refresh interval. */
export interface TemplateOptions {
  /** Primary shards of the articles index (default 1; see README sizing notes). */
  articleShards?: number;
  /** Replicas of every index (default 1; 0 on a single-node cluster). */
  replicas?: number;
  /** Refresh interval of the articles index (default `1s`). */
  refreshInterval?: string;
}

/** The composable index template of one index kind, as sent to `PUT _index_template/<name>`. */
export function indexTemplate(
  prefix: string,
  kind: IndexKind,
  options: TemplateOptions = {},
): { name: string; index_patterns: string[]; priority: number; template: Record<string, unknown> } {
  const articles = kind === 'articles';
  return {
    name: `${prefix}-${kind}`,
    index_patterns: [`${prefix}-${kind}`],
    // Above the built-in templates (priority 100 for logs-*-* etc.), so ours always applies.
    priority: 200,
    template: {
      settings: {
        number_of_shards: articles ? (options.articleShards ?? 1) : 1,
        number_of_replicas: options.replicas ?? 1,
        ...(articles && { refresh_interval: options.refreshInterval ?? '1s' }),
        analysis: ANALYSIS,
      },
      mappings: { dynamic: false, properties: MAPPINGS[kind] },
    },
  };
}
