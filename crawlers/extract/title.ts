import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { classAndId, flatText, isElement, squash } from './dom.js';

/** The chosen headline and the element it came from (used to find the date and byline next to it). */
export interface TitleResult {
  title: string;
  element?: Element;
}

const SEPARATOR = /\s*(?:_|\||｜|—|–|\s-\s|-{2,})\s*/;

/**
 * Picks the headline: the heading (h1–h3 or an element whose class says title) that best matches <title>, else
 * og:title, else <title> without its site suffix (`_明州日报`, ` - 网站名`, `|…`).
 */
export function extractTitle($: CheerioAPI, selector?: string): TitleResult {
  if (selector) {
    const node = $(selector).first()[0];
    const el = node && isElement(node) ? node : undefined;
    const text = el ? squash(flatText(el)) : '';
    if (el && text) return { title: text, element: el };
  }
  const pageTitle = squash($('title').first().text());
  const ogTitle = squash($('meta[property="og:title"], meta[name="og:title"]').attr('content') ?? '');
  const reference = pageTitle || ogTitle;
  const best = bestHeading($, reference);
  if (best) return best;
  const fallback = stripSiteSuffix(ogTitle || pageTitle);
  const h1 = $('h1').first()[0];
  if (!fallback && h1) return { title: squash(flatText(h1)), element: h1 };
  return { title: fallback, element: findElementWithText($, fallback) };
}

/** Removes trailing short segments after a separator, e.g. `标题_明州日报` → `标题`, `标题 - 网易新闻` → `标题`. */
export function stripSiteSuffix(title: string): string {
  let t = title.trim();
  for (;;) {
    const parts = t.split(SEPARATOR);
    const last = parts[parts.length - 1] ?? '';
    if (parts.length < 2 || last.length > 16) break;
    const cut = t.lastIndexOf(last);
    const rest = t
      .slice(0, cut)
      .replace(new RegExp(`${SEPARATOR.source}$`), '')
      .trim();
    if (rest.length < 4) break;
    t = rest;
  }
  return t;
}

function bestHeading($: CheerioAPI, reference: string): TitleResult | undefined {
  if (!reference) return undefined;
  const ref = compact(reference);
  let best: { score: number; title: string; element: Element } | undefined;
  $('h1, h2, h3, h4, [class*="title"], [id*="title"], [class*="Title"], [id*="Title"], #activity-name').each(
    (_, el) => {
      const title = squash(flatText(el));
      const c = compact(title);
      if (c.length < 4 || c.length > 150) return;
      let score = c.length;
      if (ref.includes(c)) score += 100;
      else {
        const sim = similarity(c, ref);
        if (sim < 0.6) return;
        score += 60 * sim;
      }
      if (el.name === 'h1') score += 10;
      else if (/title/.test(classAndId(el)) && /^h\d$/.test(el.name)) score += 5;
      if (ref.startsWith(c)) score += 20;
      if (!best || score > best.score) best = { score, title, element: el };
    },
  );
  // A short heading such as the site logo can be contained in <title> too; demand a real share of it.
  if (best && compact(best.title).length >= Math.min(8, compact(stripSiteSuffix(reference)).length * 0.5)) {
    return { title: best.title, element: best.element };
  }
  return undefined;
}

function compact(s: string): string {
  return s.replace(/[\s"'“”‘’「」]/g, '').toLowerCase();
}

/** Dice coefficient over character bigrams. */
function similarity(a: string, b: string): number {
  const grams = (s: string) => {
    const m = new Map<string, number>();
    for (let i = 0; i < s.length - 1; i++) m.set(s.slice(i, i + 2), (m.get(s.slice(i, i + 2)) ?? 0) + 1);
    return m;
  };
  const ga = grams(a);
  const gb = grams(b);
  let shared = 0;
  for (const [g, n] of ga) shared += Math.min(n, gb.get(g) ?? 0);
  const total = Math.max(1, a.length - 1 + (b.length - 1));
  return (2 * shared) / total;
}

function findElementWithText($: CheerioAPI, text: string): Element | undefined {
  if (!text) return undefined;
  const target = compact(text);
  let found: Element | undefined;
  $('body h1, body h2, body h3, body p, body div, body span').each((_, el) => {
    if (compact(flatText(el)) === target) {
      found = el;
      return false;
    }
    return undefined;
  });
  return found;
}
