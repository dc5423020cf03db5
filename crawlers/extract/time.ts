import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { type DateParseOptions, parseChineseDate } from '../dates.js';
import { classAndId, flatText, isElement, isText, squash } from './dom.js';
import { fromTimestamp } from './wechat.js';

const META_NAMES = [
  'article:published_time', 'og:article:published_time', 'og:published_time', 'og:release_date', 'pubdate',
  'publishdate', 'pubDate', 'PubDate', 'publish_date', 'publish-date', 'publishtime', 'datePublished', 'dc.date',
  'dc.date.issued', 'DC.date.issued', 'sailthru.date', 'weibo: article:create_at', 'release_date', 'created',
  'article.published', 'published_time', 'firstpublishedtime', 'apub:time', 'dateUpdate',
]; // biome-ignore format: a word list

const BODY_TEXT_LENGTH = 80;
// Plain 时间/日期 only as a label of its own: 注册时间 (a forum member's join date) is not a publish time.
const LABELLED =
  /(?:发布时间|发布日期|发表时间|发表日期|发布于|发表于|更新时间|(?<![\u4e00-\u9fa5])(?:时间|日期))\s*[:：]?\s*/;
const TIME_CLASS =
  /(^|[\s_-])(time|date|pubtime|pub-time|pubdate|publish|publishtime|post-time|posttime|fbsj|datetime|article-time|info|meta|source|byline)/;

/** Text just after the headline in document order (the byline area), and a little before it. */
export interface TitleNeighbourhood {
  after: string;
  before: string;
}

/** Collects up to `size` characters of text after and before an element, crossing element boundaries. */
export function neighbourhood($: CheerioAPI, element: Element | undefined, size = 400): TitleNeighbourhood {
  if (!element) return { after: '', before: '' };
  const texts: { node: AnyNode; text: string }[] = [];
  const walk = (node: AnyNode) => {
    if (isText(node)) {
      const text = squash(node.data);
      if (text) texts.push({ node, text });
    } else if (isElement(node) && node.type === 'tag') for (const c of node.children) walk(c);
  };
  const root = $('body')[0] ?? $.root()[0];
  if (root) walk(root);
  const inside = new Set<AnyNode>();
  const mark = (node: AnyNode) => {
    inside.add(node);
    if (isElement(node)) for (const c of node.children) mark(c);
  };
  mark(element);
  const first = texts.findIndex((t) => inside.has(t.node));
  let last = -1;
  texts.forEach((t, i) => {
    if (inside.has(t.node)) last = i;
  });
  if (first < 0) return { after: '', before: '' };
  let after = '';
  // The byline is a run of short texts; the first sentence-long text is the body, whose dates are events.
  for (let i = last + 1; i < texts.length && after.length < size; i++) {
    const text = texts[i]?.text ?? '';
    if (text.length > BODY_TEXT_LENGTH || isSentence(text)) break;
    after += ` ${text}`;
  }
  let before = '';
  for (let i = first - 1; i >= 0 && before.length < size / 2; i--)
    before = `${texts[i]?.text ?? ''} ${before}`;
  return { after: squash(after).slice(0, size), before: squash(before).slice(-size / 2) };
}

/** A full sentence of prose ("最近，……经理。"): the body has begun, and its dates are the story's events. */
function isSentence(text: string): boolean {
  return text.length >= 16 && /[。！？]["”’）)]?$/.test(text) && /[，,]/.test(text);
}

/**
 * Finds the publish time: a time selector when configured; else the date shown next to the headline
 * (`发布时间：…` first); else meta tags and JSON-LD datePublished; else elements whose class/id says time/date.
 */
export function extractPublishTime(
  $: CheerioAPI,
  near: TitleNeighbourhood,
  options: DateParseOptions & { selector?: string },
): string | undefined {
  if (options.selector) {
    const el = $(options.selector).first();
    const parsed = parseChineseDate(el.attr('datetime') ?? el.attr('content') ?? el.text(), options);
    if (parsed) return parsed;
  }
  const visible = fromText(near.after, options, true);
  const meta = fromMeta($, options) ?? fromJsonLd($, options) ?? fromScriptData($, options);
  // A byline without a year (09-30 22:46) or a relative one (昨天) is a guess; machine-readable data is not.
  if (visible?.weak && meta) return meta;
  // The byline shows the precision people read; meta wins only when it says the same day more precisely.
  if (
    visible &&
    meta &&
    visible.iso.slice(0, 10) === meta.slice(0, 10) &&
    visible.iso.slice(11, 19) === '00:00:00'
  ) {
    return meta;
  }
  // Text just above the headline may be the page header's "today" rather than the article's date: last resort.
  return (
    visible?.iso ??
    meta ??
    fromText(near.before.slice(-80), options, false)?.iso ??
    fromLabelledAnywhere($, options) ??
    fromTimeElements($, options)
  );
}

interface VisibleDate {
  iso: string;
  /** No explicit year in the text: the year was assumed (or the date was relative). */
  weak: boolean;
}

/** The first date in a byline window; a `发布时间：` label wins over an unlabelled date. */
function fromText(text: string, options: DateParseOptions, labelFirst: boolean): VisibleDate | undefined {
  const labelled = labelFirst ? LABELLED.exec(text) : null;
  const windows = [text.slice(0, 160)];
  if (labelled) windows.unshift(text.slice(labelled.index + labelled[0].length).slice(0, 60));
  let weak: VisibleDate | undefined;
  for (const [i, w] of windows.entries()) {
    const iso = parseChineseDate(w, options);
    if (!iso) continue;
    const found = { iso, weak: !/(19|20)\d\d\s*[-年/.]/.test(w) };
    // A labelled date (发表于 昨天 12:30) beats an unlabelled full date nearby (a member's join date).
    if (!found.weak || (labelled && i === 0)) return found;
    weak ??= found;
  }
  return weak;
}

/** `发布日期：2019-03-06` anywhere on the page (some sites put it under the body). */
function fromLabelledAnywhere($: CheerioAPI, options: DateParseOptions): string | undefined {
  const text = squash($('body').text());
  for (const m of text.matchAll(/(?:发布时间|发布日期|发表时间|发表日期)\s*[:：]\s*/g)) {
    const parsed = parseChineseDate(text.slice((m.index ?? 0) + m[0].length).slice(0, 40), options);
    if (parsed) return parsed;
  }
  return undefined;
}

/**
 * A publish date in the page's embedded JSON state (single-page apps render the byline from it), or a 公众号
 * layout's inline timestamp when the page is no longer recognised as one (a mirror with other class names).
 */
function fromScriptData($: CheerioAPI, options: DateParseOptions): string | undefined {
  let found: string | undefined;
  $('script').each((_, el) => {
    const script = flatScript(el);
    const m =
      /"(?:publishDate|datePublished|publish_time|publishTime|pubDate|pubtime)"\s*:\s*"([^"]{8,40})"/.exec(
        script,
      );
    found = m?.[1] ? parseChineseDate(m[1], options) : fromTimestamp(script, options);
    return found ? false : undefined;
  });
  return found;
}

function fromMeta($: CheerioAPI, options: DateParseOptions): string | undefined {
  // One pass collects the meta tags; a selector query per name walked the whole document 24 times.
  const metas = $('meta').toArray();
  for (const name of META_NAMES) {
    const el = metas.find(
      (m) => m.attribs.property === name || m.attribs.name === name || m.attribs.itemprop === name,
    );
    const content = el?.attribs.content;
    const parsed = content ? parseChineseDate(content, options) : undefined;
    if (parsed) return parsed;
  }
  const timeEl = $('time[datetime]').first().attr('datetime');
  return timeEl ? parseChineseDate(timeEl, options) : undefined;
}

function fromJsonLd($: CheerioAPI, options: DateParseOptions): string | undefined {
  let found: string | undefined;
  $('script[type="application/ld+json"]').each((_, el) => {
    const m = /"datePublished"\s*:\s*"([^"]+)"/.exec(flatScript(el));
    const parsed = m?.[1] ? parseChineseDate(m[1], options) : undefined;
    if (parsed) {
      found = parsed;
      return false;
    }
    return undefined;
  });
  return found;
}

function fromTimeElements($: CheerioAPI, options: DateParseOptions): string | undefined {
  let found: string | undefined;
  $('body *').each((_, el) => {
    if (!TIME_CLASS.test(classAndId(el)) || inComments(el)) return undefined;
    const text = squash(flatText(el));
    if (text.length > 120) return undefined;
    found = parseChineseDate(text, options);
    return found ? false : undefined;
  });
  return found;
}

// Class/id words of a comment or reply area: its times are the readers', not the article's.
const COMMENT_CLASS =
  /(^|[\s_-])(comment|comments|cmt|reply|replies|pinglun|huifu|review|reviews|discuss|discussion)(?=$|[\s_-]|\d)/;

/** True when the element sits in a comment or reply area. */
function inComments(el: Element): boolean {
  for (let node: Element | null = el; node && isElement(node); node = node.parent as Element | null) {
    if (COMMENT_CLASS.test(classAndId(node))) return true;
  }
  return false;
}

function flatScript(el: Element): string {
  return el.children.map((c) => (isText(c) ? c.data : '')).join('');
}
