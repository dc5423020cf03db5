import { Client, type ClientOptions } from '@elastic/elasticsearch';
import { StoreError, YuqingError } from '../../core/errors.js';
import type { Logger } from '../../core/log.js';
import type { Notice, OutboxAlert, Tip, TipHistoryEntry } from '../../core/types.js';
import { normalizeSearchQuery } from '../query.js';
import type * as C from '../store.js';
import * as accounts from './accounts.js';
import * as articles from './articles.js';
import * as records from './console-records.js';
import * as consoleTips from './console-tips.js';
import { type EsContext, type RefreshPolicy, requireMs, sequence } from './context.js';
import { EsCursors } from './cursors.js';
import { ingestRecord } from './ingest.js';
import { ensureIndices } from './init.js';
import { EsLedger } from './ledger.js';
import { EsLoginFailures } from './login-failures.js';
import type { TemplateOptions } from './mappings.js';
import { indexNames } from './names.js';
import * as outbox from './outbox.js';
import * as claims from './outbox-claims.js';
import * as reports from './reports.js';
import { searchArticles } from './search.js';
import * as sources from './sources.js';
import { findSameStory } from './story.js';
import * as suggestions from './suggestions.js';
import * as tips from './tips.js';

/** Options of the Elasticsearch store. */
export interface ElasticsearchStoreOptions {
  /** A ready client (tests pass one with a recording connection), or options to build one. */
  client: Client | ClientOptions;
  /** Every index is `<indexPrefix>-<kind>` (default `yuqing`). */
  indexPrefix?: string;
  logger: Logger;
  clock?: () => Date;
  /** Refresh policy of writes; `wait_for` (default) makes them visible to the next read. */
  refresh?: RefreshPolicy;
  /** Shards, replicas and refresh interval of the index templates. */
  templates?: TemplateOptions;
}

/**
 * The Store on Elasticsearch 8 (issue #7), for several crawler instances sharing one cluster. Without
 * transactions, multi-document writes are made idempotent instead (derived ids, `op_type: create`, writes
 * conditional on the version read); see ingest.ts. Errors: StoreError E_STORE_NOT_INITIALIZED, E_STORE_CLOSED,
 * E_STORE_INPUT, E_STORE_NOT_FOUND, E_STORE_CONFLICT, E_STORE_VERSION, E_STORE_IO (any cluster failure).
 */
export class ElasticsearchStore implements C.Store {
  private readonly ctx: EsContext;
  private readonly prefix: string;
  private readonly templates: TemplateOptions;
  private readonly ownsClient: boolean;
  private state: 'opened' | 'ready' | 'closed' = 'opened';
  readonly ledger: C.LedgerStore;
  readonly cursors: C.CursorStore;
  readonly loginFailures: C.LoginFailureStore;

  constructor(options: ElasticsearchStoreOptions) {
    this.prefix = options.indexPrefix ?? 'yuqing';
    this.ownsClient = !(options.client instanceof Client);
    this.templates = options.templates ?? {};
    this.ctx = {
      client: options.client instanceof Client ? options.client : new Client(options.client),
      names: indexNames(this.prefix),
      refresh: options.refresh ?? 'wait_for',
      logger: options.logger.child({ component: 'store-elasticsearch' }),
      clock: options.clock ?? (() => new Date()),
      nextSeq: sequence(),
    };
    this.ledger = new EsLedger((operation, fn) => this.run(operation, fn), this.ctx);
    this.cursors = new EsCursors((operation, fn) => this.run(operation, fn), this.ctx);
    this.loginFailures = new EsLoginFailures((operation, fn) => this.run(operation, fn), this.ctx);
  }

  /** The shared context, for maintenance commands (migrate, reindex) and tests; not part of Store. */
  get context(): EsContext {
    return this.ctx;
  }

  async init(): Promise<void> {
    if (this.state === 'closed') throw new StoreError('E_STORE_CLOSED', 'init: store is closed');
    await this.guard('init', () => ensureIndices(this.ctx, this.prefix, this.templates));
    this.state = 'ready';
  }

  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closed';
    if (this.ownsClient) await this.ctx.client.close();
  }

  knownUrls(urls: readonly string[]) {
    return this.run('knownUrls', () => articles.knownUrls(this.ctx, urls));
  }
  findByContentHash(contentHash: string) {
    return this.run('findByContentHash', () => articles.findByContentHash(this.ctx, contentHash));
  }
  findNearDuplicate(simhash: string, maxDistance: number) {
    return this.run('findNearDuplicate', () => articles.findNearDuplicate(this.ctx, simhash, maxDistance));
  }
  findSameStory(body: string) {
    return this.run('findSameStory', () => findSameStory(this.ctx, body));
  }
  ingest(record: C.IngestRecord): Promise<C.IngestResult> {
    return this.run('ingest', () => ingestRecord(this.ctx, record, this.ctx.clock().toISOString()));
  }
  getArticle(id: string) {
    return this.run('getArticle', () => articles.getArticle(this.ctx, id));
  }
  getCluster(id: string) {
    return this.run('getCluster', () => articles.getCluster(this.ctx, id));
  }
  clusterArticles(clusterId: string) {
    return this.run('clusterArticles', () => articles.clusterArticles(this.ctx, clusterId));
  }
  async search(query: C.SearchQuery): Promise<C.SearchResult> {
    const normalized = normalizeSearchQuery(query);
    return this.run('search', () => searchArticles(this.ctx, normalized));
  }
  countArticles(): Promise<number> {
    return this.run(
      'countArticles',
      async () => (await this.ctx.client.count({ index: this.ctx.names.articles })).count,
    );
  }
  getTip(id: string) {
    return this.run('getTip', () => tips.getTip(this.ctx, id));
  }
  listTips(filter: C.TipFilter = {}) {
    return this.run('listTips', () => tips.listTips(this.ctx, filter));
  }
  async dueAlerts(now: string, limit: number): Promise<OutboxAlert[]> {
    const nowMs = requireMs('dueAlerts.now', now);
    return this.run('dueAlerts', () => outbox.dueAlerts(this.ctx, nowMs, limit));
  }
  listAlerts(status?: OutboxAlert['status']) {
    return this.run('listAlerts', () => outbox.listAlerts(this.ctx, status));
  }
  markAlertSent(id: string, at: string, owner?: string) {
    return this.run('markAlertSent', () =>
      owner === undefined
        ? outbox.markAlertSent(this.ctx, id, at)
        : claims.markHeldSent(this.ctx, [id], at, owner, 'markAlertSent'),
    );
  }
  async markAlertFailed(
    id: string,
    error: string,
    nextAttemptAt: string,
    dead: boolean,
    owner?: string,
  ): Promise<void> {
    const nextAttemptMs = requireMs('markAlertFailed.nextAttemptAt', nextAttemptAt);
    const failure = { error, nextAttemptAt, nextAttemptMs, dead };
    return this.run('markAlertFailed', () =>
      owner === undefined
        ? outbox.markAlertFailed(this.ctx, id, failure)
        : claims.markHeldFailed(this.ctx, id, failure, owner),
    );
  }
  getSourceState(sourceId: string) {
    return this.run('getSourceState', async () => {
      const state = await sources.getSourceHealthState(this.ctx, sourceId);
      return state && sources.plainState(state);
    });
  }
  listSourceStates() {
    return this.run('listSourceStates', async () =>
      (await sources.listSourceHealthStates(this.ctx)).map(sources.plainState),
    );
  }
  recordSourceRun(run: C.SourceRun) {
    return this.run('recordSourceRun', () => sources.recordSourceRun(this.ctx, run));
  }
  putEvidence(record: C.EvidenceRecord) {
    return this.run('putEvidence', () => sources.putEvidence(this.ctx, record));
  }
  getEvidence(articleId: string) {
    return this.run('getEvidence', () => sources.getEvidence(this.ctx, articleId));
  }
  getSourceHealthState(sourceId: string) {
    return this.run('getSourceHealthState', () => sources.getSourceHealthState(this.ctx, sourceId));
  }
  listSourceHealthStates() {
    return this.run('listSourceHealthStates', () => sources.listSourceHealthStates(this.ctx));
  }
  async countStoredBySourceDay(since: string, utcOffsetMinutes: number): Promise<C.SourceDayCount[]> {
    const sinceMs = requireMs('countStoredBySourceDay.since', since);
    if (!Number.isInteger(utcOffsetMinutes) || Math.abs(utcOffsetMinutes) > 24 * 60) {
      throw new StoreError('E_STORE_INPUT', `countStoredBySourceDay: bad UTC offset ${utcOffsetMinutes}`);
    }
    return this.run('countStoredBySourceDay', () =>
      sources.countStoredBySourceDay(this.ctx, sinceMs, utcOffsetMinutes),
    );
  }
  getValidators(url: string) {
    return this.run('getValidators', () => sources.getValidators(this.ctx, url));
  }
  putValidators(url: string, validators: C.HttpValidators) {
    return this.run('putValidators', () =>
      sources.putValidators(this.ctx, url, validators, this.ctx.clock().toISOString()),
    );
  }
  enqueueNotice(channels: readonly string[], notice: Notice, dedupKey: string) {
    return this.run('enqueueNotice', () =>
      outbox.enqueueNotice(this.ctx, channels, notice, dedupKey, this.ctx.clock().toISOString()),
    );
  }
  getNotice(id: string) {
    return this.run('getNotice', () => outbox.getNotice(this.ctx, id));
  }
  markAlertsSent(ids: readonly string[], at: string, owner?: string) {
    return this.run('markAlertsSent', () =>
      owner === undefined
        ? outbox.markAlertsSent(this.ctx, ids, at)
        : claims.markHeldSent(this.ctx, ids, at, owner, 'markAlertsSent'),
    );
  }
  async claimAlerts(now: string, owner: string, leaseMs: number, limit: number): Promise<OutboxAlert[]> {
    const nowMs = requireMs('claimAlerts.now', now);
    if (!owner) throw new StoreError('E_STORE_INPUT', 'claimAlerts: owner is empty');
    if (!(leaseMs > 0)) throw new StoreError('E_STORE_INPUT', `claimAlerts: bad lease ${leaseMs} ms`);
    const claim = { nowMs, owner, leaseUntilMs: nowMs + Math.ceil(leaseMs), limit };
    return this.run('claimAlerts', () => claims.claimAlerts(this.ctx, claim));
  }
  releaseAlerts(ids: readonly string[], owner: string) {
    return this.run('releaseAlerts', async () => {
      await claims.releaseAlerts(this.ctx, ids, owner);
    });
  }
  async claimHolders(now: string): Promise<string[]> {
    const nowMs = requireMs('claimHolders.now', now);
    return this.run('claimHolders', async () => [
      ...new Set((await claims.liveClaims(this.ctx, nowMs)).map((r) => r.owner)),
    ]);
  }
  releaseClaimsOf(owner: string) {
    return this.run('releaseClaimsOf', () =>
      claims.releaseClaimsOf(this.ctx, owner, this.ctx.clock().getTime()),
    );
  }
  countReplies(threadUrls: readonly string[]) {
    return this.run('countReplies', () => articles.countReplies(this.ctx, threadUrls));
  }
  updateTipWorkflow(update: C.TipWorkflowUpdate): Promise<Tip> {
    return this.run('updateTipWorkflow', () => tips.updateTipWorkflow(this.ctx, update));
  }
  tipHistory(tipId: string): Promise<TipHistoryEntry[]> {
    return this.run('tipHistory', () => tips.tipHistory(this.ctx, tipId));
  }
  async overdueTips(now: string): Promise<Tip[]> {
    const nowMs = requireMs('overdueTips.now', now);
    return this.run('overdueTips', () => tips.overdueTips(this.ctx, nowMs));
  }
  listSuggestions(status?: C.SuggestionStatus) {
    return this.run('listSuggestions', () => suggestions.listSuggestions(this.ctx, status));
  }
  decideSuggestion(id: string, decision: C.SuggestionDecision) {
    return this.run('decideSuggestion', () => suggestions.decideSuggestion(this.ctx, id, decision));
  }
  reportData(roundId: string, from: string, to: string, scope?: C.ReportDataScope) {
    return this.run('reportData', () => reports.reportData(this.ctx, roundId, from, to, scope));
  }
  // ---- console accounts, sessions, audit (issue #6) ----
  createUser(user: C.UserAccount) {
    return this.run('createUser', () => accounts.createUser(this.ctx, user));
  }
  getUser(name: string) {
    return this.run('getUser', () => accounts.getUser(this.ctx, name));
  }
  listUsers() {
    return this.run('listUsers', () => accounts.listUsers(this.ctx));
  }
  updateUser(name: string, patch: C.UserPatch) {
    return this.run('updateUser', () => accounts.updateUser(this.ctx, name, patch));
  }
  createSession(session: C.SessionRecord) {
    return this.run('createSession', () => accounts.createSession(this.ctx, session));
  }
  getSession(idHash: string, now: string) {
    return this.run('getSession', () => accounts.getSession(this.ctx, idHash, now));
  }
  touchSession(idHash: string, expiresAt: string) {
    return this.run('touchSession', () => accounts.touchSession(this.ctx, idHash, expiresAt));
  }
  deleteSession(idHash: string) {
    return this.run('deleteSession', () => accounts.deleteSession(this.ctx, idHash));
  }
  deleteUserSessions(user: string) {
    return this.run('deleteUserSessions', () => accounts.deleteUserSessions(this.ctx, user));
  }
  appendAudit(entry: C.NewAuditEntry) {
    return this.run('appendAudit', () => records.appendAudit(this.ctx, entry));
  }
  listAudit(filter: C.AuditFilter = {}) {
    return this.run('listAudit', () => records.listAudit(this.ctx, filter));
  }
  listSavedSearches(user: string) {
    return this.run('listSavedSearches', () => records.listSavedSearches(this.ctx, user));
  }
  createSavedSearch(search: C.SavedSearch) {
    return this.run('createSavedSearch', () => records.createSavedSearch(this.ctx, search));
  }
  deleteSavedSearch(user: string, id: string) {
    return this.run('deleteSavedSearch', () => records.deleteSavedSearch(this.ctx, user, id));
  }
  addTipNote(note: C.TipNote) {
    return this.run('addTipNote', () => records.addTipNote(this.ctx, note));
  }
  tipNotes(tipId: string) {
    return this.run('tipNotes', () => records.tipNotes(this.ctx, tipId));
  }
  createTip(tip: Tip) {
    return this.run('createTip', () => consoleTips.createTip(this.ctx, tip));
  }
  listConsoleTips(filter: C.ConsoleTipFilter) {
    return this.run('listConsoleTips', () => consoleTips.listConsoleTips(this.ctx, filter));
  }
  dashboardData(query: C.DashboardQuery) {
    return this.run('dashboardData', () => reports.dashboardData(this.ctx, query));
  }

  /** Run an operation on a ready store. */
  private run<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    if (this.state !== 'ready') {
      const closed = this.state === 'closed';
      return Promise.reject(
        new StoreError(
          closed ? 'E_STORE_CLOSED' : 'E_STORE_NOT_INITIALIZED',
          `${operation}: store is ${closed ? 'closed' : 'not initialized (call init() first)'}`,
        ),
      );
    }
    return this.guard(operation, fn);
  }

  /** Cluster failures become StoreError E_STORE_IO naming the operation; our own errors pass through. */
  private async guard<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (cause) {
      if (cause instanceof YuqingError) throw cause;
      const message = cause instanceof Error ? cause.message : String(cause);
      throw new StoreError('E_STORE_IO', `${operation}: ${message}`, { cause });
    }
  }
}
