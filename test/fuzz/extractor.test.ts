import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../crawlers/extract/article.js';
import { SHARED_DIR } from '../helpers/shared-dir.js';

const OPTIONS = { timezone: 'Asia/Shanghai', now: new Date('2026-11-23T04:00:00Z') };
// A generous bound: the point is "never hangs", not speed (speed is in npm run bench).
const TIME_BOUND_MS = 5000;

function extractTimed(html: string): void {
  const started = performance.now();
  const page = extractArticle(html, 'http://127.0.0.1/a/1.html', OPTIONS);
  expect(performance.now() - started).toBeLessThan(TIME_BOUND_MS);
  expect(typeof page.title).toBe('string');
  expect(typeof page.body).toBe('string');
}

const TAGS = [
  'div',
  'p',
  'span',
  'h1',
  'title',
  'script',
  'style',
  'table',
  'td',
  'li',
  'a',
  'meta',
  'article',
  'br',
];
const tagSoup = fc
  .array(
    fc.oneof(
      fc.constantFrom(...TAGS).map((t) => `<${t}>`),
      fc.constantFrom(...TAGS).map((t) => `</${t}>`),
      fc.constantFrom(
        '<meta property="article:published_time" content="',
        '">',
        '<!--',
        '-->',
        '<![CDATA[',
        '&#x',
      ),
      fc.string({ maxLength: 40 }),
      fc.constantFrom('发布时间：2025年5月13日', '来源：明州日报', '违规收费', '\u0000', '\uFFFD', '\uD800'),
    ),
    { maxLength: 200 },
  )
  .map((parts) => parts.join(''));

const corpusPages = (() => {
  const dir = join(SHARED_DIR, 'corpus/articles/pages');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .slice(0, 12)
    .map((f) => readFileSync(join(dir, f), 'utf8'));
})();

describe('generic extractor on random and hostile HTML', () => {
  it('never throws or hangs on random tag soup', () => {
    fc.assert(
      fc.property(tagSoup, (html) => extractTimed(html)),
      { numRuns: 400 },
    );
  });

  it.skipIf(corpusPages.length === 0)(
    'never throws or hangs on mutated real pages (cut, spliced, duplicated)',
    () => {
      const mutated = fc
        .tuple(
          fc.constantFrom(...corpusPages),
          fc.nat(),
          fc.nat(),
          tagSoup,
          fc.constantFrom('cut', 'splice', 'double'),
        )
        .map(([page, a, b, soup, how]) => {
          const i = a % page.length;
          const j = b % page.length;
          const [lo, hi] = i < j ? [i, j] : [j, i];
          if (how === 'cut') return page.slice(0, lo) + page.slice(hi);
          if (how === 'splice') return page.slice(0, lo) + soup + page.slice(lo);
          return page.slice(0, hi) + page.slice(lo);
        });
      fc.assert(
        fc.property(mutated, (html) => extractTimed(html)),
        { numRuns: 60 },
      );
    },
  );

  it('copes with 100 000 nested elements', () => {
    const depth = 100_000;
    const html = `<html><body>${'<div>'.repeat(depth)}巡察组进驻明州市住建局${'</div>'.repeat(depth)}</body></html>`;
    extractTimed(html);
  });

  it('copes with 5 MB of text in one element (the default fetch cap) and with null bytes', () => {
    extractTimed(`<html><body><p>${'群众反映违规收费问题。'.repeat(500_000)}</p></body></html>`);
    extractTimed(`<html><head><title>标题\u0000</title></head><body><p>正文\u0000内容</p></body></html>`);
  });

  it('copes with a list-like page of 10 000 links', () => {
    const links = Array.from(
      { length: 10_000 },
      (_, i) => `<li><a href="/n/${i}.html">新闻标题${i}</a></li>`,
    ).join('');
    extractTimed(`<html><body><ul>${links}</ul></body></html>`);
  });
});
