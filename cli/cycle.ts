import { routeTips } from '../alerts/routing.js';
import type { SourceConfig } from '../config/schema.js';
import type { ExtractedArticle, Level } from '../core/types.js';
import { crawlSource } from '../crawlers/index.js';
import type { CrawlSink, SkippedPage, SourceCrawlStats } from '../crawlers/types.js';
import { NEAR_DUPLICATE_DISTANCE } from '../pipeline/simhash.js';
import type { App } from './app.js';
import { mapPool } from './pool.js';

const SOURCE_CONCURRENCY = 3;

/** A tip created during a cycle, as printed by `yuqing crawl --json`. */
export interface TipSummary {
  id: string;
  round: string;
  unit: string;
  unitName: string;
  level: Level;
  score: number;
  title: string;
  url: string;
}

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

/** Which sources a cycle covers. */
export interface CycleFilter {
  roundId?: string;
  sourceId?: string;
}

/** Sources of the active rounds (enabled ones), narrowed by round and source id. */
export function selectSources(app: App, filter: CycleFilter = {}): SourceConfig[] {
  const rounds = app.activeRounds().filter((r) => !filter.roundId || r.id === filter.roundId);
  const wanted = new Set(rounds.flatMap((r) => r.sources));
  return app.config.sources.filter(
    (s) => s.enabled && wanted.has(s.id) && (!filter.sourceId || s.id === filter.sourceId),
  );
}

/** Crawl the selected sources once, run every item through the pipeline into the store, then send alerts. */
export async function runCycle(app: App, filter: CycleFilter = {}): Promise<CycleSummary> {
  const summary: CycleSummary = {
    fetched: 0,
    stored: 0,
    duplicates: 0,
    skipped: 0,
    tips: [],
    alerts: { sent: 0, failed: 0 },
    sources: [],
    skips: [],
  };
  const log = app.logger.child({ component: 'cycle' });
  const sources = selectSources(app, filter);
  // Sources are usually on different hosts; a few at a time keeps a cycle short without a burst.
  summary.sources = await mapPool(sources, SOURCE_CONCURRENCY, (source) => crawlOne(app, source, summary));
  for (const stats of summary.sources) {
    summary.fetched += stats.fetched;
    summary.skipped += stats.skipped;
  }
  summary.alerts = await app.sendAlerts();
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

async function crawlOne(app: App, source: SourceConfig, summary: CycleSummary): Promise<SourceCrawlStats> {
  let stored = 0;
  const sink: CrawlSink = {
    knownUrls: (urls) => app.store.knownUrls(urls),
    onArticle: (article) =>
      app.ingestQueue(async () => {
        if (await ingestArticle(app, article, summary)) stored += 1;
      }),
    onSkip: (skip) => {
      summary.skips.push(skip);
    },
  };
  const at = new Date().toISOString();
  let stats: SourceCrawlStats;
  try {
    stats = await crawlSource(source, sink, {
      crawl: app.config.settings.crawl,
      timezone: app.config.settings.timezone,
      logger: app.logger,
    });
  } catch (error) {
    // crawlSource is not supposed to throw; if it does, the cycle still goes on with the other sources.
    const reason = error instanceof Error ? error.message : String(error);
    app.logger.error({ component: 'cycle', source: source.id, err: error }, 'source crawl failed');
    sink.onSkip({ sourceId: source.id, url: source.url, code: 'E_FETCH_UNREACHABLE', reason });
    stats = { sourceId: source.id, fetched: 0, skipped: 1, error: reason };
  }
  await app.store.recordSourceRun({ sourceId: source.id, at, ok: !stats.error, error: stats.error, stored });
  return stats;
}

/** Pipeline + dedup + routing + atomic store write for one article; true when it was newly stored. */
async function ingestArticle(app: App, article: ExtractedArticle, summary: CycleSummary): Promise<boolean> {
  const processed = app.process(article);
  const existing =
    (await app.store.findByContentHash(processed.contentHash)) ??
    (await app.store.findNearDuplicate(processed.simhash, NEAR_DUPLICATE_DISTANCE));
  const clusterId = existing?.clusterId ?? processed.id;
  const now = new Date().toISOString();
  const tips = routeTips(processed, clusterId, app.activeRounds(), now);
  const result = await app.store.ingest({ article: processed, joinClusterId: existing?.clusterId, tips });
  if (!result.inserted) return false;
  summary.stored += 1;
  if (existing) summary.duplicates += 1;
  for (const { tip } of tips) {
    if (!result.createdTipIds.includes(tip.id)) continue;
    summary.tips.push({
      id: tip.id,
      round: tip.roundId,
      unit: tip.unitId,
      unitName: tip.unitName,
      level: tip.level,
      score: tip.score,
      title: tip.title,
      url: tip.url,
    });
  }
  app.logger.debug(
    { component: 'cycle', url: processed.url, level: processed.level, cluster: result.clusterId },
    'article stored',
  );
  return true;
}
