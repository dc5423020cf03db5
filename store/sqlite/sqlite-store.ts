import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError, YuqingError } from '../../core/errors.js';
import type { Logger } from '../../core/log.js';
import { levelRank, type OutboxAlert, type Tip } from '../../core/types.js';
import { clampInt, normalizeSearchQuery } from '../query.js';
import { hammingDistance, MAX_BANDED_DISTANCE, normalizeSimhash, simhashBands } from '../simhash.js';
import type {
  Cluster,
  IngestRecord,
  IngestResult,
  SearchQuery,
  SearchResult,
  SourceRun,
  SourceState,
  Store,
  StoredArticle,
  TipFilter,
} from '../store.js';
import { isoToEpochMs } from '../time.js';
import { ingestRecord } from './ingest.js';
import {
  type ArticleRow,
  type ClusterRow,
  type OutboxRow,
  type SourceStateRow,
  type TipRow,
  toCluster,
  toOutboxAlert,
  toSourceState,
  toStoredArticle,
  toTip,
} from './rows.js';
import { migrate } from './schema.js';
import { searchArticles } from './search.js';
import { type Prepare, statementCache } from './statements.js';

/** Options of the embedded store. */
export interface SqliteStoreOptions {
  /** Database file; parent directories are created. */
  path: string;
  logger: Logger;
  /** Clock for storedAt, cluster and outbox timestamps; defaults to the system clock. */
  clock?: () => Date;
  /** How long a write waits for another connection's lock, in ms (default 5000). */
  busyTimeoutMs?: number;
}

/** Default and largest page size of listTips. */
const TIPS_DEFAULT_LIMIT = 50;
const TIPS_MAX_LIMIT = 500;
/** SQLite host-parameter batches for knownUrls. */
const URL_BATCH = 500;

/**
 * The embedded Store: one SQLite file (WAL) with FTS5 full-text search. Methods are async to match the
 * interface but run synchronously (better-sqlite3); call init() before anything else.
 */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly prep: Prepare;
  private readonly logger: Logger;
  private readonly clock: () => Date;
  private state: 'opened' | 'ready' | 'closed' = 'opened';

  constructor(options: SqliteStoreOptions) {
    this.logger = options.logger.child({ component: 'store-sqlite' });
    this.clock = options.clock ?? (() => new Date());
    try {
      mkdirSync(dirname(options.path), { recursive: true });
      this.db = new Database(options.path);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('foreign_keys = ON');
      this.db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    } catch (cause) {
      throw new StoreError('E_STORE_OPEN', `cannot open SQLite store ${options.path}: ${message(cause)}`, { cause });
    }
    this.prep = statementCache(this.db);
  }

  async init(): Promise<void> {
    if (this.state === 'closed') throw new StoreError('E_STORE_CLOSED', 'store is closed');
    this.guard('init', () => migrate(this.db, this.logger));
    this.state = 'ready';
  }

  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.db.close();
  }

  /** Direct access for maintenance and tests (integrity checks, backups); not part of Store. */
  get database(): Database.Database {
    return this.db;
  }

  async knownUrls(urls: readonly string[]): Promise<Set<string>> {
    return this.run('knownUrls', () => {
      const known = new Set<string>();
      const unique = [...new Set(urls)];
      for (let i = 0; i < unique.length; i += URL_BATCH) {
        const batch = unique.slice(i, i + URL_BATCH);
        const sql = `SELECT url FROM articles WHERE url IN (${batch.map(() => '?').join(',')})`;
        for (const row of this.db.prepare(sql).all(...batch) as { url: string }[]) known.add(row.url);
      }
      return known;
    });
  }

  async findByContentHash(contentHash: string): Promise<{ articleId: string; clusterId: string } | undefined> {
    return this.run('findByContentHash', () => {
      const row = this.prep('SELECT id, cluster_id FROM articles WHERE content_hash = ? ORDER BY seq LIMIT 1').get(
        contentHash,
      ) as { id: string; cluster_id: string } | undefined;
      return row && { articleId: row.id, clusterId: row.cluster_id };
    });
  }

  /**
   * Up to distance 3 only articles sharing one of the four 16-bit bands are examined (exact by the pigeonhole
   * principle); a larger maxDistance scans every stored SimHash. Ties go to the earliest stored article.
   */
  async findNearDuplicate(
    simhash: string,
    maxDistance: number,
  ): Promise<{ articleId: string; clusterId: string; distance: number } | undefined> {
    return this.run('findNearDuplicate', () => {
      const target = normalizeSimhash(simhash);
      if (!(maxDistance >= 0)) return undefined;
      const candidates = (
        maxDistance <= MAX_BANDED_DISTANCE
          ? this.prep(
              `SELECT seq, id, cluster_id, simhash FROM articles
               WHERE sh0 = ? OR sh1 = ? OR sh2 = ? OR sh3 = ? ORDER BY seq`,
            ).all(...simhashBands(target))
          : this.prep('SELECT seq, id, cluster_id, simhash FROM articles ORDER BY seq').all()
      ) as { id: string; cluster_id: string; simhash: string }[];
      let best: { articleId: string; clusterId: string; distance: number } | undefined;
      for (const c of candidates) {
        const distance = hammingDistance(target, c.simhash);
        if (distance <= maxDistance && (!best || distance < best.distance)) {
          best = { articleId: c.id, clusterId: c.cluster_id, distance };
          if (distance === 0) break;
        }
      }
      return best;
    });
  }

  async ingest(record: IngestRecord): Promise<IngestResult> {
    return this.run('ingest', () => {
      const now = this.clock().toISOString();
      const result = this.db.transaction(() => ingestRecord(this.prep, record, now)).immediate();
      if (result.inserted) {
        this.logger.debug(
          { articleId: result.articleId, clusterId: result.clusterId, tips: result.createdTipIds.length },
          'article stored',
        );
      }
      return result;
    });
  }

  async getArticle(id: string): Promise<StoredArticle | undefined> {
    return this.run('getArticle', () => {
      const row = this.prep('SELECT * FROM articles WHERE id = ?').get(id) as ArticleRow | undefined;
      return row && toStoredArticle(row);
    });
  }

  async getCluster(id: string): Promise<Cluster | undefined> {
    return this.run('getCluster', () => {
      const row = this.prep('SELECT * FROM clusters WHERE id = ?').get(id) as ClusterRow | undefined;
      return row && toCluster(row);
    });
  }

  async clusterArticles(clusterId: string): Promise<StoredArticle[]> {
    return this.run('clusterArticles', () =>
      (this.prep('SELECT * FROM articles WHERE cluster_id = ? ORDER BY seq').all(clusterId) as ArticleRow[]).map(
        toStoredArticle,
      ),
    );
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const normalized = normalizeSearchQuery(query);
    return this.run('search', () => searchArticles(this.prep, normalized));
  }

  async countArticles(): Promise<number> {
    return this.run('countArticles', () => (this.prep('SELECT count(*) AS n FROM articles').get() as { n: number }).n);
  }

  async getTip(id: string): Promise<Tip | undefined> {
    return this.run('getTip', () => {
      const row = this.prep('SELECT * FROM tips WHERE id = ?').get(id) as TipRow | undefined;
      return row && toTip(row);
    });
  }

  /** Newest first (by createdAt, then insertion); limit defaults to 50, at most 500. */
  async listTips(filter: TipFilter = {}): Promise<{ total: number; tips: Tip[] }> {
    return this.run('listTips', () => {
      const clauses: string[] = [];
      const params: Record<string, string | number> = {};
      for (const [key, column] of [
        ['roundId', 'round_id'],
        ['unitId', 'unit_id'],
        ['status', 'status'],
      ] as const) {
        const value = filter[key];
        if (value === undefined) continue;
        clauses.push(`${column} = @${key}`);
        params[key] = value;
      }
      if (filter.minLevel !== undefined) {
        clauses.push('level_rank >= @minRank');
        params.minRank = levelRank(filter.minLevel);
      }
      const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
      const { total } = this.prep(`SELECT count(*) AS total FROM tips ${where}`).get(params) as { total: number };
      const rows = this.prep(
        `SELECT * FROM tips ${where} ORDER BY created_ms DESC, seq DESC LIMIT @limit OFFSET @offset`,
      ).all({
        ...params,
        limit: clampInt(filter.limit, TIPS_DEFAULT_LIMIT, 0, TIPS_MAX_LIMIT),
        offset: clampInt(filter.offset, 0, 0, Number.MAX_SAFE_INTEGER),
      }) as TipRow[];
      return { total, tips: rows.map(toTip) };
    });
  }

  async dueAlerts(now: string, limit: number): Promise<OutboxAlert[]> {
    const nowMs = requireTime('dueAlerts.now', now);
    return this.run('dueAlerts', () =>
      (
        this.prep(
          `SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_ms <= ?
           ORDER BY created_ms, seq LIMIT ?`,
        ).all(nowMs, clampInt(limit, 0, 0, Number.MAX_SAFE_INTEGER)) as OutboxRow[]
      ).map(toOutboxAlert),
    );
  }

  /** Newest first. */
  async listAlerts(status?: OutboxAlert['status']): Promise<OutboxAlert[]> {
    return this.run('listAlerts', () => {
      const rows = (
        status === undefined
          ? this.prep('SELECT * FROM outbox ORDER BY created_ms DESC, seq DESC').all()
          : this.prep('SELECT * FROM outbox WHERE status = ? ORDER BY created_ms DESC, seq DESC').all(status)
      ) as OutboxRow[];
      return rows.map(toOutboxAlert);
    });
  }

  /** Counts the successful delivery as an attempt. Throws StoreError E_STORE_NOT_FOUND for an unknown id. */
  async markAlertSent(id: string, at: string): Promise<void> {
    this.run('markAlertSent', () => {
      const result = this.prep(
        "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
      ).run(at, id);
      if (result.changes === 0) throw new StoreError('E_STORE_NOT_FOUND', `markAlertSent: no alert ${id}`);
    });
  }

  /** Throws StoreError E_STORE_NOT_FOUND for an unknown id. */
  async markAlertFailed(id: string, error: string, nextAttemptAt: string, dead: boolean): Promise<void> {
    const nextMs = requireTime('markAlertFailed.nextAttemptAt', nextAttemptAt);
    this.run('markAlertFailed', () => {
      const result = this.prep(
        `UPDATE outbox SET status = ?, attempts = attempts + 1, last_error = ?, next_attempt_at = ?,
           next_attempt_ms = ? WHERE id = ?`,
      ).run(dead ? 'dead' : 'pending', error, nextAttemptAt, nextMs, id);
      if (result.changes === 0) throw new StoreError('E_STORE_NOT_FOUND', `markAlertFailed: no alert ${id}`);
    });
  }

  async getSourceState(sourceId: string): Promise<SourceState | undefined> {
    return this.run('getSourceState', () => {
      const row = this.prep('SELECT * FROM source_state WHERE source_id = ?').get(sourceId) as
        | SourceStateRow
        | undefined;
      return row && toSourceState(row);
    });
  }

  async listSourceStates(): Promise<SourceState[]> {
    return this.run('listSourceStates', () =>
      (this.prep('SELECT * FROM source_state ORDER BY source_id').all() as SourceStateRow[]).map(toSourceState),
    );
  }

  /** A success clears lastError and the failure count; items stored count on failed runs too. */
  async recordSourceRun(run: SourceRun): Promise<void> {
    this.run('recordSourceRun', () => {
      const stored = Math.max(0, Math.floor(run.stored));
      const sql = run.ok
        ? `INSERT INTO source_state (source_id, last_run_at, last_success_at, consecutive_failures, items_stored)
           VALUES (@sourceId, @at, @at, 0, @stored)
           ON CONFLICT (source_id) DO UPDATE SET last_run_at = @at, last_success_at = @at, last_error = NULL,
             consecutive_failures = 0, items_stored = items_stored + @stored`
        : `INSERT INTO source_state (source_id, last_run_at, last_error, consecutive_failures, items_stored)
           VALUES (@sourceId, @at, @error, 1, @stored)
           ON CONFLICT (source_id) DO UPDATE SET last_run_at = @at, last_error = @error,
             consecutive_failures = consecutive_failures + 1, items_stored = items_stored + @stored`;
      this.prep(sql).run({
        sourceId: run.sourceId,
        at: run.at,
        stored,
        ...(run.ok ? {} : { error: run.error ?? '未知错误' }),
      });
    });
  }

  /** Run an operation on a ready store; SQLite failures become StoreError E_STORE_IO naming the operation. */
  private run<T>(operation: string, fn: () => T): T {
    if (this.state !== 'ready') {
      throw new StoreError(
        this.state === 'closed' ? 'E_STORE_CLOSED' : 'E_STORE_NOT_INITIALIZED',
        `${operation}: store is ${this.state === 'closed' ? 'closed' : 'not initialized (call init())'}`,
      );
    }
    return this.guard(operation, fn);
  }

  private guard<T>(operation: string, fn: () => T): T {
    try {
      return fn();
    } catch (cause) {
      if (cause instanceof YuqingError) throw cause;
      throw new StoreError('E_STORE_IO', `${operation}: ${message(cause)}`, { cause });
    }
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function requireTime(name: string, iso: string): number {
  const ms = isoToEpochMs(iso);
  if (ms === undefined) throw new StoreError('E_STORE_INPUT', `${name} is not an ISO time: ${iso}`);
  return ms;
}
