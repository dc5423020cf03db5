import type { ExtractedPage } from '../types.js';
import { extractBody } from './body.js';
import { removeNoise } from './clean.js';
import { squash } from './dom.js';
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
  const wechat = isWechatArticle($, url) ? extractWechat($, dateOptions) : undefined;
  if (wechat && !selectors.body) return wechat;
  const { title, element } = extractTitle($, selectors.title);
  const near = neighbourhood($, element);
  const publishedAt = extractPublishTime($, near, { ...dateOptions, selector: selectors.time });
  const author = extractAuthor($, `${near.before} ${near.after}`.slice(0, 400));
  // A 公众号's name is a better site name than the platform's og:site_name (微信公众平台).
  const siteName = wechat?.siteName ?? extractSiteName($);
  removeNoise($);
  const body = dropLeadingHeader(extractBody($, selectors.body), title);
  const page: ExtractedPage = { title, body };
  if (publishedAt) page.publishedAt = publishedAt;
  if (author) page.author = author;
  if (siteName) page.siteName = siteName;
  return page;
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
