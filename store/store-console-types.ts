// Records of the console (accounts, audit, dashboard) and of the tip workflow, part of the Store contract.
import type { DismissReason, Level, Tip, TipHistoryEntry, TipStatus } from '../core/types.js';
import type { TipFilter } from './store-types.js';

// ---- console accounts, sessions, audit (issue #6) ----

/** What a console account may do: admin everything, officer all rounds without setup, team its own scope. */
export type UserRole = 'admin' | 'officer' | 'team';

/** A local console account. */
export interface UserAccount {
  name: string;
  role: UserRole;
  /** Team accounts: the rounds they see. */
  rounds: string[];
  /** Team accounts: the units they see (empty = every unit of their rounds). */
  units: string[];
  /** Display name of the 巡察组 of a team account. */
  team?: string;
  /** `scrypt$N$r$p$saltB64$hashB64`. */
  passwordHash: string;
  disabled: boolean;
  /** A one-time password was issued: only the password change works until it is replaced. */
  mustChangePassword: boolean;
  createdAt: string;
  updatedAt?: string;
  lastLoginAt?: string;
}

/** Fields of an account to change; `team: null` clears the team. */
export interface UserPatch {
  role?: UserRole;
  rounds?: string[];
  units?: string[];
  team?: string | null;
  passwordHash?: string;
  disabled?: boolean;
  mustChangePassword?: boolean;
  lastLoginAt?: string;
  updatedAt?: string;
}

/** A login session; the random id itself is only in the cookie, the store keeps its SHA-256. */
export interface SessionRecord {
  idHash: string;
  user: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  ip?: string;
}

/** One audit entry as stored. */
export interface AuditEntry {
  seq: number;
  at: string;
  user: string;
  /** login, login_failed, logout, search, view_item, export, tip_change, config_change… */
  action: string;
  target?: string;
  detail?: Record<string, unknown>;
  ip?: string;
}

/** An audit entry to append (the store numbers it). */
export type NewAuditEntry = Omit<AuditEntry, 'seq'>;

/** Filter of the audit log. */
export interface AuditFilter {
  user?: string;
  action?: string;
  /** ISO bounds on `at`, inclusive. */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

/** A search a user saved under a name: the console's search parameters as given. */
export interface SavedSearch {
  id: string;
  user: string;
  name: string;
  params: Record<string, string>;
  createdAt: string;
}

/** A free-text note on a tip. */
export interface TipNote {
  id: string;
  tipId: string;
  at: string;
  user: string;
  text: string;
}

/** One entry of an access scope: a round, and optionally only some of its units. */
export interface ScopeEntry {
  roundId: string;
  /** Absent or empty = every unit of the round. */
  unitIds?: string[];
}

/** Filter of the console's tip board. */
export interface ConsoleTipFilter extends TipFilter {
  /** Only tips inside one of these entries (absent = no restriction; empty = nothing). */
  scope?: ScopeEntry[];
  team?: string;
  /** Only tips of this story. */
  clusterId?: string;
  /** Only tips assigned/in progress whose due time is before this ISO time. */
  overdueAt?: string;
}

/** A page of the tip board and the count of each status under the same filter without `status`. */
export interface ConsoleTipList {
  total: number;
  tips: Tip[];
  counts: Record<TipStatus, number>;
}

/** What the situation dashboard asks for. */
export interface DashboardQuery {
  roundId: string;
  /** ISO bounds of the period, inclusive. */
  from: string;
  to: string;
  /** Offset of the local day from UTC, for the daily trend. */
  utcOffsetMinutes: number;
  /** Only these units (a team account's scope); absent = every unit. */
  unitIds?: string[];
}

/** Raw numbers of the situation dashboard. */
export interface DashboardData {
  /** Items of the round in the period per unit and level (the item's level for this round, not overall). */
  unitLevels: UnitLevelCounts[];
  /** Open tips (new, assigned, in progress) of the round per unit and level, whatever their age. */
  openTips: UnitLevelCounts[];
  /** Items per local day and level (for this round); days without items are left out. */
  trend: { day: string; level: Level; count: number }[];
  /** Items per source type. */
  sourceTypes: { type: string; count: number }[];
  /** Most frequent risk terms and title words of the period, most frequent first (at most 60). */
  topTerms: { term: string; count: number }[];
}

/** The fields a workflow step sets on a tip; absent fields are left as they are. */
export interface TipWorkflowPatch {
  status: TipStatus;
  team?: string;
  assignee?: string;
  dueAt?: string;
  result?: string;
  dismissReason?: DismissReason;
}

/** One workflow step to persist (built by alerts/workflow from the tip as read). */
export interface TipWorkflowUpdate {
  tipId: string;
  /** The status the step was planned from; another change in between is a conflict. */
  expectedStatus: TipStatus;
  patch: TipWorkflowPatch;
  /** History entry without tipId and seq (the store numbers them). */
  entry: Omit<TipHistoryEntry, 'tipId' | 'seq'>;
  /** A phrase proposed as an exclusion of the tip's round (a 误报 dismissal). */
  suggestion?: { phrase: string };
}

/** State of an exclusion suggestion. */
export type SuggestionStatus = 'pending' | 'accepted' | 'rejected';

/** A phrase proposed, from a 误报 dismissal, as "not a risk here" for a round and unit. */
export interface ExclusionSuggestion {
  id: string;
  roundId: string;
  unitId: string;
  phrase: string;
  /** The dismissed tip it came from. */
  tipId: string;
  status: SuggestionStatus;
  createdAt: string;
  createdBy: string;
  decidedAt?: string;
  decidedBy?: string;
}

/** An admin's decision on a suggestion. */
export interface SuggestionDecision {
  status: 'accepted' | 'rejected';
  by: string;
  at: string;
}

/** Counts of a unit's articles in a period, by level. */
export interface UnitLevelCounts {
  unitId: string;
  counts: Record<Level, number>;
}

/** A story (cluster) ranked by spread in a report. */
export interface TopStory {
  clusterId: string;
  /** Title and link of the story's earliest-published article (its first source). */
  title: string;
  url: string;
  sourceName: string;
  publishedAt?: string;
  /** Articles in the cluster (all time), and distinct sources among them. */
  size: number;
  sites: number;
  level: Level;
  /** Units of the round the story's articles in the period mention. */
  unitIds: string[];
}

/** The raw numbers of a report; alerts/report turns them into the document. */
export interface ReportData {
  roundId: string;
  from: string;
  to: string;
  /** Only units with at least one article in the period; by the level of the article's assessment for the round. */
  unitLevels: UnitLevelCounts[];
  /** Distinct articles of the period by level (an article naming several units counts once). */
  articleLevels?: Record<Level, number>;
  /** Tips of the round created in the period, oldest first, with their current status. */
  newTips: Tip[];
  /** Up to 10 stories with articles about the round's units in the period, by size, then sites. */
  topStories: TopStory[];
  /** Every tip of the round by current status (the open backlog). */
  tipStatusCounts: Record<TipStatus, number>;
}

/** Limits a report's data to some units of the round. */
export interface ReportDataScope {
  /**
   * Only these units: their level counts, tips and backlog, and the top stories among stories naming one of
   * them (ranked as the round's; each still lists every round unit it names). Empty: no units, empty data.
   */
  unitIds?: readonly string[];
}
