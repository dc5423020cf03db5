import type { Channel } from '../alerts/types.js';
import type { AppConfig, RoundConfig } from '../config/schema.js';
import type { Problem } from '../core/ledger.js';
import type { Logger } from '../core/log.js';
import type { ExtractedArticle, ProcessedArticle } from '../core/types.js';
import type { HostGate } from '../crawlers/host-gate.js';
import type { Segmenter } from '../pipeline/types.js';
import type { Store } from '../store/store.js';
import type { SerialQueue } from './serial.js';

/**
 * Everything the flow and the commands need, built once from the config directory by cli/app.ts (the composition
 * root); the flow only uses it, so imports point from cli/ into ingest/ and never back.
 */
export interface App {
  config: AppConfig;
  logger: Logger;
  store: Store;
  segmenter: Segmenter;
  process: (article: ExtractedArticle) => ProcessedArticle;
  queryTerms: (text: string) => string[];
  channels: Map<string, Channel>;
  /** Sends the outbox's due alerts once; runs never overlap. */
  sendAlerts: () => Promise<{ sent: number; failed: number }>;
  /** Rounds that are switched on. */
  activeRounds: () => RoundConfig[];
  /** Serializes dedup lookups and inserts across concurrent cycles, or two reposts could each start a story. */
  ingestQueue: SerialQueue;
  /** Per-host politeness (one request at a time, delay, Retry-After) shared by all sources and cycles. */
  hostGate: HostGate;
  /** The ledger's problems for recurrence matching, cached briefly; absent = read the store each time. */
  problems?: () => Promise<Problem[]>;
  close(): Promise<void>;
  /**
   * Swap in a new validated config without restart (console round setup, issue #6): rounds, scoring,
   * dictionary, query terms. Store, channels and the listening console stay as they are.
   */
  reload?(config: AppConfig): Promise<void>;
}
