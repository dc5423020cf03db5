import type { Element } from 'domhandler';
import { removeNoise } from './extract/clean.js';
import { countCjk, flatText, isElement, squash } from './extract/dom.js';
import { loadHtml } from './extract/load-html.js';

/**
 * Article links of a list page, absolute, de-duplicated, in page order. With a selector, each match is a link
 * or contains one; without, a guess: same-site links whose text reads like a headline, outside page furniture.
 */
export function collectLinks(html: string, pageUrl: string, selector?: string): string[] {
  const $ = loadHtml(html, pageUrl);
  const anchors: Element[] = [];
  if (selector) {
    $(selector).each((_, el) => {
      if (!isElement(el)) return;
      const a = el.name === 'a' ? el : $(el).find('a[href]').first()[0];
      if (a && isElement(a)) anchors.push(a);
    });
  } else {
    removeNoise($);
    $('body a[href]').each((_, a) => {
      if (looksLikeHeadline(a, pageUrl)) anchors.push(a);
    });
  }
  const seen = new Set<string>();
  const out: string[] = [];
  for (const a of anchors) {
    const url = absoluteUrl(a.attribs.href, pageUrl);
    if (!url || url === stripHash(pageUrl) || seen.has(url)) continue;
    seen.add(url);
    out.push(url);
  }
  return out;
}

function looksLikeHeadline(a: Element, pageUrl: string): boolean {
  const text = squash(flatText(a)) || a.attribs.title || '';
  if (countCjk(text) < 6 && text.length < 20) return false;
  const url = absoluteUrl(a.attribs.href, pageUrl);
  if (!url) return false;
  const target = new URL(url);
  const base = new URL(pageUrl);
  if (siteOf(target.hostname) !== siteOf(base.hostname)) return false;
  // Articles live below the site root; "/" and bare channel paths are navigation.
  return target.pathname.length > 1 && target.pathname !== base.pathname;
}

/** The last two labels of a host name (three for *.gov.cn, *.com.cn...), to treat www. and news. as one site. */
function siteOf(host: string): string {
  const parts = host.split('.');
  const n = /^(gov|com|org|edu|net)$/.test(parts[parts.length - 2] ?? '') && parts.length > 2 ? 3 : 2;
  return parts.slice(-n).join('.');
}

/** An http(s) URL resolved against `base`, without its #fragment; undefined for javascript:, mailto: and junk. */
export function absoluteUrl(href: string | undefined, base: string): string | undefined {
  if (!href || /^(javascript|mailto|tel):/i.test(href.trim())) return undefined;
  try {
    const u = new URL(href.trim(), base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    u.hash = '';
    return u.toString();
  } catch {
    return undefined;
  }
}

function stripHash(url: string): string {
  const u = new URL(url);
  u.hash = '';
  return u.toString();
}
