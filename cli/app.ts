import { createChannels } from '../alerts/channels/index.js';
import { createAlertSender } from '../alerts/sender.js';
import type { Channel } from '../alerts/types.js';
import { applyExclusions } from '../alerts/workflow/exclusions.js';
import { loadConfig } from '../config/loader.js';
import type { AppConfig, RoundConfig } from '../config/schema.js';
import type { Problem } from '../core/ledger.js';
import type { Logger } from '../core/log.js';
import type { ExtractedArticle, ProcessedArticle, Tip } from '../core/types.js';
import { createHostGate, type HostGate } from '../crawlers/host-gate.js';
import { createProcessor } from '../pipeline/process.js';
import { queryTerms } from '../pipeline/query.js';
import { createJiebaSegmenter } from '../pipeline/segmenter.js';
import type { Segmenter } from '../pipeline/types.js';
import { userDictionary } from '../pipeline/user-dictionary.js';
import { createStore } from '../store/create-store.js';
import type { Store } from '../store/store.js';
import { problemCache } from './ledger-step.js';
import { createSerialQueue, type SerialQueue } from './serial.js';

/** Everything a command needs, built once from the config directory. */
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

/** Where the config lives and how the process was started. */
export interface AppOptions {
  configDir: string;
  dataDir?: string;
  logger: Logger;
}

/** Load and validate the config, open the store and build every stage. */
export async function openApp(options: AppOptions): Promise<App> {
  const config = await loadConfig(options.configDir, { dataDir: options.dataDir });
  return buildApp(config, options.logger);
}

/** Wire the stages for an already loaded config. */
export async function buildApp(config: AppConfig, logger: Logger): Promise<App> {
  for (const warning of config.warnings ?? []) logger.warn({ component: 'config' }, warning);
  const store = createStore(config, logger);
  await store.init();
  const activeRounds = () => config.rounds.filter((r) => r.active !== false);
  // Accepted 误报 feedback (`yuqing suggestions accept`) joins the rounds the processor scores with (issue #5).
  const scoringRounds = applyExclusions(config.rounds, await store.listSuggestions('accepted'));
  const segmenter = createJiebaSegmenter(userDictionary(scoringRounds, config.lexicon));
  const process = createProcessor({
    rounds: scoringRounds.filter((r) => r.active !== false),
    lexicon: config.lexicon,
    segmenter,
    timezone: config.settings.timezone,
    sourceWeights: new Map(config.sources.map((s) => [s.id, s.weight])),
    ...(config.model !== undefined && { model: config.model }),
  });
  const channels = createChannels(config.channels, { timeZone: config.settings.timezone });
  const roundNames = new Map(config.rounds.map((r) => [r.id, r.name]));
  const publicUrl = config.settings.console.publicUrl?.replace(/\/+$/, '');
  const sender = createAlertSender({
    store,
    channels,
    roundNames,
    consoleUrl: publicUrl ? (tip: Tip) => `${publicUrl}/#/tips/${tip.id}` : undefined,
    logger: logger.child({ component: 'alerts' }),
    maxAttempts: config.settings.alerts.maxAttempts,
  });
  const app: App = {
    config,
    logger,
    store,
    segmenter,
    process,
    queryTerms: (text) => queryTerms(text, segmenter),
    channels,
    // settings.alerts.send: false leaves delivery to the other instances on the store.
    sendAlerts: () =>
      app.config.settings.alerts.send ? sender.runOnce() : Promise.resolve({ sent: 0, failed: 0 }),
    activeRounds,
    ingestQueue: createSerialQueue(),
    hostGate: createHostGate(),
    problems: problemCache(store),
    async close() {
      await Promise.allSettled([...channels.values()].map((c) => c.close?.()));
      await store.close();
    },
  };
  app.reload = async (next) => {
    const rounds = applyExclusions(next.rounds, await store.listSuggestions('accepted'));
    const nextSegmenter = createJiebaSegmenter(userDictionary(rounds, next.lexicon));
    app.process = createProcessor({
      rounds: rounds.filter((r) => r.active !== false),
      lexicon: next.lexicon,
      segmenter: nextSegmenter,
      timezone: next.settings.timezone,
      sourceWeights: new Map(next.sources.map((s) => [s.id, s.weight])),
      ...(next.model !== undefined && { model: next.model }),
    });
    app.segmenter = nextSegmenter;
    app.queryTerms = (text) => queryTerms(text, nextSegmenter);
    app.activeRounds = () => next.rounds.filter((r) => r.active !== false);
    app.config = next;
    logger.info({ component: 'config', rounds: next.rounds.length }, 'config reloaded');
  };
  return app;
}
