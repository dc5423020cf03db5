import type { SourceConfig } from '../config/schema.js';
import type { DateParseOptions } from './dates.js';
import { extractArticle } from './extract/article.js';
import { extractForumThread } from './extract/forum.js';
import { loadHtml } from './extract/load-html.js';
import type { ExtractedPage } from './types.js';

/** One item found on a fetched page: the page itself, or a forum reply with its own anchor URL. */
export interface PageItem {
  url: string;
  page: ExtractedPage;
  /** Set for forum replies: the thread's URL. */
  parentUrl?: string;
}

const SNIPPET = 30;

/**
 * The items of one fetched page: a forum thread gives the thread (first post) and one item per reply on the
 * page; any other page (news, 公众号...) gives one article. Configured article.body selectors win over forum
 * detection. Pure.
 */
export function extractPageItems(
  html: string,
  url: string,
  source: Pick<SourceConfig, 'article' | 'forum'>,
  options: DateParseOptions,
): PageItem[] {
  if (source.forum || !source.article?.body) {
    const $ = loadHtml(html, url);
    const thread = extractForumThread($, url, {
      ...options,
      ...(source.forum ? { layout: source.forum } : {}),
    });
    if (thread) {
      const base = url.replace(/#.*$/, '');
      return [
        { url: base, page: thread.thread },
        ...thread.replies.map((reply) => ({
          url: `${base}#${reply.anchor}`,
          parentUrl: base,
          // The reply's own words, not the thread's headline: a headline's risk words must not score every reply.
          page: { ...reply, title: replyTitle(reply.body), siteName: thread.thread.siteName },
        })),
      ];
    }
  }
  return [{ url, page: extractArticle(html, url, { ...options, selectors: source.article }) }];
}

function replyTitle(body: string): string {
  const first = body.split('\n')[0] ?? '';
  const snippet = [...first].length > SNIPPET ? `${[...first].slice(0, SNIPPET).join('')}…` : first;
  return `回复：${snippet}`;
}
