import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { classAndId, countCjk } from './dom.js';

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
  const body = $('body')[0];
  if (!body) return;
  const text = textShares(body);
  const page = text.get(body) ?? { cjk: 0, linked: 0 };
  const doomed: Element[] = [];
  $('body *').each((_, el) => {
    if (isFurniture(el) && !isSubstantial(text.get(el), page)) doomed.push(el);
  });
  for (const el of doomed) $(el).remove();
}

interface TextShare {
  /** CJK characters in the subtree. */
  cjk: number;
  /** Of which inside links. */
  linked: number;
}

/** CJK text and linked CJK text of every element under `root`, in one pass (no per-element re-walk). */
function textShares(root: Element): Map<Element, TextShare> {
  const out = new Map<Element, TextShare>();
  const visit = (el: Element, inLink: boolean): TextShare => {
    const share = { cjk: 0, linked: 0 };
    const link = inLink || el.name === 'a';
    for (const child of el.children) {
      if (child.type === 'text') {
        const n = countCjk((child as { data: string }).data);
        share.cjk += n;
        if (link) share.linked += n;
      } else if (child.type === 'tag') {
        const c = visit(child as Element, link);
        share.cjk += c.cjk;
        share.linked += c.linked;
      }
    }
    out.set(el, share);
    return share;
  };
  visit(root, false);
  return out;
}

function isFurniture(el: Element): boolean {
  if (LAYOUT_TAGS.has(el.name.toLowerCase())) return true;
  const tokens = classAndId(el);
  if (!tokens.trim()) return false;
  return NOISE_RE.test(tokens) && !KEEP_RE.test(tokens);
}

/**
 * Much Chinese text outside links: an article container, not furniture, whatever its class says. Judged by text
 * and link density: 200+ characters at under 30 % linked, or most of the page's unlinked text at under half.
 */
function isSubstantial(share: TextShare | undefined, page: TextShare): boolean {
  if (!share || share.cjk === 0) return false;
  const density = share.linked / share.cjk;
  if (share.cjk >= 200 && density < 0.3) return true;
  const own = share.cjk - share.linked;
  return own >= 40 && own >= 0.5 * (page.cjk - page.linked) && density < 0.5;
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
