import type { SourceConfig } from '../config/schema.js';
import { STORE_FULL_CODE } from '../crawlers/crawl-run.js';
import type { SkippedPage, SourceCrawlStats } from '../crawlers/types.js';
import type { App } from './app.js';
import { crawlOne } from './crawl-one.js';
import { mapPool } from './pool.js';
import type { SourceOutcome, TipSummary } from './results.js';
import { ownsSource } from './shard.js';

export type { TipSummary } from './results.js';

const SOURCE_CONCURRENCY = 3;

/** The result of one crawl cycle; the shape of `yuqing crawl --once --json` (a contract). */
export interface CycleSummary {
  fetched: number;
  stored: number;
  duplicates: number;
  skipped: number;
  tips: TipSummary[];
  alerts: { sent: number; failed: number };
  sources: SourceCrawlStats[];
  skips: SkippedPage[];
}

/** How a cycle runs besides which sources. */
export interface CycleOptions {
  /** Stops the cycle early (the scheduler stopping); sources not finished are crawled again next time. */
  signal?: AbortSignal;
}

/** Which sources a cycle covers. */
export interface CycleFilter {
  roundId?: string;
  sourceId?: string;
}

/**
 * Sources of the active rounds (enabled ones), narrowed by round and source id, and to this instance's share
 * (`settings.instance`) when several instances crawl into one store; an explicit source id is always taken.
 */
export function selectSources(app: App, filter: CycleFilter = {}): SourceConfig[] {
  const rounds = app.activeRounds().filter((r) => !filter.roundId || r.id === filter.roundId);
  const wanted = new Set(rounds.flatMap((r) => r.sources));
  const instance = app.config.settings.instance ?? { index: 0, count: 1 };
  return app.config.sources.filter(
    (s) =>
      s.enabled &&
      wanted.has(s.id) &&
      (filter.sourceId ? s.id === filter.sourceId : ownsSource(s.id, instance)),
  );
}

/** Crawl the selected sources once, run every item through the pipeline into the store, then send alerts. */
export async function runCycle(
  app: App,
  filter: CycleFilter = {},
  options: CycleOptions = {},
): Promise<CycleSummary> {
  const log = app.logger.child({ component: 'cycle' });
  const sources = selectSources(app, filter);
  // Sources are usually on different hosts; a few at a time keeps a cycle short without a burst.
  const outcomes = await mapPool(sources, SOURCE_CONCURRENCY, (source) =>
    crawlOne(app, source, options.signal),
  );
  const summary = summarize(outcomes);
  const full = summary.skips.filter((s) => s.code === STORE_FULL_CODE).length;
  if (full > 0) {
    log.error(
      { items: full, dataDir: app.config.settings.dataDir },
      '数据目录所在磁盘已满，信息未能入库；腾出空间后下一轮会重新抓取这些信息',
    );
  }
  // Stopping: the outbox keeps the alerts queued by now for the next start.
  if (options.signal?.aborted) return summary;
  try {
    summary.alerts = await app.sendAlerts();
  } catch (err) {
    log.error({ err }, 'alert sending failed; the outbox keeps the alerts for the next run');
  }
  log.info(
    {
      sources: sources.length,
      fetched: summary.fetched,
      stored: summary.stored,
      duplicates: summary.duplicates,
      skipped: summary.skipped,
      tips: summary.tips.length,
      alerts: summary.alerts,
    },
    'crawl cycle finished',
  );
  return summary;
}

/** The cycle's totals from its sources' outcomes (alerts are filled in once sent). */
function summarize(outcomes: readonly SourceOutcome[]): CycleSummary {
  const sources = outcomes.map((o) => o.stats);
  return {
    fetched: sources.reduce((n, s) => n + s.fetched, 0),
    stored: outcomes.reduce((n, o) => n + o.stored, 0),
    duplicates: outcomes.reduce((n, o) => n + o.duplicates, 0),
    skipped: sources.reduce((n, s) => n + s.skipped, 0),
    tips: outcomes.flatMap((o) => o.tips),
    alerts: { sent: 0, failed: 0 },
    sources,
    skips: outcomes.flatMap((o) => o.skips),
  };
}
