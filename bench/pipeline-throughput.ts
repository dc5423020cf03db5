import nodejieba from 'nodejieba';
import { routeTips } from '../alerts/routing.js';
import type { RoundConfig } from '../config/schema.js';
import type { ExtractedArticle, ProcessedArticle } from '../core/types.js';
import { extractArticle } from '../crawlers/extract/article.js';
import { findStory } from '../ingest/ingest-article.js';
import type { Processor } from '../pipeline/process.js';
import type { Store } from '../store/store.js';
import type { BenchArticle } from './corpus.js';
import { compared, type Figure, round } from './figures.js';
import { openFtsProbe } from './fts-probe.js';
import { nowMs } from './timing.js';

/** What the throughput figure runs: the same stages as a crawl cycle, on an empty store. */
export interface PipelineBenchDeps {
  articles: readonly BenchArticle[];
  process: Processor;
  rounds: RoundConfig[];
  store: Store;
  timezone: string;
  /** Articles per alternating slice; pipeline and reference take turns going first. */
  sliceSize: number;
  /** Articles run through both sides before timing starts (JIT, SQLite page cache). */
  warmup: number;
}

/** The figure and the processed articles, reused to fill the search store. */
export interface PipelineBenchResult {
  figure: Figure;
  processed: ProcessedArticle[];
}

/** Stage time totals in ms. */
interface Stages {
  extract: number;
  process: number;
  lookup: number;
  store: number;
}

const TARGET_RATIO = 0.6;
const FETCHED_AT = '2027-07-31T12:00:00+08:00';
const NOW = new Date(FETCHED_AT);

/** Public URL of the i-th benchmark article (copy 0 is the pipeline run, later copies fill the search store). */
export function benchUrl(copy: number, index: number): string {
  return `https://news.mingzhou.example.cn/bench/${copy}/${index}.html`;
}

/**
 * Articles/s through extract → process → near-duplicate lookup → tip routing → ingest, against raw nodejieba
 * cutForSearch of the same title and body: the floor any pipeline built on jieba pays. Both run slice by slice
 * in alternating order so that machine noise hits them alike.
 */
export async function measurePipeline(deps: PipelineBenchDeps): Promise<PipelineBenchResult> {
  const { articles, sliceSize } = deps;
  const stages: Stages = { extract: 0, process: 0, lookup: 0, store: 0 };
  const warm = articles.slice(0, deps.warmup);
  rawCut(warm);
  const warmed: ProcessedArticle[] = [];
  for (const [i, a] of warm.entries())
    warmed.push((await runOne(deps, a, benchUrl(-1, i), { ...stages })).article);

  const processed: ProcessedArticle[] = [];
  let pipelineMs = 0;
  let rawMs = 0;
  let ftsMs = 0;
  let duplicates = 0;
  // The second reference: the FTS5 index of the same token/gram text alone, timed slice by slice as well.
  const fts = openFtsProbe();
  try {
    fts.index(warmed);
    for (let start = 0; start < articles.length; start += sliceSize) {
      const slice = articles.slice(start, start + sliceSize);
      const timeRaw = () => {
        const t = nowMs();
        rawCut(slice);
        rawMs += nowMs() - t;
      };
      if ((start / sliceSize) % 2 === 1) timeRaw();
      const t = nowMs();
      const done: ProcessedArticle[] = [];
      for (const [j, a] of slice.entries()) {
        const one = await runOne(deps, a, benchUrl(0, start + j), stages);
        done.push(one.article);
        if (one.duplicate) duplicates += 1;
      }
      pipelineMs += nowMs() - t;
      if ((start / sliceSize) % 2 === 0) timeRaw();
      ftsMs += fts.index(done);
      processed.push(...done);
    }
  } finally {
    fts.close();
  }

  const n = articles.length;
  const chars = articles.reduce((sum, a) => sum + a.title.length + a.body.length, 0);
  const staged = stages.extract + stages.process + stages.lookup + stages.store;
  const share = (ms: number) => `${Math.round((100 * ms) / staged)} %`;
  const figure = compared(
    'pipeline throughput',
    'articles/s',
    (n * 1000) / pipelineMs,
    'raw nodejieba cutForSearch, same texts',
    (n * 1000) / rawMs,
    {
      target: TARGET_RATIO,
      detail: {
        articles: n,
        meanChars: Math.round(chars / n),
        pipelineCharsPerSec: Math.round((chars * 1000) / pipelineMs),
        rawCharsPerSec: Math.round((chars * 1000) / rawMs),
        extractShare: share(stages.extract),
        processShare: share(stages.process),
        dedupLookupShare: share(stages.lookup),
        routeIngestShare: share(stages.store),
        duplicatesJoined: duplicates,
        pipelineSeconds: round(pipelineMs / 1000, 2),
        ingestOnlyArticlesPerSec: round((n * 1000) / stages.store, 1),
        ftsIndexOnlyArticlesPerSec: round((n * 1000) / ftsMs, 1),
        // A pipeline that segments the text (the raw reference) and indexes it (the FTS5 probe) spends at least
        // both per article, whatever else it does: its ratio cannot exceed raw / (raw + index).
        ceilingRatio: round(rawMs / (rawMs + ftsMs), 2),
        boundBy: boundBy(stages, ftsMs, n),
      },
    },
  );
  return { figure, processed };
}

/** What the measured time goes to, in ms per article: the floor (FTS5 index alone) inside the store stage. */
function boundBy(stages: Stages, ftsMs: number, n: number): string {
  const per = (ms: number) => round(ms / n, 1);
  return (
    `store ${per(stages.store)} ms/article (of which FTS5 index alone ${per(ftsMs)}), ` +
    `process ${per(stages.process)}, extract ${per(stages.extract)}, dedup ${per(stages.lookup)}`
  );
}

/** The reference: search-mode segmentation of exactly the text the pipeline indexes. */
function rawCut(articles: readonly BenchArticle[]): void {
  for (const a of articles) nodejieba.cutForSearch(`${a.title}\n${a.body}`, true);
}

/** One article through the stages as ingest/cycle.ts runs them. */
async function runOne(
  deps: PipelineBenchDeps,
  page: BenchArticle,
  url: string,
  stages: Stages,
): Promise<{ article: ProcessedArticle; duplicate: boolean }> {
  const t0 = nowMs();
  const extracted = toExtracted(extractArticle(page.html, url, { timezone: deps.timezone, now: NOW }), url);
  const t1 = nowMs();
  const article = deps.process(extracted);
  const t2 = nowMs();
  const existing = await findStory(deps.store, article);
  const t3 = nowMs();
  const clusterId = existing?.clusterId ?? article.id;
  const tips = routeTips(article, clusterId, deps.rounds, FETCHED_AT);
  await deps.store.ingest({ article, joinClusterId: existing?.clusterId, tips });
  const t4 = nowMs();
  stages.extract += t1 - t0;
  stages.process += t2 - t1;
  stages.lookup += t3 - t2;
  stages.store += t4 - t3;
  return { article, duplicate: existing !== undefined };
}

function toExtracted(page: ReturnType<typeof extractArticle>, url: string): ExtractedArticle {
  const article: ExtractedArticle = {
    url,
    sourceId: 'bench-news',
    sourceName: page.siteName ?? '明州新闻网',
    sourceType: 'html',
    title: page.title,
    body: page.body,
    fetchedAt: FETCHED_AT,
  };
  if (page.publishedAt) article.publishedAt = page.publishedAt;
  if (page.author) article.author = page.author;
  return article;
}
