import iconv from 'iconv-lite';
import { findItem, itemsOf } from './content/index.js';
import type { DemoItem, DemoSection } from './content/types.js';
import type { ReceivedHook } from './hook-sink.js';
import type { ReceivedMail } from './mail-catcher.js';
import { renderForumList, renderForumThread } from './render/forum.js';
import { renderGbkArticle, renderGbkList } from './render/gbk.js';
import type { RenderContext } from './render/html.js';
import { renderFeed, renderMpArticle } from './render/mp.js';
import { renderNewsArticle, renderNewsList } from './render/news.js';
import { renderHooks, renderIndex, renderMail, renderNotFound } from './render/service-pages.js';
import { renderSpaArticle, renderSpaList } from './render/spa.js';

/** A response of the demo site before it is written. */
export interface PageResponse {
  status: number;
  contentType: string;
  body: string | Buffer;
  location?: string;
}

/** What GET routes read besides the static content. */
export interface RouteState extends RenderContext {
  smtpPort?: number;
  hooks(): ReceivedHook[];
  mails(): ReceivedMail[];
}

const HTML = 'text/html; charset=utf-8';
const html = (body: string, status = 200): PageResponse => ({ status, contentType: HTML, body });
// The GBK site declares its charset only in <meta>: the header deliberately has none.
const gbk = (body: string): PageResponse => ({
  status: 200,
  contentType: 'text/html',
  body: iconv.encode(body, 'gbk'),
});
const json = (value: unknown): PageResponse => ({
  status: 200,
  contentType: 'application/json; charset=utf-8',
  body: JSON.stringify(value),
});

const ARTICLE_RENDERERS: Record<DemoSection, (item: DemoItem, ctx: RenderContext) => PageResponse> = {
  news: (item, ctx) => html(renderNewsArticle(item, ctx)),
  forum: (item, ctx) => html(renderForumThread(item, ctx)),
  mp: (item, ctx) => html(renderMpArticle(item, ctx)),
  gbk: (item, ctx) => gbk(renderGbkArticle(item, ctx)),
  spa: (item, ctx) => html(renderSpaArticle(item, ctx)),
};

const SECTION_ROOTS = ['/news', '/forum', '/gbk', '/spa', '/hooks', '/mail'];

/** Answer a GET for `path` (query parameters in `query`). */
export function routeGet(path: string, query: URLSearchParams, state: RouteState): PageResponse {
  switch (path) {
    case '/':
    case '/index.html':
      return html(renderIndex(state.smtpPort !== undefined ? { smtpPort: state.smtpPort } : {}));
    case '/robots.txt':
      return {
        status: 200,
        contentType: 'text/plain; charset=utf-8',
        body: 'User-agent: *\nDisallow: /private/\n',
      };
    case '/news/':
      return html(renderNewsList(itemsOf('news'), state));
    case '/forum/':
      return html(renderForumList(itemsOf('forum'), state));
    case '/feed.xml':
      return {
        status: 200,
        contentType: 'application/rss+xml; charset=utf-8',
        body: renderFeed(itemsOf('mp'), state),
      };
    case '/gbk/':
      return gbk(renderGbkList(itemsOf('gbk'), state));
    case '/spa/':
      return html(renderSpaList(itemsOf('spa'), state));
    case '/hooks/':
      return query.get('format') === 'json' ? json(state.hooks()) : html(renderHooks(state.hooks()));
    case '/mail/':
      return query.get('format') === 'json'
        ? json(state.mails())
        : html(renderMail(state.mails(), state.smtpPort));
  }
  if (SECTION_ROOTS.includes(path)) return { status: 301, contentType: HTML, body: '', location: `${path}/` };
  const item = findItem(path);
  if (item) return ARTICLE_RENDERERS[item.section](item, state);
  return html(renderNotFound(path), 404);
}
