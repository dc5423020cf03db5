import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FetchError } from '../core/errors.js';
import { renderLines } from './extract/dom.js';
import { loadHtml } from './extract/load-html.js';

/** One entry of an RSS 2.0 / RSS 1.0 (RDF) / Atom feed. */
export interface FeedEntry {
  url: string;
  title: string;
  /** Plain text of the description/summary/content, paragraphs separated by "\n". */
  description: string;
  /** The entry's date as written in the feed (RFC 822 or ISO 8601), unparsed. */
  date?: string;
}

/** A parsed feed. */
export interface ParsedFeed {
  title?: string;
  entries: FeedEntry[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  processEntities: true,
  htmlEntities: true,
  parseTagValue: false,
  trimValues: true,
});

/** Parses an RSS or Atom document; throws FetchError E_FETCH_PARSE when it is neither. */
export function parseFeed(xml: string, feedUrl: string): ParsedFeed {
  const wellFormedXml = wellFormed(xml, feedUrl);
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(wellFormedXml) as Record<string, unknown>;
  } catch (err) {
    throw new FetchError('E_FETCH_PARSE', feedUrl, `not a valid XML feed: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const rss = obj(doc.rss);
  const rdf = obj(doc['rdf:RDF']);
  const atom = obj(doc.feed);
  if (rss || rdf) {
    const channel = obj(rss?.channel) ?? obj(rdf?.channel);
    const items = list(channel?.item ?? rdf?.item);
    return { title: text(channel?.title), entries: items.flatMap((i) => rssEntry(obj(i), feedUrl)) };
  }
  if (atom) {
    return { title: text(atom.title), entries: list(atom.entry).flatMap((e) => atomEntry(obj(e), feedUrl)) };
  }
  throw new FetchError('E_FETCH_PARSE', feedUrl, 'neither RSS nor Atom (no <rss>, <rdf:RDF> or <feed> root)');
}

/** True when the text looks like a feed document (for `search` sources whose answer may be a feed or a page). */
export function looksLikeFeed(text: string, contentType = ''): boolean {
  if (/rss|atom|[/+]xml/i.test(contentType) && !/html/i.test(contentType)) return true;
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(rss|feed|rdf:RDF)[\s>]/i.test(text.slice(0, 2048));
}

/**
 * The document if it is well-formed XML; a bare "&" (the most common feed bug) is escaped first. Anything else
 * broken (unclosed tags, truncation) is E_FETCH_PARSE naming the line and column.
 */
function wellFormed(xml: string, feedUrl: string): string {
  if (XMLValidator.validate(xml) === true) return xml;
  const repaired = xml.replace(/&(?!(?:[a-zA-Z][a-zA-Z0-9]*|#\d+|#x[0-9a-fA-F]+);)/g, '&amp;');
  const result = XMLValidator.validate(repaired);
  if (result === true) return repaired;
  const { msg, line, col } = result.err;
  throw new FetchError('E_FETCH_PARSE', feedUrl, `invalid XML feed at line ${line}, column ${col}: ${msg}`);
}

function rssEntry(item: Record<string, unknown> | undefined, base: string): FeedEntry[] {
  if (!item) return [];
  const guid = obj(item.guid);
  const link = text(item.link) ?? (guid?.['@_isPermaLink'] !== 'false' ? text(item.guid) : undefined);
  const url = absolute(link, base);
  if (!url) return [];
  const description = htmlToText(text(item['content:encoded']) ?? text(item.description) ?? '');
  const date = text(item.pubDate) ?? text(item['dc:date']) ?? text(item.published);
  return [{ url, title: htmlToText(text(item.title) ?? ''), description, ...(date ? { date } : {}) }];
}

function atomEntry(entry: Record<string, unknown> | undefined, base: string): FeedEntry[] {
  if (!entry) return [];
  const links = list(entry.link).map(obj);
  const alternate = links.find((l) => !l?.['@_rel'] || l['@_rel'] === 'alternate') ?? links[0];
  const url = absolute(text(alternate?.['@_href']) ?? text(entry.link), base);
  if (!url) return [];
  const description = htmlToText(text(entry.content) ?? text(entry.summary) ?? '');
  const date = text(entry.published) ?? text(entry.updated) ?? text(entry['dc:date']);
  return [{ url, title: htmlToText(text(entry.title) ?? ''), description, ...(date ? { date } : {}) }];
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function list(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** Text of an XML node that may be a string, a number or an object with #text (attributes present). */
function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number') return String(v);
  const o = obj(v);
  return o ? text(o['#text']) : undefined;
}

function absolute(link: string | undefined, base: string): string | undefined {
  if (!link) return undefined;
  try {
    const u = new URL(link, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** Plain text (one paragraph per line) of an HTML fragment; feed descriptions are usually escaped HTML. */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html.trim();
  const $ = loadHtml(`<div>${html}</div>`);
  const root = $('div').first()[0];
  return root ? renderLines(root).join('\n') : '';
}
