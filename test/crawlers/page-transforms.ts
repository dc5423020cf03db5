// Pages of our own making, built at test time by transforming the real labelled pages in ../shared (never copied
// into the repository): other wrapper class names, column headings, site suffixes and markers in the headline,
// by-lines and share bars under the body, comments with their own times, other byline time forms, and a page
// whose body is gone. Each transform says how the page's label changes, so the shared scorer judges the result.
import { createHash } from 'node:crypto';
import { type CheerioAPI, load } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

/** One labelled page as in ../shared/corpus/articles/labels. */
export interface PageLabel {
  page: string;
  title: string;
  publish_time: string | null;
  body_must: string[];
  body_must_not: string[];
  [key: string]: unknown;
}

/** A transformed page and its label. */
export interface TransformedPage {
  name: string;
  html: string;
  label: PageLabel;
  /** Lines the transform put under the body that must not come out in it (checked strictly by the tests). */
  injected: string[];
}

/** The fetch clock the transformed labels assume (a Sunday): relative bylines resolve against it. */
export const TRANSFORM_NOW = new Date('2025-06-01T00:00:00+08:00');

/** Which half a page belongs to: decided by a hash of its name, so the split never depends on what was fitted. */
export function half(name: string): 'in' | 'out' {
  return (createHash('sha256').update(name).digest()[0] ?? 0) % 2 === 0 ? 'in' : 'out';
}

const norm = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[\s\u200b\u3000]+/g, '')
    .replace(/["'“”‘’「」『』]/g, '');

function textOf(node: AnyNode): string {
  if (node.type === 'text') return (node as unknown as { data: string }).data;
  if (!('children' in node)) return '';
  if (node.type === 'script' || node.type === 'style') return '';
  return (node.children as AnyNode[]).map(textOf).join('');
}

function elements($: CheerioAPI): Element[] {
  return $('body *').toArray() as Element[];
}

/** The smallest element holding every body_must snippet: the article's own container. */
function bodyContainer($: CheerioAPI, label: PageLabel): Element | undefined {
  const must = label.body_must.map(norm);
  if (must.length === 0) return undefined;
  let best: Element | undefined;
  let bestLength = Number.POSITIVE_INFINITY;
  for (const el of elements($)) {
    const t = norm(textOf(el));
    if (t.length < bestLength && must.every((m) => t.includes(m))) {
      best = el;
      bestLength = t.length;
    }
  }
  return best;
}

/** True inside an element a reader never sees (a share dialog's copy of the headline, a template). */
function hidden(el: Element): boolean {
  for (let node: Element | null = el; node && node.type === 'tag'; node = node.parent as Element | null) {
    if (/display\s*:\s*none/i.test(node.attribs.style ?? '') || 'hidden' in node.attribs) return true;
  }
  return false;
}

/** The first visible element whose text is the headline (a heading element when there is one). */
function headline($: CheerioAPI, label: PageLabel): Element | undefined {
  const want = norm(label.title);
  const exact = elements($).filter((el) => norm(textOf(el)) === want && !hidden(el));
  let best = exact.find((el) => /^h[1-6]$/.test(el.name)) ?? exact[0];
  // The outermost element with just that text, so that what a transform adds beside it is not inside a title box.
  while (best?.parent && best.parent.type === 'tag' && norm(textOf(best.parent)) === want)
    best = best.parent as Element;
  return best;
}

type Transform = (
  $: CheerioAPI,
  label: PageLabel,
  variant: number,
) => { label: PageLabel; injected?: string[] } | undefined;

const SITES = ['新华网', '中国经济网', '人民网', '澎湃新闻', '青石县人民政府'];
const SEPARATORS = ['-', '_', '——', '|', ' - '];
const COLUMNS = ['新闻动态', '工作动态', '通知公告', '本地要闻', '时政要闻'];
const MARKERS = ['原创 ', '【独家】', '转载｜', '原创丨', '[转载]'];

/** Every wrapper of the body gets a class name with "nav" in it (nav-content, main-nav-wrap...). */
const navWrapper: Transform = ($, label, variant) => {
  const box = bodyContainer($, label);
  if (!box) return undefined;
  const names =
    [
      ['nav-content', 'main-nav-wrap'],
      ['sidebar-main', 'side-wrap'],
      ['nav_con', 'comment-wrap'],
    ][variant % 3] ?? [];
  let el: Element | null = box;
  for (let depth = 0; el && el.type === 'tag' && el.name !== 'body' && depth < 3; depth++) {
    el.attribs.class = names[depth % names.length] ?? 'nav';
    delete el.attribs.id;
    el = el.parent as Element | null;
  }
  return { label };
};

/** The page's <title> is the column's name (gov sites), and a column heading sits above the headline. */
const columnHeading: Transform = ($, label, variant) => {
  const h = headline($, label);
  if (!h) return undefined;
  const column = COLUMNS[variant % COLUMNS.length] ?? '新闻动态';
  const site = SITES[variant % SITES.length] ?? '';
  $('title').text(`${column} - ${site}`);
  $('meta[property="og:title"], meta[name="og:title"]').remove();
  $(h).before(`<div class="column-title"><h2><a href="/xwdt/">${column}</a></h2></div>`);
  $('body').prepend(
    `<ul class="menu-bar"><li><a href="/">首页</a></li><li><a href="/xwdt/">${column}</a></li></ul>`,
  );
  return { label };
};

/** No heading element names the headline; <title> carries it with a site suffix glued on. */
const siteSuffix: Transform = ($, label, variant) => {
  const h = headline($, label);
  if (!h) return undefined;
  const site = SITES[variant % SITES.length] ?? '';
  const sep = SEPARATORS[variant % SEPARATORS.length] ?? '-';
  $('title').text(`${label.title}${sep}${site}`);
  $('meta[property="og:title"], meta[name="og:title"]').remove();
  // The headline stays on the page, but as a plain block that no heading rule recognises.
  h.tagName = 'div';
  h.attribs = { class: 'a-hd' };
  return { label };
};

/** The headline and <title> carry a marker (原创, 转载, 独家) before the words. */
const marker: Transform = ($, label, variant) => {
  const h = headline($, label);
  if (!h) return undefined;
  const m = MARKERS[variant % MARKERS.length] ?? '原创 ';
  $(h).prepend(m);
  const title = $('title').text();
  $('title').text(
    title.includes(label.title) ? title.replace(label.title, `${m}${label.title}`) : `${m}${title}`,
  );
  $('meta[property="og:title"]').attr('content', `${m}${label.title}`);
  return { label };
};

const ORGS = ['县委宣传部', '区融媒体中心', '市纪委监委', '办公室', '团委'];

/** By-lines, editor lines, a "返回…" link and a share bar close the body. */
const trailer: Transform = ($, label, variant) => {
  const box = bodyContainer($, label);
  if (!box) return undefined;
  const org = ORGS[variant % ORGS.length] ?? '';
  const lines = [`（${org}供稿）`, `编辑：王晓 审核：陈诚`, `返回${SITES[variant % SITES.length]}，查看更多`];
  $(box).append(lines.map((l) => `<p>${l}</p>`).join(''));
  $(box).append(
    '<div class="bar-s"><span>分享到：</span><a href="#">微信</a><a href="#">微博</a><a href="#">QQ空间</a></div>',
  );
  return {
    label: {
      ...label,
      body_must_not: [...label.body_must_not, `返回${SITES[variant % SITES.length]}，查看更多`],
    },
    injected: [...lines, '分享到'],
  };
};

/** Drops every machine-readable and visible date near the top, so the byline we write is the only evidence. */
function stripTimes($: CheerioAPI, label: PageLabel): void {
  $('script, time').remove();
  $('meta').each((_, el) => {
    const key = `${el.attribs.name ?? ''} ${el.attribs.property ?? ''} ${el.attribs.itemprop ?? ''}`;
    if (/time|date|pub|creat|update/i.test(key)) $(el).remove();
  });
  const keep = label.body_must.map(norm);
  const dated =
    /(\d{4}\s*[-年/.]\s*\d{1,2})|(\d{1,2}[-/月]\d{1,2}日?\s*\d{1,2}:\d{2})|\d{1,2}:\d{2}|前|昨天|今天/;
  const walk = (node: AnyNode) => {
    if (node.type === 'text') {
      const data = (node as unknown as { data: string }).data;
      const t = norm(data);
      // Only a short block of its own (a byline), never a date that opens a paragraph of the article.
      const block = node.parent ? norm(textOf(node.parent)) : t;
      if (block.length < 80 && dated.test(data) && !keep.some((k) => block.includes(k) || k.includes(t))) {
        (node as unknown as { data: string }).data = '';
      }
      return;
    }
    if ('children' in node) for (const c of node.children as AnyNode[]) walk(c);
  };
  const root = $('body')[0];
  if (root) walk(root);
}

// Byline time forms and the label each gives with the fetch clock at TRANSFORM_NOW (Sunday 2025-06-01 00:00).
const STAMPS: { shown: string; label: string }[] = [
  { shown: '( 2012-06-04 09:20:26 )', label: '2012-06-04 09:20:26' },
  { shown: '半小时前', label: '2025-05-31 23:30' },
  { shown: '昨日 10:20', label: '2025-05-31 10:20' },
  { shown: '三天前', label: '2025-05-29' },
  { shown: '上周三 15:06', label: '2025-05-21 15:06' },
  { shown: '刚刚', label: '2025-06-01 00:00' },
  { shown: '前天 08:00', label: '2025-05-30 08:00' },
  { shown: '发布时间：【2019-03-06 11:05】', label: '2019-03-06 11:05' },
  { shown: '两小时前', label: '2025-05-31 22:00' },
  { shown: '10-08 16:40', label: '2024-10-08 16:40' },
];

/** The byline shows another time form (bracketed, relative, without a year); comments below carry their own. */
const bylineTime: Transform = ($, label, variant) => {
  const h = headline($, label);
  const box = bodyContainer($, label);
  if (!h || !box) return undefined;
  const stamp = STAMPS[variant % STAMPS.length] ?? STAMPS[0];
  if (!stamp) return undefined;
  stripTimes($, label);
  $(h).after(`<div class="a-info"><span>来源：本网</span> <span class="a-t">${stamp.shown}</span></div>`);
  $(box).after(
    `<div class="reply-area"><h3>网友评论</h3>${[1, 2]
      .map(
        (i) =>
          `<div class="reply-item"><span class="reply-user">网友${i}${variant}</span><span class="reply-time">2025-05-3${i} 0${i}:1${i}</span><p>说得对，支持${i}。</p></div>`,
      )
      .join('')}</div>`,
  );
  return { label: { ...label, publish_time: stamp.label } };
};

/** The article's text is gone (a picture story, a script-rendered body): only the description is left. */
const noBody: Transform = ($, label) => {
  const box = bodyContainer($, label);
  const first = label.body_must[0];
  if (!box || !first) return undefined;
  const description = `${first}，详情请见原文。`;
  $('meta[name="description"], meta[property="og:description"]').remove();
  $('head').append(`<meta property="og:description" content="${description}">`);
  $(box).empty().append('<img src="/a.jpg">');
  return { label: { ...label, body_must: [first], body_must_not: [] } };
};

/** The transforms by name. */
export const TRANSFORMS: Record<string, Transform> = {
  'nav-wrapper': navWrapper,
  'column-heading': columnHeading,
  'site-suffix': siteSuffix,
  marker,
  trailer,
  'byline-time': bylineTime,
  'no-body': noBody,
};

/** Every transform applied to one real page (variants rotate by page index); transforms that do not apply are skipped. */
export function transformPage(html: string, label: PageLabel, index: number): TransformedPage[] {
  const out: TransformedPage[] = [];
  for (const [kind, transform] of Object.entries(TRANSFORMS)) {
    const $ = load(html);
    const result = transform($, label, index);
    if (!result) continue;
    const name = `${label.page}~${kind}`;
    out.push({
      name,
      html: $.html(),
      label: { ...result.label, page: name },
      injected: result.injected ?? [],
    });
  }
  return out;
}
