import { collectLinks } from '../links.js';
import type { ExtractedPage } from '../types.js';
import { textWeight } from './dom.js';
import { loadHtml } from './load-html.js';

/** Headline links a page must show, at the least, to be read as a list (forum index, 贴吧, search results). */
const MIN_LIST_LINKS = 8;
/** Article text per headline link below which the page is the list, not an article beside a related list. */
const TEXT_PER_LINK = 40;
/** Less text than this is a notice or an ad, not an article, even with a date. */
const SCRAP_WEIGHT = 80;

/**
 * Tells a list page from an article: many headline-like links on the same site and little article text per link
 * (an ad or a notice is then no article). Saved pages (file://) use their canonical or og:url as the site.
 */
export function classifyPage(html: string, url: string, page: ExtractedPage): ExtractedPage {
  const base = /^https?:/i.test(url) ? url : canonicalUrl(html);
  if (!base) return { ...page, kind: 'article' };
  const links = collectLinks(html, base);
  const weight = page.partial ? 0 : textWeight(page.body);
  // A dated article with a short text beside a long related list stays an article unless its text is a scrap.
  const scrap = weight < SCRAP_WEIGHT || !page.publishedAt;
  if (links.length >= MIN_LIST_LINKS && weight < TEXT_PER_LINK * links.length && scrap) {
    return { ...page, kind: 'list', links };
  }
  return { ...page, kind: 'article' };
}

function canonicalUrl(html: string): string | undefined {
  const $ = loadHtml(html.slice(0, 200_000));
  const href =
    $('link[rel="canonical"]').attr('href') ??
    $('meta[property="og:url"]').attr('content') ??
    $('base[href]').attr('href');
  return href && /^https?:\/\//i.test(href) ? href : undefined;
}
