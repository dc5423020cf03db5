import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'cheerio';
import { decodeBody } from '../crawlers/decode.js';
import { extractArticle } from '../crawlers/extract/article.js';
import { compared, type Figure, standalone } from './figures.js';
import { nowMs } from './timing.js';

/** Where the labelled pages and the scorer are, and how many timed passes to make. */
export interface ExtractionBenchDeps {
  sharedDir: string;
  tmpDir: string;
  timezone: string;
  passes: number;
}

interface Prediction {
  title: string;
  publishedAt: string | null;
  body: string;
}

interface ScoreSummary {
  pages: number;
  title: { ok: number; of: number; rate: number };
  time: { ok: number; of: number; rate: number };
  body: { ok: number; of: number; rate: number };
}

/**
 * extractArticle over <shared>/corpus/articles/pages, scored by <shared>/tools/extraction-score.mjs; speed is
 * compared with cheerio parsing the same pages and reading the body text (the floor of any DOM extractor).
 * Returns no figures, and says why, when the corpus or the scorer is missing.
 */
export function measureExtraction(deps: ExtractionBenchDeps): { figures: Figure[]; note?: string } {
  const corpus = join(deps.sharedDir, 'corpus', 'articles');
  const pagesDir = join(corpus, 'pages');
  const labelsDir = join(corpus, 'labels');
  const scorer = join(deps.sharedDir, 'tools', 'extraction-score.mjs');
  if (!existsSync(pagesDir) || !existsSync(labelsDir) || !existsSync(scorer)) {
    return { figures: [], note: `extraction skipped: no labelled corpus or scorer under ${deps.sharedDir}` };
  }
  const pages = readdirSync(pagesDir)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => ({ name: f.slice(0, -'.html'.length), path: join(pagesDir, f) }))
    .map((p) => ({ ...p, bytes: readFileSync(p.path) }));
  const now = new Date();
  const predictions: Record<string, Prediction> = {};
  let extractMs = 0;
  let parseMs = 0;
  for (let pass = 0; pass < deps.passes; pass++) {
    for (const [i, page] of pages.entries()) {
      const timeParse = () => {
        const t = nowMs();
        load(decodeBody(page.bytes).text)('body').text();
        parseMs += nowMs() - t;
      };
      if ((i + pass) % 2 === 1) timeParse();
      const t = nowMs();
      const html = decodeBody(page.bytes).text;
      const got = extractArticle(html, `file://${page.path}`, { timezone: deps.timezone, now });
      extractMs += nowMs() - t;
      if ((i + pass) % 2 === 0) timeParse();
      predictions[page.name] = { title: got.title, publishedAt: got.publishedAt ?? null, body: got.body };
    }
  }
  const predFile = join(deps.tmpDir, 'predictions.json');
  writeFileSync(predFile, JSON.stringify(predictions));
  const out = execFileSync(process.execPath, [scorer, '--labels', labelsDir, '--pred', predFile, '--json'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const summary = (JSON.parse(out) as { summary: ScoreSummary }).summary;
  const runs = pages.length * deps.passes;
  const percent = (k: 'title' | 'time' | 'body') =>
    standalone(`extraction ${k} correct`, '%', 100 * summary[k].rate, {
      correct: summary[k].ok,
      scored: summary[k].of,
    });
  return {
    figures: [
      percent('title'),
      percent('time'),
      percent('body'),
      compared(
        'extraction speed',
        'pages/s',
        (runs * 1000) / extractMs,
        'cheerio parse + body text',
        (runs * 1000) / parseMs,
        { detail: { pages: pages.length, passes: deps.passes } },
      ),
    ],
  };
}
