import type { ExtractedArticle } from '../core/types.js';

// Zero-width and formatting characters that only break matching (ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen).
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
// Every kind of space, including the ideographic space U+3000 and NBSP, that should read as one plain space.
const SPACES = /[\t\v\f \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;
// C0/C1 control characters except the whitespace ones, which SPACES and the line split handle.
const CONTROLS = /[^\P{Cc}\t\n\v\f]/gu;
// Full-width ASCII letters and digits. Full-width punctuation (，：！) is left alone: it is normal Chinese text.
const FULLWIDTH_ALNUM = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g;

function cleanChars(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(INVISIBLE, '')
    .replace(CONTROLS, '')
    .replace(FULLWIDTH_ALNUM, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(SPACES, ' ');
}

/** Clean one line of text (a title, a name): invisible characters removed, whitespace collapsed, trimmed. */
export function normalizeLine(text: string): string {
  return cleanChars(text).replace(/\s+/g, ' ').trim();
}

/** Clean a body: as normalizeLine per paragraph, blank lines dropped, paragraphs joined with "\n". */
export function normalizeBody(text: string): string {
  return cleanChars(text)
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/**
 * Canonical form of an article URL: fragment and utm_* parameters dropped, host lowercased (by URL parsing).
 * Hash routes (`#/…`, `#!…`) are kept because single-page sites use them as the article's address.
 * A string that does not parse as a URL is returned trimmed, unchanged otherwise.
 */
export function normalizeUrl(url: string): string {
  const trimmed = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return trimmed;
  }
  if (!/^#!|^#\//.test(parsed.hash)) parsed.hash = '';
  // Filter the raw query pairs instead of using searchParams, which would re-encode the ones that are kept.
  const kept = parsed.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !/^utm_/i.test(pair));
  parsed.search = kept.length > 0 ? `?${kept.join('&')}` : '';
  return parsed.toString();
}

/**
 * Canonical URL of an item: normalizeUrl, except that a forum reply (one with a parentUrl) keeps its `#anchor`,
 * which is all that tells it apart from its thread and the other replies on the page.
 */
export function normalizeItemUrl(url: string, parentUrl?: string): string {
  const canonical = normalizeUrl(url);
  if (parentUrl === undefined) return canonical;
  const hash = /#[^#]+$/.exec(url.trim())?.[0];
  return hash !== undefined && !canonical.includes('#') ? `${canonical}${hash}` : canonical;
}

/** Text cleanup of an extracted article, safe for Chinese; the URL is canonicalized with normalizeItemUrl. */
export function normalizeArticle(a: ExtractedArticle): ExtractedArticle {
  const out: ExtractedArticle = {
    ...a,
    url: normalizeItemUrl(a.url, a.parentUrl),
    ...(a.parentUrl !== undefined && { parentUrl: normalizeUrl(a.parentUrl) }),
    sourceName: normalizeLine(a.sourceName),
    title: normalizeLine(a.title),
    body: normalizeBody(a.body),
  };
  if (a.author !== undefined) {
    const author = normalizeLine(a.author);
    if (author === '') delete out.author;
    else out.author = author;
  }
  return out;
}
