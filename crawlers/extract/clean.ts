import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { classAndId, countCjk, flatText, isElement } from './dom.js';

const ALWAYS_DROP =
  'script, style, noscript, iframe, svg, canvas, template, object, embed, select, button, textarea, input, link, meta';
const LAYOUT_TAGS = new Set(['nav', 'header', 'footer', 'aside']);

// Class/id words of page furniture around an article (navigation, share bars, related and hot lists, comments...).
// biome-ignore format: a word list
const NOISE_WORDS = [
  'nav', 'navbar', 'menu', 'topbar', 'header', 'footer', 'foot', 'sidebar', 'side', 'aside', 'breadcrumb', 'crumb',
  'crumbs', 'share', 'sharebox', 'bdshare', 'comment', 'comments', 'related', 'relate', 'recommend', 'recommends',
  'hot', 'hotnews', 'rank', 'ranking', 'copyright', 'ad', 'ads', 'advert', 'advertisement', 'banner', 'toolbar',
  'login', 'pager', 'pagination', 'tags', 'keywords', 'xgxw', 'xiangguan', 'tuijian', 'paihang', 'qrcode', 'ewm',
  'weixin-code', 'focus', 'gotop', 'backtop', 'right', 'left-nav', 'statement', 'disclaimer', 'more', 'list-more',
];
const NOISE_RE = new RegExp(`(^|[\\s_-])(${NOISE_WORDS.join('|')})(?=$|[\\s_-]|\\d)`);
// Tokens that mark the article itself; an element carrying one is never dropped as noise.
const KEEP_RE =
  /(^|[\s_-])(article|content|main|post|text|detail|body|story|news-content|artical)(?=$|[\s_-])/;

/**
 * Removes scripts, comments, hidden elements and page furniture (nav/header/footer/aside and elements whose
 * class/id says share, related, comment...). A furniture element that holds much low-link-density Chinese text
 * is kept: on some sites the whole page sits in a wrapper with such a class.
 */
export function removeNoise($: CheerioAPI): void {
  $(ALWAYS_DROP).remove();
  $('[hidden], [aria-hidden="true"]').remove();
  $('[style]').each((_, el) => {
    if (/display\s*:\s*none/i.test(el.attribs.style ?? '')) $(el).remove();
  });
  // Not cheerio's contents(): it concatenates arrays per element, quadratic on a page of 10 000 links.
  const root = $.root()[0];
  if (root) $(commentsUnder(root)).remove();
  const doomed: Element[] = [];
  $('body *').each((_, el) => {
    if (isFurniture(el) && !isSubstantial(el)) doomed.push(el);
  });
  for (const el of doomed) $(el).remove();
}

function isFurniture(el: Element): boolean {
  if (LAYOUT_TAGS.has(el.name.toLowerCase())) return true;
  const tokens = classAndId(el);
  if (!tokens.trim()) return false;
  return NOISE_RE.test(tokens) && !KEEP_RE.test(tokens);
}

/** Much Chinese text outside links: an article container, not furniture. */
function isSubstantial(el: Element): boolean {
  const text = flatText(el);
  const cjk = countCjk(text);
  if (cjk < 200) return false;
  let linked = 0;
  for (const a of findAll(el, 'a')) linked += countCjk(flatText(a));
  return linked / cjk < 0.3;
}

/** All descendant elements with the given tag name. */
export function findAll(root: Element, tag: string): Element[] {
  const out: Element[] = [];
  const walk = (node: AnyNode) => {
    if (!isElement(node)) return;
    if (node !== root && node.name.toLowerCase() === tag) out.push(node);
    for (const child of node.children) walk(child);
  };
  walk(root);
  return out;
}

/** Every comment node under `root`, found without recursion. */
function commentsUnder(root: AnyNode): AnyNode[] {
  const found: AnyNode[] = [];
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) break;
    if (node.type === 'comment') found.push(node);
    else if ('children' in node) for (const child of node.children) stack.push(child);
  }
  return found;
}
