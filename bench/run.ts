import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config/loader.js';
import { silentLogger } from '../core/log.js';
import { createProcessor } from '../pipeline/process.js';
import { queryTerms } from '../pipeline/query.js';
import { createJiebaSegmenter } from '../pipeline/segmenter.js';
import { userDictionary } from '../pipeline/user-dictionary.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { measureBrowserMemory } from './browser-memory.js';
import { measureConsoleSearch } from './console-search.js';
import { buildArticles } from './corpus.js';
import { measureCrawl } from './crawl-throughput.js';
import { measureDetection } from './detection-latency.js';
import { measureRiskEval } from './eval-risk.js';
import { measureExtraction } from './extraction-score.js';
import type { Figure } from './figures.js';
import { memoryFigures, probeRss, runPeakOnStore } from './memory.js';
import { measurePipeline } from './pipeline-throughput.js';
import { formatDetails, formatTable, machineInfo, writeResults } from './report.js';
import { measureSearch } from './search-latency.js';
import { shortenedArticles } from './short-items.js';
import { loadTextPool } from './source-text.js';
import { measureStoryLookup, measureStoryMerge } from './story-merge.js';

/** Sizes of one benchmark run. */
interface Sizes {
  articles: number;
  /** Store sizes the search figures run at; each store is cached in bench/.cache/. */
  searchItems: number[];
  crawlPages: number;
  detectionItems: number;
  queries: number;
  extractionPasses: number;
  slice: number;
  warmup: number;
  /** Store sizes the story (near-duplicate) lookup cost runs at; cached in bench/.cache/. */
  storyItems: number[];
}

const FULL: Sizes = {
  articles: 5000,
  searchItems: [100_000],
  crawlPages: 10_000,
  detectionItems: 10,
  queries: 200,
  extractionPasses: 3,
  slice: 100,
  warmup: 20,
  storyItems: [100_000],
};
const QUICK: Sizes = {
  articles: 300,
  searchItems: [3000],
  crawlPages: 1000,
  detectionItems: 2,
  queries: 50,
  extractionPasses: 1,
  slice: 50,
  warmup: 10,
  storyItems: [10_000],
};

/** The repository root: the nearest directory above this file holding package.json. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const sizes = { ...(quick ? QUICK : FULL) };
  // --search-items=100000,1000000 overrides the store sizes (1 M takes long to build once, then it is cached).
  const searchArg = process.argv.find((a) => a.startsWith('--search-items='));
  if (searchArg) sizes.searchItems = searchArg.split('=')[1]?.split(',').map(Number) ?? sizes.searchItems;
  // --search-mean-chars=850 builds the search stores from the same articles cut to that mean length.
  const meanArg = process.argv.find((a) => a.startsWith('--search-mean-chars='));
  const searchMeanChars = meanArg ? Number(meanArg.split('=')[1]) : undefined;
  // --story-items=100000,1000000 adds the 1 M story lookup (its band index is built once, then cached).
  const storyArg = process.argv.find((a) => a.startsWith('--story-items='));
  if (storyArg) sizes.storyItems = storyArg.split('=')[1]?.split(',').map(Number) ?? sizes.storyItems;
  // --articles=N sizes the pipeline figure alone (for iterating on it).
  const articlesArg = process.argv.find((a) => a.startsWith('--articles='));
  if (articlesArg) sizes.articles = Number(articlesArg.slice(11)) || sizes.articles;
  const skip = new Set(
    process.argv.filter((a) => a.startsWith('--skip=')).flatMap((a) => a.slice(7).split(',')),
  );
  const root = repoRoot();
  const sharedDir = resolve(process.env.YUQING_SHARED_DIR ?? join(root, '..', 'shared'));
  const config = await loadConfig(join(root, 'config'));
  const rounds = config.rounds.filter((r) => r.active !== false);
  const round = rounds[0];
  const unit = round?.units[0];
  if (!round || !unit) throw new Error('bench: the config in config/ has no active round with a unit');
  const timezone = config.settings.timezone;
  const segmenter = createJiebaSegmenter(userDictionary(config.rounds, config.lexicon));
  const process_ = createProcessor({
    rounds,
    lexicon: config.lexicon,
    segmenter,
    timezone,
    ...(config.model !== undefined && { model: config.model }),
  });

  const pool = loadTextPool(sharedDir);
  const notes = [
    `corpus: ${pool.origin === 'shared' ? 'recombined paragraphs of' : 'FALLBACK'} ${pool.note}`,
  ];
  const articles = buildArticles(pool, {
    count: sizes.articles + sizes.warmup,
    seed: 20_261_101,
    mentions: rounds.flatMap((r) => r.units.flatMap((u) => [u.name, ...u.aliases])),
    riskTerms: config.lexicon.filter((k) => k.weight >= 5).map((k) => k.term),
  });
  const tmpDir = mkdtempSync(join(tmpdir(), 'yuqing-bench-'));
  const store = new SqliteStore({ path: join(tmpDir, 'bench.db'), logger: silentLogger() });
  const figures: Figure[] = [];
  const progress = (text: string) => process.stderr.write(`bench: ${text}\n`);
  try {
    await store.init();
    progress(`pipeline throughput, ${sizes.articles} articles…`);
    const pipeline = await measurePipeline({
      articles: articles.slice(sizes.warmup),
      process: process_,
      rounds,
      store,
      timezone,
      sliceSize: sizes.slice,
      warmup: sizes.warmup,
    });
    figures.push(pipeline.figure);
    await store.close();
    const cacheDir = join(root, 'bench', '.cache');
    mkdirSync(cacheDir, { recursive: true });
    const storeMemory: { items: number; peakMb: number }[] = [];
    const searchProcessed =
      searchMeanChars === undefined
        ? pipeline.processed
        : shortenedArticles(pipeline.processed, process_, searchMeanChars);
    const storeSuffix = searchMeanChars === undefined ? '' : `-${searchMeanChars}c`;
    if (searchMeanChars !== undefined && !skip.has('search')) {
      const mean =
        searchProcessed.reduce((n, a) => n + a.body.length, 0) / Math.max(1, searchProcessed.length);
      notes.push(`search stores: the corpus articles cut to a mean body of ${Math.round(mean)} characters`);
    }
    for (const items of skip.has('search') ? [] : sizes.searchItems) {
      // Stores are cached by size: building 100 k items takes minutes, re-runs then only time the queries.
      const cachedPath = join(cacheDir, `search-${items}${storeSuffix}.db`);
      const cached = new SqliteStore({ path: cachedPath, logger: silentLogger() });
      await cached.init();
      try {
        progress(`search latency at ${items} items (cache ${cachedPath})…`);
        figures.push(
          ...(await measureSearch({
            store: cached,
            processed: searchProcessed,
            items,
            queryTerms: (text) => queryTerms(text, segmenter),
            roundId: round.id,
            unitId: unit.id,
            queries: sizes.queries,
          })),
        );
        progress(`console search through HTTP at ${items} items…`);
        figures.push(
          await measureConsoleSearch({
            store: cached,
            config,
            items,
            queryTerms: (text) => queryTerms(text, segmenter),
            roundId: round.id,
            unitId: unit.id,
          }),
        );
      } finally {
        await cached.close();
      }
      if (!skip.has('memory')) {
        progress(`memory: yuqing run on the ${items}-item store…`);
        storeMemory.push({ items, peakMb: await runPeakOnStore(pool, tmpDir, cachedPath) });
      }
    }
    if (!skip.has('crawl')) {
      progress(`crawl throughput, ${sizes.crawlPages} pages…`);
      figures.push(await measureCrawl({ articles, pages: sizes.crawlPages, concurrency: 4 }));
    }
    if (!skip.has('browser')) {
      progress('browser memory: Chromium tree on a hostile page against a plain one…');
      figures.push(await measureBrowserMemory());
    }
    if (!skip.has('detection')) {
      progress(`detection latency, ${sizes.detectionItems} red items on a 1-minute schedule…`);
      const detection = await measureDetection({
        pool,
        tmpDir,
        items: sizes.detectionItems,
        spacingMs: 19_000,
        progress,
      });
      figures.push(...detection.figures);
      if (!skip.has('memory')) {
        const last = storeMemory[storeMemory.length - 1];
        figures.push(...memoryFigures(detection.runPeakMb, last, probeRss('dictionary'), probeRss('config')));
      }
    }
    if (!skip.has('extraction')) {
      progress('extraction score…');
      const extraction = measureExtraction({ sharedDir, tmpDir, timezone, passes: sizes.extractionPasses });
      figures.push(...extraction.figures);
      if (extraction.note) notes.push(extraction.note);
    }
    if (!skip.has('story')) {
      progress('story merge on the repost set…');
      const storyDeps = {
        sharedDir,
        tmpDir,
        cacheDir,
        process: process_,
        lookupItems: sizes.storyItems,
        progress,
      };
      figures.push(...(await measureStoryMerge(storyDeps)));
      figures.push(...(await measureStoryLookup(storyDeps)));
    }
    if (!skip.has('eval')) {
      progress('detection eval…');
      const detection = await measureRiskEval({
        sharedDir,
        lexicon: config.lexicon,
        process: process_,
        rounds,
        ...(config.model !== undefined && { model: config.model }),
      });
      figures.push(...detection.figures);
      if (detection.note) notes.push(detection.note);
    }
  } finally {
    await store.close().catch(() => {});
    rmSync(tmpDir, { recursive: true, force: true });
  }
  notes.push(`search filter: round ${round.id}, unit ${unit.id} (${unit.name}); 20 hits with highlights`);

  const machine = machineInfo();
  const resultsPath = join(root, 'bench', 'results.json');
  writeResults(resultsPath, { machine, date: new Date().toISOString(), quick, notes, figures });
  process.stdout.write(
    [
      `xuncha-yuqing bench${quick ? ' (--quick)' : ''}: ${machine.cpus} × ${machine.cpuModel}, ` +
        `${machine.totalMemGb} GB, Node ${machine.node}`,
      ...notes,
      '',
      formatTable(figures),
      '',
      formatDetails(figures),
      '',
      `results written to ${resultsPath}`,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
