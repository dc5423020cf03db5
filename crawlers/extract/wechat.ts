import type { CheerioAPI } from 'cheerio';
import { DateTime } from 'luxon';
import { type DateParseOptions, parseChineseDate } from '../dates.js';
import type { ExtractedPage } from '../types.js';
import { cleanLines } from './body.js';
import { renderLines, squash } from './dom.js';
import { cleanTitle } from './title.js';

/** True for a WeChat 公众号 article page: an mp.weixin.qq.com/s URL, or the layout (mirrors, saved copies). */
export function isWechatArticle($: CheerioAPI, url = ''): boolean {
  // On the platform's own URL the layout decides even when #js_content is missing (a deleted article):
  // the generic extractor would take the "该内容已被发布者删除" notice or the page chrome for a body.
  if (/^https?:\/\/mp\.weixin\.qq\.com\/s[/?]/.test(url)) return true;
  return $('#js_content').length > 0 && ($('#activity-name').length > 0 || $('#js_name').length > 0);
}

/**
 * Extracts a 公众号 article: h1#activity-name, the account #js_name as site name, em#publish_time or the page's
 * inline `ct` timestamp (the visible time is often relative, e.g. 昨天), and div#js_content as body.
 * Must run before scripts are removed.
 */
export function extractWechat($: CheerioAPI, options: DateParseOptions): ExtractedPage {
  const title = cleanTitle(
    squash($('#activity-name').first().text()) ||
      squash($('meta[property="og:title"]').attr('content') ?? '') ||
      squash($('title').text()),
  );
  const author =
    squash($('#js_author_name').first().text()) ||
    squash($('meta[name="author"]').attr('content') ?? '') ||
    undefined;
  const scripts = $('script')
    .map((_, el) => $(el).text())
    .get()
    .join('\n');
  const siteName = accountName($, scripts);
  const publishedAt = fromTimestamp(scripts, options) ?? parseChineseDate($('#publish_time').text(), options);
  const content = $('#js_content').first()[0];
  const body = content ? cleanLines(renderLines(content)).join('\n') : '';
  return { title, body, siteName, author, ...(publishedAt ? { publishedAt } : {}) };
}

/**
 * The 公众号's name: the profile link #js_name, else the page script's `var nickname = "…"` (templates that
 * render the profile by script), else #post-user (the older and the picture-message templates).
 */
function accountName($: CheerioAPI, scripts: string): string | undefined {
  const fromProfile = squash($('#js_name').first().text());
  if (fromProfile) return fromProfile;
  const m = /\bvar\s+nickname\s*=\s*(?:htmlDecode\()?\s*["']([^"'\n]{1,40})["']/.exec(scripts);
  const fromScript = squash(m?.[1] ?? '');
  return fromScript || squash($('#post-user').first().text()) || undefined;
}

/** The 公众号 page's inline publish timestamp (`var ct = "1581517074"`, `createTime = '…'`). */
export function fromTimestamp(scripts: string, options: DateParseOptions): string | undefined {
  const m = /\bvar\s+ct\s*=\s*"?(\d{10})"?/.exec(scripts) ?? /\bct\s*=\s*"?(\d{10})"?/.exec(scripts);
  if (m?.[1]) {
    const dt = DateTime.fromSeconds(Number(m[1])).setZone(options.timezone);
    if (dt.isValid) return dt.toISO({ suppressMilliseconds: true }) ?? undefined;
  }
  const s = /createTime\s*=\s*['"]([^'"]+)['"]/.exec(scripts);
  return s?.[1] ? parseChineseDate(s[1], options) : undefined;
}
