import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { seededRandom } from './timing.js';

/** Paragraphs and headings from which benchmark articles are recombined. */
export interface TextPool {
  origin: 'seeds' | 'dictionary';
  /** Where the text came from, printed with the results. */
  note: string;
  paragraphs: string[];
  headings: string[];
}

const MAX_PARAGRAPH = 600;
const SENTENCE = /[^。！？!?]+[。！？!?”」]*/g;

/** Real article text from <shared>/domain/seeds, else words of nodejieba's bundled dictionary. */
export function loadTextPool(sharedDir: string): TextPool {
  const seedsDir = join(sharedDir, 'domain', 'seeds');
  const files = existsSync(seedsDir) ? readdirSync(seedsDir).filter((f) => f.endsWith('.txt')) : [];
  if (files.length > 0) {
    const lines = files.flatMap((f) => readFileSync(join(seedsDir, f), 'utf8').split('\n'));
    const pool = poolFromLines(lines);
    if (pool.paragraphs.length > 0 && pool.headings.length > 0) {
      return { origin: 'seeds', note: `${files.length} real articles in ${seedsDir}`, ...pool };
    }
  }
  return dictionaryPool(`no seed texts in ${seedsDir}`);
}

/** Long lines are cut into sentence groups so recombination has more pieces to draw from. */
function poolFromLines(lines: readonly string[]): { paragraphs: string[]; headings: string[] } {
  const paragraphs: string[] = [];
  const headings: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (line.length >= 50) paragraphs.push(...splitParagraph(line));
    else if (line.length >= 6 && line.length <= 40 && !/\d{4}/.test(line) && !line.endsWith('。')) {
      headings.push(line);
    }
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
  return {
    origin: 'dictionary',
    note: `${reason}; generated text from ${words.length} words of nodejieba's bundled dictionary`,
    paragraphs,
    headings,
  };
}
