import type { Cheerio, CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { type DateParseOptions, parseChineseDate } from '../dates.js';
import type { ExtractedPage } from '../types.js';
import { cleanLines } from './body.js';
import { isElement, renderLines, squash } from './dom.js';
import { extractSiteName } from './meta.js';
import { stripSiteSuffix } from './title.js';

/** Selectors of one forum layout: posts in page order, and each post's parts. */
export interface ForumLayout {
  title?: string;
  post: string;
  content: string;
  author?: string;
  time?: string;
}

/** One post of a thread page. */
export interface ForumPost extends ExtractedPage {
  /** A stable anchor id: the site's post id when it has one, else the floor number. */
  anchor: string;
}

/** A thread page: its first post (the thread itself) and the replies shown on the page. */
export interface ForumThread {
  thread: ExtractedPage;
  replies: ForumPost[];
}

// Discuz! (most Chinese city forums), phpBB and 百度贴吧; a configured layout goes first.
const LAYOUTS: ForumLayout[] = [
  {
    title: '#thread_subject',
    post: '#postlist > div[id^="post_"]',
    content: '[id^="postmessage_"]',
    author: '.pls .authi a, .authi a.xw1',
    time: '[id^="authorposton"], .pi .authi em, .authi em',
  },
  {
    title: 'h2.topic-title, h3.first',
    post: 'div.post[id^="p"]',
    content: '.postbody .content',
    author: '.author .username, .author strong',
    time: '.author time, p.author',
  },
  {
    title: '.core_title_txt, h3.core_title_txt, h1.core_title_txt',
    post: '.l_post',
    content: '.d_post_content',
    author: '.d_name a, .p_author_name',
    time: '.tail-info:last-child, .post-tail-wrap .tail-info',
  },
];

/** Thread URLs of common forum software (Discuz!, phpBB, phpwind, 贴吧, Discourse...). */
const THREAD_URL =
  /thread-\d+-\d+|viewthread|mod=viewthread|viewtopic\.php|read\.php\?tid=|showtopic|tieba\.baidu\.com\/p\/|\/t\/[^/]+\/\d+|\/thread\/\d+/i;

/** True when the URL looks like a forum thread. */
export function isThreadUrl(url: string): boolean {
  return THREAD_URL.test(url);
}

/**
 * Extracts a forum thread: the first post as the thread (title, time, author, text) and each further post on the
 * page as a reply. Undefined when the page has no recognised post list (then the generic extractor runs).
 */
export function extractForumThread(
  $: CheerioAPI,
  url: string,
  options: DateParseOptions & { layout?: ForumLayout },
): ForumThread | undefined {
  const layouts = options.layout ? [options.layout, ...LAYOUTS] : LAYOUTS;
  for (const layout of layouts) {
    const posts = $(layout.post).filter((_, el) => $(el).find(layout.content).length > 0);
    if (posts.length === 0) continue;
    // A single post only counts as a thread on a thread URL or with a known title element.
    if (posts.length === 1 && !isThreadUrl(url) && !(layout.title && $(layout.title).length > 0)) continue;
    const parsed = posts
      .toArray()
      .filter(isElement)
      .map((el, i) => readPost($, el, i, layout, options));
    const [first, ...rest] = parsed;
    if (!first?.body) continue;
    const siteName = extractSiteName($);
    const title = threadTitle($, layout) || first.body.split('\n')[0]?.slice(0, 40) || '';
    const thread: ExtractedPage = { ...withoutAnchor(first), title };
    if (siteName) thread.siteName = siteName;
    return { thread, replies: rest.filter((p) => p.body) };
  }
  return undefined;
}

function threadTitle($: CheerioAPI, layout: ForumLayout): string {
  const fromLayout = layout.title ? squash($(layout.title).first().text()) : '';
  return fromLayout || stripSiteSuffix(squash($('title').first().text()));
}

function readPost(
  $: CheerioAPI,
  el: Element,
  index: number,
  layout: ForumLayout,
  options: DateParseOptions,
): ForumPost {
  const post = $(el);
  const content = post.find(layout.content).first();
  // Quotes repeat other posts; signatures and edit notes are not what the poster said here.
  content.find('.quote, blockquote, .pstatus, .sign, script, style').remove();
  const root = content[0];
  const body = root && isElement(root) ? postLines(renderLines(root)).join('\n') : '';
  const author = layout.author ? squash(post.find(layout.author).first().text()) : '';
  const publishedAt = postTime(post, layout, options);
  const page: ForumPost = { anchor: anchorOf(el, index), title: '', body };
  if (author) page.author = author;
  if (publishedAt) page.publishedAt = publishedAt;
  return page;
}

/**
 * A post's lines without page furniture. The edge rules that drop a short last line (a topic tag under an
 * article) would empty a one-line reply (顶, 同感, 已投诉): what remains of such a post is the post.
 */
function postLines(lines: string[]): string[] {
  const cleaned = cleanLines(lines);
  return cleaned.length > 0 ? cleaned : lines.filter((l) => /[\p{L}\p{N}]/u.test(l));
}

function postTime(
  post: Cheerio<Element>,
  layout: ForumLayout,
  options: DateParseOptions,
): string | undefined {
  const candidates = layout.time ? post.find(layout.time).toArray() : [];
  for (const c of candidates) {
    const node = post.find(c);
    const text = `${node.attr('title') ?? ''} ${node.attr('datetime') ?? ''} ${node.text()}`;
    const parsed = parseChineseDate(text, options);
    if (parsed) return parsed;
  }
  return undefined;
}

function anchorOf(el: Element, index: number): string {
  const raw = el.attribs['data-pid'] ?? el.attribs.id ?? '';
  const digits = /(\d+)/.exec(raw)?.[1];
  return digits ? `post-${digits}` : `floor-${index + 1}`;
}

function withoutAnchor(post: ForumPost): ExtractedPage {
  const { anchor: _anchor, ...page } = post;
  return page;
}
