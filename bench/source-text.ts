import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { extractArticle } from '../crawlers/extract/article.js';
import { seededRandom } from './timing.js';

/** Paragraphs and headings from which benchmark articles are recombined. */
export interface TextPool {
  /** `shared`: real Chinese texts under the shared directory; `dictionary`: the generated fallback. */
  origin: 'shared' | 'dictionary';
  /** Where the text came from, printed with the results. */
  note: string;
  paragraphs: string[];
  /** The paragraphs grouped by the text they come from, in order: coherent runs to build an article from. */
  documents: string[][];
  headings: string[];
}

const MAX_PARAGRAPH = 600;
const SENTENCE = /[^。！？!?]+[。！？!?”」]*/g;
// Risk items keep paragraphs apart with runs of ideographic spaces (　　) as often as with newlines.
const PARAGRAPH_BREAK = /\n|\u3000{2,}/;

/** Texts of one kind found under the shared directory. */
interface SourceTexts {
  /** e.g. "5 seed articles". */
  label: string;
  /** The lines of each text. */
  texts: string[][];
  headings: string[];
}

/**
 * Every real Chinese text under `sharedDir`: the domain seeds, the title and text of each risk dev item and
 * the bodies extracted from the labelled article pages (those whose extraction the labels confirm); else words
 * of nodejieba's bundled dictionary. A pool of many independent texts keeps recombined articles from being
 * near-duplicates of each other far more often than a real feed's are.
 */
export function loadTextPool(sharedDir: string): TextPool {
  const sources = [seedTexts(sharedDir), riskTexts(sharedDir), pageTexts(sharedDir)].filter(
    (s): s is SourceTexts => s !== undefined,
  );
  const texts = sources.flatMap((s) => s.texts).map(poolFromLines);
  const documents = texts.map((t) => t.paragraphs).filter((d) => d.length > 0);
  // Reposted texts recur across the sources; each distinct paragraph and heading is drawn with equal odds.
  const pool = {
    paragraphs: [...new Set(documents.flat())],
    documents,
    headings: [
      ...new Set([
        ...texts.flatMap((t) => t.headings),
        ...sources.flatMap((s) => s.headings.filter(isHeading)),
      ]),
    ],
  };
  if (pool.paragraphs.length > 0 && pool.headings.length > 0) {
    const parts = sources.map((s) => s.label).join(', ');
    const note = `${parts} under ${sharedDir} (${pool.paragraphs.length} paragraphs, ${pool.headings.length} headings)`;
    return { origin: 'shared', note, ...pool };
  }
  return dictionaryPool(`no real texts under ${sharedDir}`);
}

/**
 * The real articles alone (domain seeds and the labelled article pages), each as its paragraphs of at least 20
 * characters: the originals the repost set is made from.
 */
export function articleTexts(sharedDir: string): string[][] {
  return [seedTexts(sharedDir), pageTexts(sharedDir)]
    .flatMap((s) => s?.texts ?? [])
    .map((lines) => lines.map((l) => l.trim()).filter((l) => l.length >= 20))
    .filter((paragraphs) => paragraphs.length >= 2);
}

function seedTexts(sharedDir: string): SourceTexts | undefined {
  const dir = join(sharedDir, 'domain', 'seeds');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.txt')) : [];
  if (files.length === 0) return undefined;
  const texts = files.map((f) => readFileSync(join(dir, f), 'utf8').split('\n'));
  return { label: `${files.length} seed articles`, texts, headings: [] };
}

/** corpus/risk/dev/items.jsonl: one JSON object a line with `title` (or null) and `text`. */
function riskTexts(sharedDir: string): SourceTexts | undefined {
  const path = join(sharedDir, 'corpus', 'risk', 'dev', 'items.jsonl');
  if (!existsSync(path)) return undefined;
  const texts: string[][] = [];
  const headings: string[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    let item: { title?: unknown; text?: unknown };
    try {
      item = JSON.parse(line) as typeof item;
    } catch {
      continue;
    }
    if (typeof item.text !== 'string') continue;
    texts.push(item.text.split(PARAGRAPH_BREAK));
    if (typeof item.title === 'string') headings.push(item.title.trim());
  }
  return texts.length > 0 ? { label: `${texts.length} risk dev items`, texts, headings } : undefined;
}

/**
 * corpus/articles/pages/*.html through the extractor; a page counts only when its body holds every
 * `body_must` snippet of its label (whitespace ignored), so no navigation or comments leak into the pool.
 */
function pageTexts(sharedDir: string): SourceTexts | undefined {
  const pagesDir = join(sharedDir, 'corpus', 'articles', 'pages');
  const labelsDir = join(sharedDir, 'corpus', 'articles', 'labels');
  if (!existsSync(pagesDir) || !existsSync(labelsDir)) return undefined;
  const names = readdirSync(pagesDir).filter((f) => f.endsWith('.html'));
  const texts: string[][] = [];
  const headings: string[] = [];
  for (const file of names) {
    const labelPath = join(labelsDir, file.replace(/\.html$/, '.json'));
    if (!existsSync(labelPath)) continue;
    const label = JSON.parse(readFileSync(labelPath, 'utf8')) as { title?: string; body_must?: string[] };
    const page = extractArticle(readFileSync(join(pagesDir, file), 'utf8'), `https://example.cn/${file}`, {
      timezone: 'Asia/Shanghai',
      now: new Date(0),
    });
    const squashed = page.body.replace(/\s+/g, '');
    if (!(label.body_must ?? []).every((snippet) => squashed.includes(snippet.replace(/\s+/g, '')))) continue;
    texts.push(page.body.split('\n'));
    if (label.title) headings.push(label.title.trim());
  }
  const summary = `${texts.length} of ${names.length} labelled article pages`;
  return texts.length > 0 ? { label: summary, texts, headings } : undefined;
}

function isHeading(line: string): boolean {
  return line.length >= 6 && line.length <= 40 && !/\d{4}/.test(line) && !line.endsWith('。');
}

/** Long lines are cut into sentence groups so recombination has more pieces to draw from. */
function poolFromLines(lines: readonly string[]): { paragraphs: string[]; headings: string[] } {
  const paragraphs: string[] = [];
  const headings: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (line.length >= 50) paragraphs.push(...splitParagraph(line));
    else if (isHeading(line)) headings.push(line);
  }
  return { paragraphs, headings };
}

function splitParagraph(line: string): string[] {
  if (line.length <= MAX_PARAGRAPH) return [line];
  const out: string[] = [];
  let current = '';
  for (const sentence of line.match(SENTENCE) ?? [line]) {
    if (current.length + sentence.length > MAX_PARAGRAPH / 1.5 && current !== '') {
      out.push(current);
      current = '';
    }
    current += sentence;
  }
  if (current !== '') out.push(current);
  return out;
}

/** Fallback: sentences of frequent dictionary words, so the benchmark still runs without the shared texts. */
function dictionaryPool(reason: string): TextPool {
  const require = createRequire(import.meta.url);
  const dictPath = join(dirname(require.resolve('nodejieba')), 'submodules/cppjieba/dict/jieba.dict.utf8');
  const words = readFileSync(dictPath, 'utf8')
    .split('\n')
    .map((l) => l.split(' '))
    .filter((p) => p[0] !== undefined && /^\p{Script=Han}{2,4}$/u.test(p[0]) && Number(p[1]) >= 200)
    .map((p) => p[0] as string);
  const random = seededRandom(7);
  const sentence = (n: number) =>
    Array.from({ length: n }, () => words[Math.floor(random() * words.length)] ?? '').join('');
  const paragraphs = Array.from({ length: 600 }, () =>
    Array.from({ length: 3 + Math.floor(random() * 5) }, () => `${sentence(4)}，${sentence(5)}。`).join(''),
  );
  const headings = Array.from({ length: 200 }, () => sentence(3 + Math.floor(random() * 3)));
  const documents = Array.from({ length: paragraphs.length / 5 }, (_, i) =>
    paragraphs.slice(5 * i, 5 * i + 5),
  );
  return {
    origin: 'dictionary',
    note: `${reason}; generated text from ${words.length} words of nodejieba's bundled dictionary`,
    paragraphs,
    documents,
    headings,
  };
}
