import type { SourceConfig } from '../config/schema.js';
import { crawlSource } from '../crawlers/index.js';
import type { CrawlSink, SkippedPage, SourceCrawlStats } from '../crawlers/types.js';
import { normalizeItemUrl } from '../pipeline/normalize.js';
import { articleId } from '../pipeline/process.js';
import { createEvidenceFiles, evidenceRoot } from '../store/evidence/evidence-files.js';
import { keepEvidence } from '../store/evidence/keep.js';
import type { App } from './app.js';
import { ingestArticle } from './ingest-article.js';
import type { SourceOutcome, TipSummary } from './results.js';
import { planSearch } from './search-cursor.js';
import { raiseSourceAlert } from './source-alert.js';
import { storeValidatorCache } from './validator-cache.js';

/** The error recorded for a list page or feed that answered with no items at all. */
export const EMPTY_LIST_ERROR = '列表页或订阅源没有任何条目（选择器未匹配，网站疑似改版）';

/** Crawl one source, feeding each article to the store through the ingest queue, and record the run. */
export async function crawlOne(app: App, source: SourceConfig, signal?: AbortSignal): Promise<SourceOutcome> {
  let stored = 0;
  let duplicates = 0;
  const tips: TipSummary[] = [];
  const skips: SkippedPage[] = [];
  const outcome = (stats: SourceCrawlStats): SourceOutcome => ({ stats, stored, duplicates, tips, skips });
  if (signal?.aborted) return outcome({ sourceId: source.id, fetched: 0, skipped: 0, aborted: true });
  const evidence = {
    store: app.store,
    files: createEvidenceFiles({ root: evidenceRoot(app.config.settings.dataDir) }),
    logger: app.logger,
  };
  const sink: CrawlSink = {
    knownUrls: (urls) => app.store.knownUrls(urls),
    onArticle: async (article) => {
      // The raw bytes go to the evidence folder only, never through the pipeline into the store's rows.
      const { evidence: proof, ...item } = article;
      const result = await app.ingestQueue(() => ingestArticle(app, item));
      if (!result.inserted) return;
      stored += 1;
      if (result.duplicate) duplicates += 1;
      tips.push(...result.tips);
      // Same id as the pipeline gives the stored item; written outside the queue so ingests do not wait on disk.
      if (proof) await keepEvidence(evidence, articleId(normalizeItemUrl(item.url, item.parentUrl)), proof);
    },
    onSkip: (skip) => {
      skips.push(skip);
    },
  };
  const at = new Date().toISOString();
  // Search sources rotate through every unit's names with a persisted cursor (issue 20).
  const plan = source.type === 'search' ? await planSearch(app, source) : undefined;
  let stats: SourceCrawlStats;
  try {
    stats = await crawlSource(source, sink, {
      crawl: app.config.settings.crawl,
      timezone: app.config.settings.timezone,
      logger: app.logger,
      validators: storeValidatorCache(app.store),
      hostGate: app.hostGate,
      ...(plan ? { search: plan.terms } : {}),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    // crawlSource is not supposed to throw; if it does, the cycle still goes on with the other sources.
    const reason = error instanceof Error ? error.message : String(error);
    app.logger.error({ component: 'cycle', source: source.id, err: error }, 'source crawl failed');
    sink.onSkip({ sourceId: source.id, url: source.url, code: 'E_FETCH_UNREACHABLE', reason });
    stats = { sourceId: source.id, fetched: 0, skipped: 1, error: reason };
  }
  // A run stopped halfway says nothing about the source's health, and the search cursor must not move past
  // queries it never finished.
  if (stats.aborted) return outcome(stats);
  // An empty list counts as a failed run: a source whose selector matches nothing brings in nothing.
  const error = stats.error ?? (stats.emptyList ? EMPTY_LIST_ERROR : undefined);
  await plan?.commit(stats.error === undefined, at);
  try {
    await app.store.recordSourceRun({
      sourceId: source.id,
      at,
      ok: error === undefined,
      error,
      stored,
      emptyList: stats.emptyList === true,
    });
    await raiseSourceAlert(app, source);
  } catch (err) {
    // Bookkeeping that cannot be written (a full disk) must not cost the cycle its summary or other sources.
    app.logger.error({ component: 'cycle', source: source.id, err }, 'source health not recorded');
  }
  return outcome(stats);
}
