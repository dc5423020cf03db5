import type { CheerioAPI } from 'cheerio';
import type { ExtractedPage } from '../types.js';
import { extractBody } from './body.js';
import { removeNoise } from './clean.js';
import { squash, textWeight } from './dom.js';
import { loadHtml } from './load-html.js';
import { extractAuthor, extractSiteName } from './meta.js';
import { extractPublishTime, neighbourhood } from './time.js';
import { extractTitle } from './title.js';
import { extractWechat, isWechatArticle } from './wechat.js';

/** CSS selectors configured for a source (source.article); each overrides the generic guess. */
export interface ArticleSelectors {
  title?: string;
  time?: string;
  body?: string;
}

/** Options of extractArticle. */
export interface ExtractOptions {
  /** Zone of dates shown without an offset. */
  timezone: string;
  /** Clock for relative dates (3小时前); defaults to the current time. */
  now?: Date;
  selectors?: ArticleSelectors;
}

/**
 * Extracts headline, publish time, body text, author and site name from an article page. Pure: never fetches,
 * never throws on odd HTML (an unusable page gives empty strings, which the caller reports as E_FETCH_EMPTY).
 */
export function extractArticle(html: string, url: string, options: ExtractOptions): ExtractedPage {
  const $ = loadHtml(html, url);
  const dateOptions = { timezone: options.timezone, now: options.now ?? new Date() };
  const selectors = options.selectors ?? {};
  const description = pageDescription($);
  const wechat = isWechatArticle($, url) ? extractWechat($, dateOptions) : undefined;
  const { title, element } = extractTitle($, selectors.title);
  const near = neighbourhood($, element);
  const publishedAt = extractPublishTime($, near, { ...dateOptions, selector: selectors.time });
  if (wechat && !selectors.body) {
    // A 公众号 page without its inline timestamp (a saved copy, a mirror) is dated by its byline like any page.
    if (!wechat.publishedAt && publishedAt) wechat.publishedAt = publishedAt;
    return withFallback(wechat, description);
  }
  const author = extractAuthor($, `${near.before} ${near.after}`.slice(0, 400));
  // A 公众号's name is a better site name than the platform's og:site_name (微信公众平台).
  const siteName = wechat?.siteName ?? extractSiteName($);
  removeNoise($);
  const body = dropLeadingHeader(extractBody($, selectors.body), title);
  const page: ExtractedPage = { title, body };
  if (publishedAt) page.publishedAt = publishedAt;
  if (author) page.author = author;
  if (siteName) page.siteName = siteName;
  return selectors.body ? page : withFallback(page, description);
}

/** og:description, else meta description: what the page says it is about. */
function pageDescription($: CheerioAPI): string {
  const meta = $('meta[property="og:description"], meta[name="og:description"], meta[name="description"]');
  return squash(meta.first().attr('content') ?? '');
}

/**
 * When nothing on the page qualifies as the article (no text left, or text unrelated to both the headline and
 * the page's own description: another story's teaser, a comment), the description stands in for the body and
 * the page is marked partial rather than dropped or stored as an article made of noise.
 */
function withFallback(page: ExtractedPage, description: string): ExtractedPage {
  if (textWeight(description) < 10 || !isUnqualified(page.body, page.title, description)) return page;
  return { ...page, body: description, partial: true };
}

function isUnqualified(body: string, title: string, description: string): boolean {
  if (textWeight(body) < 20) return true;
  if (containment(description, body) >= 0.3) return false;
  return textWeight(body) < 150 || containment(title, body) < 0.2;
}

/** Share of the character bigrams of `a` that also occur in `b`. */
function containment(a: string, b: string): number {
  const grams = (s: string) => {
    const c = s.replace(/[\s\p{P}\p{S}]/gu, '');
    const out = new Set<string>();
    for (let i = 0; i + 1 < c.length; i++) out.add(c.slice(i, i + 2));
    return out;
  };
  const ga = grams(a);
  if (ga.size === 0) return 0;
  const gb = grams(b);
  let shared = 0;
  for (const g of ga) if (gb.has(g)) shared++;
  return shared / ga.size;
}

const BYLINE =
  /(\d{4}[-年/.]\d{1,2}|\d{1,2}[-/月]\d{1,2}日?\s+\d{1,2}:\d{2}|(来源|作者|编辑|时间|日期|留言人|发帖人|楼主)[:：]|发布时间|浏览|阅读|[昨前今]天\s*\d|小时前|分钟前|刚刚)/;

/** The chosen container often starts with the headline and the date/source line; they are not body text. */
function dropLeadingHeader(body: string, title: string): string {
  const lines = body.split('\n');
  const t = squash(title);
  let i = 0;
  while (i < Math.min(lines.length, 4)) {
    const line = lines[i] ?? '';
    const isTitle = t !== '' && squash(line) === t;
    const isByline = line.length < 80 && BYLINE.test(line) && !/[。！？]$/.test(line);
    if (!isTitle && !isByline) break;
    i++;
  }
  return lines.slice(i).join('\n');
}
