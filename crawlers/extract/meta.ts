import type { CheerioAPI } from 'cheerio';
import { squash } from './dom.js';

/** The site name from og:site_name, application-name or similar meta hints. */
export function extractSiteName($: CheerioAPI): string | undefined {
  const candidates = [
    'meta[property="og:site_name"]',
    'meta[name="og:site_name"]',
    'meta[name="application-name"]',
    'meta[name="apple-mobile-web-app-title"]',
    'meta[name="SiteName"]',
    'meta[name="sitename"]',
  ];
  for (const sel of candidates) {
    const v = squash($(sel).first().attr('content') ?? '');
    if (v && v.length <= 40) return v;
  }
  return undefined;
}

// A label of its own (not 只看该作者), or the usual 本报记者 prefix.
const AUTHOR_RE =
  /(?:(?<![\u4e00-\u9fa5])|本报|本台|本网)(?:作者|记者|撰文|通讯员|文\s*[/|｜])\s*[:：]?\s*([\u4e00-\u9fa5A-Za-z·・]{2,12}(?:、[\u4e00-\u9fa5]{2,4}){0,3})(?![\u4e00-\u9fa5])/;
const SOURCE_RE = /(?:来源|来自|稿源|出处)\s*[:：]\s*([^\s|｜丨/，,。]{2,30})/;

/**
 * The byline: `作者：…`/`记者 …` next to the headline, else meta author, else `来源：…` (the original publisher),
 * since ExtractedArticle has one field for who wrote or published the text.
 */
export function extractAuthor($: CheerioAPI, nearTitle: string): string | undefined {
  const author = AUTHOR_RE.exec(nearTitle)?.[1];
  if (author) return author.trim();
  const meta = squash(
    $('meta[name="author"], meta[property="article:author"]').first().attr('content') ?? '',
  );
  if (meta && meta.length <= 40 && !/^https?:/.test(meta)) return meta;
  return SOURCE_RE.exec(nearTitle)?.[1]?.trim();
}
