import { StoreError } from '../../core/errors.js';
import type { Notice, OutboxAlert, Tip, TipHistoryEntry } from '../../core/types.js';
import type { StoryMatch } from '../../pipeline/story-shingles.js';
import { normalizeSearchQuery } from '../query.js';
import type * as C from '../store.js';
import type {
  Cluster,
  EvidenceRecord,
  ExclusionSuggestion,
  HttpValidators,
  IngestRecord,
  IngestResult,
  ReportData,
  SearchQuery,
  SearchResult,
  SourceDayCount,
  SourceHealthState,
  SourceRun,
  SourceState,
  Store,
  StoredArticle,
  SuggestionDecision,
  SuggestionStatus,
  TipFilter,
  TipWorkflowUpdate,
} from '../store.js';
import * as accounts from './accounts.js';
import * as articles from './articles.js';
import * as consoleRecords from './console-records.js';
import * as consoleTips from './console-tips.js';
import { SqliteCursors } from './cursors.js';
import * as dashboard from './dashboard.js';
import * as evidence from './evidence-records.js';
import { ingestRecord } from './ingest.js';
import { SqliteLedger } from './ledger.js';
import { SqliteLoginFailures } from './login-failures.js';
import * as outbox from './outbox.js';
import * as reports from './report-data.js';
import { searchArticles } from './search.js';
import * as sources from './source-state.js';
import { requireTime, SqliteConnection } from './sqlite-connection.js';
import { findSameStory } from './story-index.js';
import * as suggestions from './suggestions.js';
import * as tips from './tips.js';

export type { SqliteStoreOptions } from './sqlite-connection.js';

/**
 * The embedded Store: one SQLite file (WAL) with FTS5 full-text search. Methods are async to match the
 * interface but run synchronously (better-sqlite3). Call init() first; errors are StoreError with codes
 * E_STORE_OPEN, E_STORE_VERSION, E_STORE_NOT_INITIALIZED, E_STORE_CLOSED, E_STORE_INPUT, E_STORE_NOT_FOUND,
 * E_STORE_IO (any SQLite failure); search raises InputError on a bad from/to.
 */
export class SqliteStore extends SqliteConnection implements Store {
  readonly ledger = new SqliteLedger((operation, fn) => this.run(operation, fn), this.db, this.prep);
  readonly cursors = new SqliteCursors((operation, fn) => this.run(operation, fn), this.prep);
  readonly loginFailures = new SqliteLoginFailures((operation, fn) => this.run(operation, fn), this.prep);

  async knownUrls(urls: readonly string[]): Promise<Set<string>> {
    return this.run('knownUrls', () => articles.knownUrls(this.prep, urls));
  }

  async findByContentHash(
    contentHash: string,
  ): Promise<{ articleId: string; clusterId: string } | undefined> {
    return this.run('findByContentHash', () => articles.findByContentHash(this.prep, contentHash));
  }

  /** Exact band lookup up to distance 3; larger distances scan every stored SimHash. */
  async findNearDuplicate(
    simhash: string,
    maxDistance: number,
  ): Promise<{ articleId: string; clusterId: string; distance: number } | undefined> {
    return this.run('findNearDuplicate', () => articles.findNearDuplicate(this.prep, simhash, maxDistance));
  }

  /** LSH band candidates from story_bands, verified by containment on their stored bodies. */
  async findSameStory(body: string): Promise<StoryMatch | undefined> {
    return this.run('findSameStory', () => findSameStory(this.prep, body));
  }

  /** One immediate transaction; tips are stored under the cluster actually joined or created. */
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
    return this.run('getArticle', () => articles.getArticle(this.prep, id));
  }

  async getCluster(id: string): Promise<Cluster | undefined> {
    return this.run('getCluster', () => articles.getCluster(this.prep, id));
  }

  async clusterArticles(clusterId: string): Promise<StoredArticle[]> {
    return this.run('clusterArticles', () => articles.clusterArticles(this.prep, clusterId));
  }

  /** Hit `units` are unit names; highlights come from store/highlight.ts. */
  async search(query: SearchQuery): Promise<SearchResult> {
    const normalized = normalizeSearchQuery(query);
    return this.run('search', () => searchArticles(this.prep, normalized));
  }

  async countArticles(): Promise<number> {
    return this.run(
      'countArticles',
      () => (this.prep('SELECT count(*) AS n FROM articles').get() as { n: number }).n,
    );
  }

  async getTip(id: string): Promise<Tip | undefined> {
    return this.run('getTip', () => tips.getTip(this.prep, id));
  }

  /** Newest first; limit defaults to 50, at most 500. */
  async listTips(filter: TipFilter = {}): Promise<{ total: number; tips: Tip[] }> {
    return this.run('listTips', () => tips.listTips(this.prep, filter));
  }

  async dueAlerts(now: string, limit: number): Promise<OutboxAlert[]> {
    const nowMs = requireTime('dueAlerts.now', now);
    return this.run('dueAlerts', () => outbox.dueAlerts(this.prep, nowMs, limit));
  }

  /** Newest first. */
  async listAlerts(status?: OutboxAlert['status']): Promise<OutboxAlert[]> {
    return this.run('listAlerts', () => outbox.listAlerts(this.prep, status));
  }

  /** The delivery counts as an attempt; E_STORE_NOT_FOUND for an unknown id. */
  async markAlertSent(id: string, at: string, owner?: string): Promise<void> {
    this.run('markAlertSent', () => outbox.markAlertSent(this.prep, id, at, owner));
  }

  /** E_STORE_NOT_FOUND for an unknown id. */
  async markAlertFailed(
    id: string,
    error: string,
    nextAttemptAt: string,
    dead: boolean,
    owner?: string,
  ): Promise<void> {
    const nextAttemptMs = requireTime('markAlertFailed.nextAttemptAt', nextAttemptAt);
    this.run('markAlertFailed', () =>
      outbox.markAlertFailed(this.prep, id, { error, nextAttemptAt, nextAttemptMs, dead, owner }),
    );
  }

  async getSourceState(sourceId: string): Promise<SourceState | undefined> {
    return this.run('getSourceState', () => sources.getSourceState(this.prep, sourceId));
  }

  async listSourceStates(): Promise<SourceState[]> {
    return this.run('listSourceStates', () => sources.listSourceStates(this.prep));
  }

  /** A success clears lastError and the failure streak; stored items count on failed runs too. */
  async recordSourceRun(run: SourceRun): Promise<void> {
    this.run('recordSourceRun', () => sources.recordSourceRun(this.prep, run));
  }
  // ---- evidence and source health (issue #3) ----
  /** E_STORE_NOT_FOUND when the article is not stored; E_STORE_INPUT when sha256 is not 64 hex digits. */
  async putEvidence(record: EvidenceRecord): Promise<void> {
    this.run('putEvidence', () => evidence.putEvidence(this.prep, record));
  }

  async getEvidence(articleId: string): Promise<EvidenceRecord | undefined> {
    return this.run('getEvidence', () => evidence.getEvidence(this.prep, articleId));
  }

  async getSourceHealthState(sourceId: string): Promise<SourceHealthState | undefined> {
    return this.run('getSourceHealthState', () => sources.getSourceHealthState(this.prep, sourceId));
  }

  async listSourceHealthStates(): Promise<SourceHealthState[]> {
    return this.run('listSourceHealthStates', () => sources.listSourceHealthStates(this.prep));
  }

  /** E_STORE_INPUT when `since` is not an ISO time or the offset is not a whole number of minutes. */
  async countStoredBySourceDay(since: string, utcOffsetMinutes: number): Promise<SourceDayCount[]> {
    const sinceUtc = new Date(requireTime('countStoredBySourceDay.since', since)).toISOString();
    if (!Number.isInteger(utcOffsetMinutes) || Math.abs(utcOffsetMinutes) > 24 * 60) {
      throw new StoreError('E_STORE_INPUT', `countStoredBySourceDay: bad UTC offset ${utcOffsetMinutes}`);
    }
    return this.run('countStoredBySourceDay', () =>
      sources.countStoredBySourceDay(this.prep, sinceUtc, utcOffsetMinutes),
    );
  }

  async getValidators(url: string): Promise<HttpValidators | undefined> {
    return this.run('getValidators', () => evidence.getValidators(this.prep, url));
  }

  async putValidators(url: string, validators: HttpValidators): Promise<void> {
    this.run('putValidators', () =>
      evidence.putValidators(this.prep, url, validators, this.clock().toISOString()),
    );
  }

  // ---- cluster alerts, escalation and delivery (issue #5) ----
  /** One transaction: the notice row and its outbox rows; E_STORE_INPUT for an empty dedupKey. */
  async enqueueNotice(channels: readonly string[], notice: Notice, dedupKey: string): Promise<string[]> {
    return this.run('enqueueNotice', () => {
      const now = this.clock().toISOString();
      const queue = () => outbox.enqueueNotice(this.prep, channels, notice, dedupKey, now);
      return this.db.transaction(queue).immediate();
    });
  }

  async getNotice(id: string): Promise<Notice | undefined> {
    return this.run('getNotice', () => outbox.getNotice(this.prep, id));
  }

  async countReplies(threadUrls: readonly string[]): Promise<number> {
    return this.run('countReplies', () => articles.countReplies(this.prep, threadUrls));
  }

  /** All or nothing; E_STORE_NOT_FOUND for an unknown id. */
  async markAlertsSent(ids: readonly string[], at: string, owner?: string): Promise<void> {
    this.run('markAlertsSent', () =>
      this.db.transaction(() => outbox.markAlertsSent(this.prep, ids, at, owner)).immediate(),
    );
  }

  /** One immediate transaction (the file's write lock), so two processes never claim one alert. */
  async claimAlerts(now: string, owner: string, leaseMs: number, limit: number): Promise<OutboxAlert[]> {
    const nowMs = requireTime('claimAlerts.now', now);
    if (!owner) throw new StoreError('E_STORE_INPUT', 'claimAlerts: owner is empty');
    if (!(leaseMs > 0)) throw new StoreError('E_STORE_INPUT', `claimAlerts: bad lease ${leaseMs} ms`);
    const claim = { nowMs, owner, leaseUntilMs: nowMs + Math.ceil(leaseMs), limit };
    return this.run('claimAlerts', () =>
      this.db.transaction(() => outbox.claimAlerts(this.prep, claim)).immediate(),
    );
  }

  async releaseAlerts(ids: readonly string[], owner: string): Promise<void> {
    this.run('releaseAlerts', () =>
      this.db.transaction(() => outbox.releaseAlerts(this.prep, ids, owner)).immediate(),
    );
  }

  async claimHolders(now: string): Promise<string[]> {
    const nowMs = requireTime('claimHolders.now', now);
    return this.run('claimHolders', () => outbox.claimHolders(this.prep, nowMs));
  }

  async releaseClaimsOf(owner: string): Promise<number> {
    return this.run('releaseClaimsOf', () => outbox.releaseClaimsOf(this.prep, owner));
  }

  // ---- tip workflow (issue #5) ----
  /** One immediate transaction: status check, update, history entry and suggestion together. */
  async updateTipWorkflow(update: TipWorkflowUpdate): Promise<Tip> {
    return this.run('updateTipWorkflow', () =>
      this.db.transaction(() => tips.updateTipWorkflow(this.prep, update)).immediate(),
    );
  }

  async tipHistory(tipId: string): Promise<TipHistoryEntry[]> {
    return this.run('tipHistory', () => tips.tipHistory(this.prep, tipId));
  }

  async overdueTips(now: string): Promise<Tip[]> {
    const nowMs = requireTime('overdueTips.now', now);
    return this.run('overdueTips', () => tips.overdueTips(this.prep, nowMs));
  }

  async listSuggestions(status?: SuggestionStatus): Promise<ExclusionSuggestion[]> {
    return this.run('listSuggestions', () => suggestions.listSuggestions(this.prep, status));
  }

  async decideSuggestion(id: string, decision: SuggestionDecision): Promise<ExclusionSuggestion> {
    return this.run('decideSuggestion', () =>
      this.db.transaction(() => suggestions.decideSuggestion(this.prep, id, decision)).immediate(),
    );
  }

  /** New tips are capped at 500, top stories at 10. */
  async reportData(
    roundId: string,
    from: string,
    to: string,
    scope?: C.ReportDataScope,
  ): Promise<ReportData> {
    return this.run('reportData', () => reports.reportData(this.prep, roundId, from, to, scope));
  }

  // ---- console accounts, sessions, audit (issue #6) ----
  async createUser(user: C.UserAccount): Promise<void> {
    this.run('createUser', () => accounts.createUser(this.prep, user));
  }

  async getUser(name: string): Promise<C.UserAccount | undefined> {
    return this.run('getUser', () => accounts.getUser(this.prep, name));
  }

  async listUsers(): Promise<C.UserAccount[]> {
    return this.run('listUsers', () => accounts.listUsers(this.prep));
  }

  async updateUser(name: string, patch: C.UserPatch): Promise<C.UserAccount> {
    return this.run('updateUser', () => accounts.updateUser(this.prep, name, patch));
  }

  async createSession(session: C.SessionRecord): Promise<void> {
    this.run('createSession', () => accounts.createSession(this.prep, session));
  }

  async getSession(idHash: string, now: string): Promise<C.SessionRecord | undefined> {
    return this.run('getSession', () => accounts.getSession(this.prep, idHash, now));
  }

  async touchSession(idHash: string, expiresAt: string): Promise<void> {
    this.run('touchSession', () => accounts.touchSession(this.prep, idHash, expiresAt));
  }

  async deleteSession(idHash: string): Promise<void> {
    this.run('deleteSession', () => accounts.deleteSession(this.prep, idHash));
  }

  async deleteUserSessions(user: string): Promise<number> {
    return this.run('deleteUserSessions', () => accounts.deleteUserSessions(this.prep, user));
  }

  async appendAudit(entry: C.NewAuditEntry): Promise<C.AuditEntry> {
    return this.run('appendAudit', () => consoleRecords.appendAudit(this.prep, entry));
  }

  async listAudit(filter: C.AuditFilter = {}): Promise<{ total: number; entries: C.AuditEntry[] }> {
    return this.run('listAudit', () => consoleRecords.listAudit(this.prep, filter));
  }

  async listSavedSearches(user: string): Promise<C.SavedSearch[]> {
    return this.run('listSavedSearches', () => consoleRecords.listSavedSearches(this.prep, user));
  }

  async createSavedSearch(search: C.SavedSearch): Promise<void> {
    this.run('createSavedSearch', () => consoleRecords.createSavedSearch(this.prep, search));
  }

  async deleteSavedSearch(user: string, id: string): Promise<boolean> {
    return this.run('deleteSavedSearch', () => consoleRecords.deleteSavedSearch(this.prep, user, id));
  }

  async addTipNote(note: C.TipNote): Promise<void> {
    this.run('addTipNote', () => consoleRecords.addTipNote(this.prep, note));
  }

  async tipNotes(tipId: string): Promise<C.TipNote[]> {
    return this.run('tipNotes', () => consoleRecords.tipNotes(this.prep, tipId));
  }

  async createTip(tip: Tip): Promise<Tip> {
    return this.run('createTip', () =>
      this.db.transaction(() => consoleTips.createTip(this.prep, tip)).immediate(),
    );
  }

  async listConsoleTips(filter: C.ConsoleTipFilter): Promise<C.ConsoleTipList> {
    return this.run('listConsoleTips', () => consoleTips.listConsoleTips(this.prep, filter));
  }

  async dashboardData(query: C.DashboardQuery): Promise<C.DashboardData> {
    return this.run('dashboardData', () => dashboard.dashboardData(this.prep, query));
  }
}
