// Shapes of the console API answers. Domain types come from the server's contracts (type-only imports).
import type {
  Level,
  PhaseName,
  ScorePart,
  Tip,
  TipHistoryEntry,
  TipStatus,
  UnitMatch,
} from '../../../../core/types.js';
import type { EvidenceRecord, SearchHit } from '../../../../store/store.js';

export type { RoundConfig, UnitConfig } from './round-config.js';
export type {
  EvidenceRecord,
  Level,
  PhaseName,
  ScorePart,
  SearchHit,
  Tip,
  TipHistoryEntry,
  TipStatus,
  UnitMatch,
};

/** A unit as GET /api/rounds lists it. */
export interface RoundUnitView {
  id: string;
  name: string;
  aliases: string[];
  team?: string;
}

/** A round as GET /api/rounds lists it. */
export interface RoundView {
  id: string;
  name: string;
  active: boolean;
  phases: Partial<Record<PhaseName, { start: string; end: string }>>;
  units: RoundUnitView[];
}

/** GET /api/rounds. */
export interface RoundsView {
  timezone: string;
  rounds: RoundView[];
  sources: { id: string; name: string; type: string }[];
  /** Team names for the assign dropdown. */
  teams?: string[];
}

/** A search hit; folded answers say how many copies of the story matched. */
export interface SearchHitView extends SearchHit {
  matchedInCluster?: number;
}

/** GET /api/search. */
export interface SearchResponse {
  total: number;
  /** The store stopped counting at `total`: there are at least that many. */
  totalCapped?: boolean;
  hits: SearchHitView[];
  /** The parsed query, for display. */
  query?: { terms: string[]; phrases: string[]; exclude: string[]; anyOf: string[][] };
}

/** A saved search of the signed-in user. */
export interface SavedSearch {
  id: string;
  name: string;
  params: Record<string, string>;
  createdAt: string;
}

/** GET /api/articles/:id. */
export interface ArticleDetail {
  article: {
    id: string;
    url: string;
    title: string;
    body: string;
    sourceId: string;
    sourceName: string;
    sourceType: string;
    publishedAt?: string;
    fetchedAt: string;
    author?: string;
    flags?: string[];
    level: Level;
    score: number;
    clusterId: string;
    assessments: {
      roundId: string;
      phase?: PhaseName;
      units: UnitMatch[];
      score: number;
      level: Level;
      parts: ScorePart[];
    }[];
  };
  cluster: { id: string; size: number };
  others: { id: string; title: string; url: string; source: string; publishedAt?: string }[];
  /** Escaped HTML with the query's terms in <mark> (rendered by splitting on the marks, never as HTML). */
  highlighted?: { title: string; body: string };
  units?: { roundId: string; unitId: string; unitName: string; team?: string }[];
  /** Tips of this story in the caller's scope. */
  tips?: Tip[];
  evidence?: EvidenceDetail;
}

/** GET /api/articles/:id/evidence. */
export interface EvidenceDetail {
  evidence: EvidenceRecord;
  files: { response: string; responseFileName: string; screenshot?: string; frame?: string };
}

/** A tip in a list, with whether it is past its due time. */
export type TipView = Tip & { overdue?: boolean };

/** GET /api/tips. */
export interface TipsResponse {
  total: number;
  tips: TipView[];
  /** Tips per status under the same filters (for the tab badges). */
  counts?: Record<TipStatus, number>;
}

/** A free-text note on a tip. */
export interface TipNote {
  id: string;
  tipId: string;
  at: string;
  user: string;
  text: string;
}

/** GET /api/tips/:id and POST /api/tips/:id/transitions. */
export interface TipDetail {
  tip: TipView;
  history: TipHistoryEntry[];
  notes?: TipNote[];
}

/** GET /api/dashboard. */
export interface DashboardData {
  round: {
    id: string;
    name: string;
    phases: { phase: PhaseName; label: string; start: string; end: string }[];
  };
  from: string;
  to: string;
  units: {
    id: string;
    name: string;
    team?: string;
    status: Level;
    openTips: number;
    counts: Record<Level, number>;
    /** Rectification ledger: problems, and those with public recurrence signals (issue 20). */
    problems?: { problems: number; recurring: number };
  }[];
  levelCounts: Record<Level, number>;
  trend: ({ day: string } & Record<Level, number>)[];
  topTerms: { term: string; count: number }[];
  sourceTypes: { type: string; count: number }[];
  sources: SourceHealthView[];
}

/** One audit log line. */
export interface AuditEntry {
  seq: number;
  at: string;
  user: string;
  action: string;
  target?: string;
  detail?: Record<string, unknown>;
  ip?: string;
}

/** GET /api/audit. */
export interface AuditResponse {
  total: number;
  entries: AuditEntry[];
}

/** The answer of a dry run of a round against a pasted text. */
export interface DryRunResult {
  units: UnitMatch[];
  score: number;
  level: Level;
  phase?: PhaseName;
  parts: ScorePart[];
}

/** One source's health as GET /api/sources lists it. */
export interface SourceHealthView {
  sourceId: string;
  name: string;
  type: string;
  url: string;
  enabled: boolean;
  status: string;
  statusLabel: string;
  lastRunAt?: string;
  lastSuccessAt?: string;
  lastError?: string;
  consecutiveFailures: number;
  alerting: boolean;
  layoutWarning?: string;
  itemsStored: number;
  itemsPerDay: number;
  daily: { day: string; count: number }[];
  /** Current crawl cadence by phase and why, e.g. 进驻阶段 or 暂停 (issue 20). */
  cadence?: string;
  paused?: boolean;
  /** Search sources: when each unit was last searched (null = not yet). */
  lastSearched?: { roundId: string; unitId: string; unitName: string; at: string | null }[];
}

/** A dead alert as GET /api/failed-alerts lists it. */
export interface FailedAlert {
  id: string;
  tipId: string;
  channel: string;
  channelType?: string;
  attempts: number;
  /** When it was given up. */
  nextAttemptAt: string;
  createdAt: string;
  errorText: string;
  handledAt?: string;
  handledBy?: string;
  tip?: { title: string; unitName: string; team?: string; level: Level; roundId: string };
  notice?: { kindLabel: string; title: string };
}

/** GET /api/failed-alerts. */
export interface FailedAlertsResponse {
  alerts: FailedAlert[];
  unhandled: number;
}

/** An exclusion suggestion as GET /api/suggestions lists it. */
export interface SuggestionView {
  id: string;
  roundId: string;
  unitId: string;
  phrase: string;
  tipId: string;
  status: 'pending' | 'accepted' | 'rejected';
  createdAt: string;
  createdBy: string;
  decidedAt?: string;
  decidedBy?: string;
  roundName?: string;
  unitName?: string;
  tipTitle?: string;
}
