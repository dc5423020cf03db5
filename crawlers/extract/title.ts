import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { classAndId, flatText, isElement, squash } from './dom.js';

/** The chosen headline and the element it came from (used to find the date and byline next to it). */
export interface TitleResult {
  title: string;
  element?: Element;
}

const SEPARATOR = /\s*(?:_|\||｜|丨|—|–|\s-\s|-{2,})\s*/;
// A bare hyphen glued to the headline ("标题-新华网") separates only a segment that reads as a site's name.
const GLUED_SITE =
  /-([^-\s]{2,16}?(?:网|报|日报|晚报|新闻|资讯|在线|频道|客户端|政府|门户|电视台|广播|之声|官网|论坛|社区|\.com|\.cn|\.net))$/i;
// Labels a site puts before a headline: 原创, 转载, 独家, 首发... with or without brackets.
const MARKER =
  /^(?:[【[(（]\s*(?:原创|转载|独家|首发|原文|置顶|精华|推荐|热门|图文|视频)\s*[】\])）]|(?:原创|转载|独家|首发)(?:\s*[|｜丨:：·]\s*|\s+))\s*/;
// A section's name used as a page or block heading (gov and news sites), not an article's headline.
const COLUMN_NAME =
  /^(?:[\u4e00-\u9fa5]{0,4})(?:动态|要闻|新闻|公告|通知|资讯|快讯|头条|专题|专栏|首页|列表|栏目|信息公开|政务公开|图片新闻|视频新闻)$/;

/**
 * Picks the headline: the heading (h1–h3 or an element whose class says title) that best matches <title> or
 * og:title without site suffix and markers, else that reference itself, else the page's h1. A section's name
 * (a navigation link's text, 新闻动态) is never the headline.
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
  const columns = columnNames($);
  const usable = (t: string) => t !== '' && !isColumnName(cleanTitle(t), columns);
  for (const reference of [pageTitle, ogTitle].filter(usable)) {
    const best = bestHeading($, reference, columns);
    if (best) return ownElement($, { ...best, title: cleanTitle(best.title) });
  }
  const reference = [ogTitle, pageTitle].find(usable);
  const fallback = reference ? cleanTitle(reference) : '';
  if (fallback) return { title: fallback, element: findElementWithText($, fallback) };
  const prominent = prominentHeading($, columns);
  if (prominent) return { ...prominent, title: cleanTitle(prominent.title) };
  return { title: cleanTitle(ogTitle || pageTitle) };
}

const HEADINGS =
  'h1, h2, h3, h4, [class*="title"], [id*="title"], [class*="Title"], [id*="Title"], #activity-name';

/**
 * The block whose text is just the headline, when the chosen heading is a box around it (a title area that also
 * holds the byline, or a "原标题：…" note): the byline next to the headline is what dates the article.
 */
function ownElement($: CheerioAPI, found: TitleResult): TitleResult {
  const box = found.element;
  // The heading with a marker or suffix (原创丨标题) is the headline's own element all the same.
  if (!box || compact(cleanTitle(squash(flatText(box)))) === compact(found.title)) return found;
  const own = findElementWithText($, found.title, box) ?? findElementWithText($, found.title);
  return own ? { ...found, element: own } : found;
}

/**
 * Without a usable <title> (it names the column, or is missing): the first h1, else the first heading-like
 * element whose text is the size of a headline and no section's name.
 */
function prominentHeading($: CheerioAPI, columns: Set<string>): TitleResult | undefined {
  const candidates: { rank: number; title: string; element: Element }[] = [];
  $(HEADINGS).each((_, el) => {
    const title = squash(flatText(el));
    const length = compact(title).length;
    if (length < 6 || length > 80 || isColumnName(title, columns) || $(el).find('a').length > 1) return;
    if (isBrand($, el)) return;
    const rank = el.name === 'h1' ? 3 : /^h[23]$/.test(el.name) ? 2 : 1;
    candidates.push({ rank, title, element: el });
  });
  // A title box holding the headline and its byline is not the headline: the innermost heading is.
  const inner = candidates.filter(
    (c) => !candidates.some((d) => d !== c && $(c.element).find(d.element).length > 0),
  );
  let found: (typeof inner)[number] | undefined;
  for (const c of inner) if (!found || c.rank > found.rank) found = c;
  return found ? { title: found.title, element: found.element } : undefined;
}

/** A headline without its site suffix and without a leading marker (原创, 【独家】, 转载｜). */
export function cleanTitle(title: string): string {
  let t = stripSiteSuffix(title);
  for (let m = MARKER.exec(t); m && t.length - m[0].length >= 4; m = MARKER.exec(t)) t = t.slice(m[0].length);
  return t.trim();
}

/** Removes trailing short segments after a separator, e.g. `标题_明州日报` → `标题`, `标题 - 网易新闻` → `标题`. */
export function stripSiteSuffix(title: string): string {
  let t = title.trim();
  for (;;) {
    const glued = GLUED_SITE.exec(t);
    if (glued && t.length - glued[0].length >= 4) {
      t = t.slice(0, t.length - glued[0].length).trim();
      continue;
    }
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

/** The texts of the page's links: a heading that is one of them is navigation (a column), not a headline. */
function columnNames($: CheerioAPI): Set<string> {
  const names = new Set<string>();
  $('a').each((_, el) => {
    const text = compact(flatText(el));
    if (text.length >= 2 && text.length <= 12) names.add(text);
  });
  return names;
}

function isColumnName(text: string, links: Set<string>): boolean {
  const c = compact(text);
  return c.length <= 12 && (links.has(c) || COLUMN_NAME.test(c));
}

function bestHeading($: CheerioAPI, reference: string, columns: Set<string>): TitleResult | undefined {
  const ref = compact(reference);
  const cleanRef = compact(cleanTitle(reference));
  let best: { score: number; title: string; element: Element } | undefined;
  $(HEADINGS).each((_, el) => {
    const title = squash(flatText(el));
    const c = compact(title);
    if (c.length < 4 || c.length > 150 || isColumnName(title, columns)) return;
    let score = c.length;
    if (ref.includes(c)) score += 100;
    else if (cleanRef.length >= 4 && c.includes(cleanRef)) {
      // The element wraps the headline and more (the byline, 原标题：…): the headline is the reference.
      score = cleanRef.length + 90 - Math.min(30, (c.length - cleanRef.length) / 4);
    } else {
      const sim = similarity(c, ref);
      if (sim < 0.6) return;
      score += 60 * sim;
    }
    if (el.name === 'h1') score += 10;
    else if (/title/.test(classAndId(el)) && /^h\d$/.test(el.name)) score += 5;
    if (ref.startsWith(c)) score += 20;
    if (!best || score > best.score) best = { score, title, element: el };
  });
  if (!best) return undefined;
  const found: { title: string; element: Element } = best;
  const c = compact(found.title);
  const title = !ref.includes(c) && c.includes(cleanRef) ? cleanTitle(reference) : found.title;
  // A short heading such as the site logo can be contained in <title> too; demand a real share of it.
  if (compact(title).length >= Math.min(8, cleanRef.length * 0.5)) return { title, element: found.element };
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

/** The site's own name as a heading: a logo, or a link to the home page (<h1><a href="/">某某网</a></h1>). */
function isBrand($: CheerioAPI, el: Element): boolean {
  if (
    $(el)
      .find('img')
      .filter((_, img) => /logo/i.test(`${classAndId(img)} ${img.attribs.src ?? ''}`)).length
  )
    return true;
  const link = $(el).find('a').first();
  if (link.length === 0 || compact(link.text()) !== compact(flatText(el))) return false;
  const href = link.attr('href') ?? '';
  return /^(?:https?:\/\/[^/?#]+)?\/?(?:index\.\w+)?$/i.test(href.trim());
}

/** True inside an element no reader sees (a share dialog's copy of the headline). */
function isHidden(el: Element): boolean {
  for (let node: Element | null = el; node && isElement(node); node = node.parent as Element | null) {
    if ('hidden' in node.attribs || /display\s*:\s*none/i.test(node.attribs.style ?? '')) return true;
  }
  return false;
}

/** True when all of the element's text is one link: a teaser pointing to a page, not a headline. */
function isLinkOnly($: CheerioAPI, el: Element): boolean {
  const links = $(el).find('a[href]');
  return links.length === 1 && compact(links.text()) === compact(flatText(el));
}

/** The first visible block (inside `within` when given) whose text is `text`; teaser links never count. */
function findElementWithText($: CheerioAPI, text: string, within?: Element): Element | undefined {
  if (!text) return undefined;
  const target = compact(text);
  let found: Element | undefined;
  const scope = within ? $(within) : $('body');
  scope.find('h1, h2, h3, p, div, span').each((_, el) => {
    if (compact(flatText(el)) === target && !isHidden(el) && !isLinkOnly($, el)) {
      found = el;
      return false;
    }
    return undefined;
  });
  return found;
}
