import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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
import { buildArticles } from './corpus.js';
import { measureRiskEval } from './eval-risk.js';
import { measureExtraction } from './extraction-score.js';
import type { Figure } from './figures.js';
import { measurePipeline } from './pipeline-throughput.js';
import { formatDetails, formatTable, machineInfo, writeResults } from './report.js';
import { measureSearch } from './search-latency.js';
import { loadTextPool } from './source-text.js';

/** Sizes of one benchmark run. */
interface Sizes {
  articles: number;
  searchItems: number;
  queries: number;
  extractionPasses: number;
  slice: number;
  warmup: number;
}

const FULL: Sizes = {
  articles: 2000,
  searchItems: 20_000,
  queries: 200,
  extractionPasses: 3,
  slice: 100,
  warmup: 20,
};
const QUICK: Sizes = {
  articles: 300,
  searchItems: 3000,
  queries: 50,
  extractionPasses: 1,
  slice: 50,
  warmup: 10,
};

/** The repository root: the nearest directory above this file holding package.json. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const sizes = quick ? QUICK : FULL;
  const root = repoRoot();
  const sharedDir = resolve(process.env.YUQING_SHARED_DIR ?? join(root, '..', 'shared'));
  const config = await loadConfig(join(root, 'config'));
  const rounds = config.rounds.filter((r) => r.active !== false);
  const round = rounds[0];
  const unit = round?.units[0];
  if (!round || !unit) throw new Error('bench: the config in config/ has no active round with a unit');
  const timezone = config.settings.timezone;
  const segmenter = createJiebaSegmenter(userDictionary(config.rounds, config.lexicon));
  const process_ = createProcessor({ rounds, lexicon: config.lexicon, segmenter, timezone });

  const pool = loadTextPool(sharedDir);
  const notes = [`corpus: ${pool.origin === 'seeds' ? 'recombined paragraphs of' : 'FALLBACK'} ${pool.note}`];
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
    progress(`search latency at ${sizes.searchItems} items…`);
    figures.push(
      ...(await measureSearch({
        store,
        processed: pipeline.processed,
        items: sizes.searchItems,
        queryTerms: (text) => queryTerms(text, segmenter),
        roundId: round.id,
        unitId: unit.id,
        queries: sizes.queries,
      })),
    );
    progress('extraction score…');
    const extraction = measureExtraction({ sharedDir, tmpDir, timezone, passes: sizes.extractionPasses });
    figures.push(...extraction.figures);
    if (extraction.note) notes.push(extraction.note);
    progress('detection eval…');
    const detection = await measureRiskEval({
      sharedDir,
      lexicon: config.lexicon,
      process: process_,
      rounds,
    });
    figures.push(...detection.figures);
    if (detection.note) notes.push(detection.note);
  } finally {
    await store.close();
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
