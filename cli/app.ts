import { createChannels } from '../alerts/channels/index.js';
import { notifyDeadAlert } from '../alerts/dead-notice.js';
import { createAlertSender } from '../alerts/sender.js';
import { applyExclusions } from '../alerts/workflow/exclusions.js';
import { loadConfig } from '../config/loader.js';
import type { AppConfig } from '../config/schema.js';
import type { Logger } from '../core/log.js';
import type { Tip } from '../core/types.js';
import { createHostGate } from '../crawlers/host-gate.js';
import type { App } from '../ingest/app.js';
import { problemCache } from '../ingest/ledger-step.js';
import { createSerialQueue } from '../ingest/serial.js';
import { createProcessor } from '../pipeline/process.js';
import { queryTerms } from '../pipeline/query.js';
import { createJiebaSegmenter } from '../pipeline/segmenter.js';
import { userDictionary } from '../pipeline/user-dictionary.js';
import { createStore } from '../store/create-store.js';

export type { App } from '../ingest/app.js';

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
    // The SPA routes by path (no hash router): /tips?tip= opens the tip's drawer on the tips screen.
    consoleUrl: publicUrl ? (tip: Tip) => `${publicUrl}/tips?tip=${encodeURIComponent(tip.id)}` : undefined,
    logger: logger.child({ component: 'alerts' }),
    maxAttempts: config.settings.alerts.maxAttempts,
    onDead: (alert) =>
      notifyDeadAlert(
        {
          store,
          adminChannels: app.config.settings.alerts.adminChannels,
          channelTypes: new Map(Object.entries(app.config.channels).map(([name, c]) => [name, c.type])),
          ...(publicUrl !== undefined && { consoleUrl: publicUrl }),
          timeZone: app.config.settings.timezone,
          logger: logger.child({ component: 'alerts' }),
        },
        alert,
      ),
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
