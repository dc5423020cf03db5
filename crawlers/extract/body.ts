import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { isBoilerplateLine } from '../../pipeline/boilerplate.js';
import { BLOCK_TAGS, countCjk, isElement, isText, renderLines } from './dom.js';

interface Stats {
  /** Non-whitespace characters. */
  chars: number;
  /** Of which inside <a>. */
  linkChars: number;
  /** Chinese and ASCII sentence punctuation: a sign of prose rather than lists. */
  punct: number;
  links: number;
}

const PUNCT = /[，。！？；、：,.!?;]/g;
const CONTAINER_TAGS = new Set(['div', 'article', 'section', 'main', 'td', 'body', 'font', 'span', 'center']);

/**
 * Picks the article body by text density: paragraphs with much prose and few links give points to their container
 * (full) and its parent (half); the container with most points, discounted by link density, wins. Returns the
 * text with one paragraph per line, link lists inside it removed.
 */
export function extractBody($: CheerioAPI, selector?: string): string {
  if (selector) {
    const el = $(selector).first()[0];
    if (el && isElement(el))
      return cleanLines(renderLines(el, (e) => isLinkList(e, computeStats(e)))).join('\n');
  }
  const root = $('body')[0] ?? $.root().children()[0];
  if (!root || !isElement(root)) return '';
  const stats = new Map<Element, Stats>();
  collectStats(root, false, stats);
  const scores = new Map<Element, number>();
  const credit = (from: Element | null, points: number, first = 1) => {
    let node: AnyNode | null = from;
    for (let depth = 0; depth < 3 && node && isElement(node); depth++) {
      scores.set(node, (scores.get(node) ?? 0) + (depth === 0 ? points * first : points / (depth + 1)));
      node = node.parent;
    }
  };
  for (const [el, s] of stats) {
    if (isParagraph(el)) {
      const points = paragraphPoints(s);
      if (points === 0) continue;
      credit(el.parent as Element | null, points);
      // A text block laid out with <br> is its own container; a slight edge keeps its parent from tying with it.
      if (el.name !== 'p' && CONTAINER_TAGS.has(el.name))
        scores.set(el, (scores.get(el) ?? 0) + points * 1.1);
    } else {
      // Loose text between block children (text + <br> directly in a div) counts for the div itself.
      for (const run of inlineRuns(el, stats)) credit(el, paragraphPoints(run));
    }
  }
  let best: Element | undefined;
  let bestScore = 0;
  for (const [el, raw] of scores) {
    const s = stats.get(el);
    if (!s) continue;
    const score = raw * (1 - s.linkChars / Math.max(1, s.chars));
    if (score > bestScore) {
      bestScore = score;
      best = el;
    }
  }
  if (!best) return cleanLines(renderLines(root)).join('\n');
  const skip = (e: Element) => isLinkList(e, stats.get(e) ?? computeStats(e));
  return cleanLines(renderLines(best, skip)).join('\n');
}

function paragraphPoints(s: Stats): number {
  const own = s.chars - s.linkChars;
  if (own < 20 || s.linkChars / Math.max(1, s.chars) > 0.5) return 0;
  return 1 + s.punct + Math.min(Math.floor(own / 80), 5);
}

/** Stats of the runs of inline content between the block children of an element. */
function inlineRuns(el: Element, stats: Map<Element, Stats>): Stats[] {
  const runs: Stats[] = [];
  let run: Stats = { chars: 0, linkChars: 0, punct: 0, links: 0 };
  const close = () => {
    if (run.chars > 0) runs.push(run);
    run = { chars: 0, linkChars: 0, punct: 0, links: 0 };
  };
  for (const child of el.children) {
    if (isText(child)) {
      run.chars += child.data.replace(/[\s\u00a0\u3000]+/g, '').length;
      run.punct += child.data.match(PUNCT)?.length ?? 0;
    } else if (isElement(child) && child.type === 'tag') {
      const name = child.name.toLowerCase();
      if (BLOCK_TAGS.has(name) || name === 'br') {
        close();
        continue;
      }
      const c = stats.get(child);
      if (!c) continue;
      run.chars += c.chars;
      run.linkChars += c.linkChars;
      run.punct += c.punct;
      run.links += c.links;
    }
  }
  close();
  return runs;
}

function collectStats(node: Element, inLink: boolean, out: Map<Element, Stats>): Stats {
  const s: Stats = { chars: 0, linkChars: 0, punct: 0, links: 0 };
  const link = inLink || node.name === 'a';
  if (node.name === 'a') s.links++;
  for (const child of node.children) {
    if (isText(child)) {
      const n = child.data.replace(/[\s\u00a0\u3000]+/g, '').length;
      s.chars += n;
      if (link) s.linkChars += n;
      s.punct += child.data.match(PUNCT)?.length ?? 0;
    } else if (isElement(child) && child.type === 'tag') {
      const c = collectStats(child, link, out);
      s.chars += c.chars;
      s.linkChars += c.linkChars;
      s.punct += c.punct;
      s.links += c.links;
    }
  }
  out.set(node, s);
  return s;
}

function computeStats(el: Element): Stats {
  return collectStats(el, false, new Map());
}

/** A <p>, or a block whose children are all inline (text laid out with <br> in a div or td). */
function isParagraph(el: Element): boolean {
  const name = el.name.toLowerCase();
  if (name === 'p' || name === 'pre' || name === 'blockquote') return true;
  if (!CONTAINER_TAGS.has(name) || name === 'body') return false;
  return !el.children.some((c: AnyNode) => isElement(c) && BLOCK_TAGS.has(c.name.toLowerCase()));
}

/** A block that is mostly links (related headlines, tag clouds, share bars) inside the chosen container. */
function isLinkList(el: Element, s: Stats): boolean {
  if (el.name === 'a' || el.name === 'p') return false;
  if (s.links < 2) return false;
  const density = s.linkChars / Math.max(1, s.chars);
  return density > 0.6 || (density > 0.4 && s.punct < 2 && s.links >= 3);
}

// Lines around the article that are not part of it: editor, source, share and copyright notes.
const BOILERPLATE =
  /^(责任编辑|编辑|责编|校对|审核|审校|监制|策划|采写|执笔|供稿|来源|本文来源|文章来源|原标题|（原标题|\(原标题|声明|分享到|分享至|扫一扫|【纠错】|返回搜狐|点击进入|阅读原文|关注我们|相关阅读|相关新闻|延伸阅读|相关资讯|此前报道|相关报道)/;
// Disclaimers can be long; they are never article text.
const DISCLAIMER = /^【?(免责声明|特别声明|版权声明|郑重声明)/;
// A heading that starts a block of recommended or related stories: the article ends before it.
const STORIES_AFTER =
  /^(延伸\s*[·・]?\s*推荐|相关阅读|相关新闻|相关文章|相关推荐|相关报道|推荐阅读|延伸阅读|热门推荐|猜你喜欢|更多精彩|精彩推荐|热点推荐|往期回顾|往期推荐|点击排行)\s*[:：]?$/;

/** Cuts the body at a related-stories heading and drops boilerplate lines at its start and end. */
export function cleanLines(lines: string[]): string[] {
  const cut = lines.findIndex((l, i) => i > 0 && STORIES_AFTER.test(l));
  const out = cut > 0 ? lines.slice(0, cut) : [...lines];
  while (out.length && isEdgeNoise(out[0] ?? '')) out.shift();
  while (out.length && (isEdgeNoise(out[out.length - 1] ?? '') || isTrailingTag(out[out.length - 1] ?? ''))) {
    out.pop();
  }
  return out.filter(
    (l, i) =>
      !((i < 3 || i > out.length - 6) && ((l.length < 40 && BOILERPLATE.test(l)) || isBoilerplateLine(l))),
  );
}

function isEdgeNoise(line: string): boolean {
  if ((BOILERPLATE.test(line) && line.length < 80) || DISCLAIMER.test(line) || isBoilerplateLine(line))
    return true;
  // A line with no Chinese and no letters (a separator, a lone date, a page counter) says nothing at the edges.
  return countCjk(line) === 0 && !/[a-z]{3}/i.test(line);
}

/** A very short last line without sentence punctuation is a tag or a topic link (聚焦香港局势), not a paragraph. */
function isTrailingTag(line: string): boolean {
  return line.length < 10 && !/[。！？!?…）)」”"]$/.test(line);
}
