import iconv from 'iconv-lite';

/** Where the charset used to decode a page came from. */
export type CharsetSource = 'override' | 'bom' | 'header' | 'meta' | 'default' | 'sniffed';

/** A decoded page and the charset that was used. */
export interface DecodedText {
  text: string;
  encoding: string;
  source: CharsetSource;
}

/** Inputs of decodeBody besides the bytes. */
export interface DecodeOptions {
  /** The HTTP Content-Type header value, if any. */
  contentType?: string;
  /** A configured override (source.encoding); wins over everything. */
  override?: string;
}

const META_WINDOW = 4096;

/**
 * Decodes page bytes honouring, in order: override, BOM, Content-Type charset, <meta> charset (unless the bytes
 * are plainly valid UTF-8), else UTF-8 with a GBK fallback.
 */
export function decodeBody(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const override = normaliseCharset(options.override);
  if (override) return { text: decodeAs(buf, override), encoding: override, source: 'override' };
  const bom = detectBom(buf);
  if (bom)
    return { text: decodeAs(buf.subarray(bom.length), bom.encoding), encoding: bom.encoding, source: 'bom' };
  const header = normaliseCharset(charsetFromContentType(options.contentType));
  const meta = normaliseCharset(sniffMetaCharset(buf));
  const declared = header ?? meta;
  if (declared && declared !== 'utf-8') {
    // Sites re-encoded to UTF-8 often keep their old GBK <meta> or header; real GBK text is never long valid UTF-8.
    const utf8 = strictUtf8(buf);
    if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8', source: 'sniffed' };
    return { text: decodeAs(buf, declared), encoding: declared, source: header ? 'header' : 'meta' };
  }
  const utf8 = buf.toString('utf8');
  // Many Chinese servers label GBK pages as UTF-8 (or not at all): fall back when UTF-8 is clearly wrong.
  if (looksMisdecoded(utf8)) {
    for (const candidate of new Set([meta, 'gb18030'])) {
      if (!candidate || candidate === 'utf-8') continue;
      const text = decodeAs(buf, candidate);
      if (countReplacement(text) < countReplacement(utf8))
        return { text, encoding: candidate, source: 'sniffed' };
    }
  }
  return { text: utf8, encoding: 'utf-8', source: header ? 'header' : meta ? 'meta' : 'default' };
}

/** The charset parameter of a Content-Type value, e.g. `text/html; charset=GBK` → `GBK`. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const m = contentType ? /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType) : null;
  return m?.[1];
}

/** The charset declared by `<meta charset>`, `<meta http-equiv="Content-Type">` or `<?xml encoding>` in the first 4 KB. */
export function sniffMetaCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, META_WINDOW)).toString(
    'latin1',
  );
  const direct = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  // Feeds declare their charset in the XML declaration instead.
  const xml = /^\s*<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head);
  return direct?.[1] ?? xml?.[1];
}

/** Maps labels to iconv-lite names; gb2312/gbk are decoded as their superset gb18030. Unknown labels → undefined. */
export function normaliseCharset(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const l = label.trim().toLowerCase().replace(/^x-/, '');
  if (!l) return undefined;
  if (l === 'utf8' || l === 'utf-8' || l === 'unicode-1-1-utf-8') return 'utf-8';
  if (
    [
      'gb2312',
      'gbk',
      'gb18030',
      'cp936',
      'euc-cn',
      'x-gbk',
      'csgb2312',
      'windows-936',
      'hz-gb-2312',
    ].includes(l)
  ) {
    return 'gb18030';
  }
  if (l === 'big5-hkscs' || l === 'big5') return 'big5';
  return iconv.encodingExists(l) ? l : undefined;
}

function decodeAs(buf: Buffer, encoding: string): string {
  if (encoding === 'utf-8') return buf.toString('utf8');
  return iconv.decode(buf, encoding);
}

function detectBom(buf: Buffer): { encoding: string; length: number } | undefined {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

const MIN_MULTIBYTE_CHARS = 8;

/** The text when the bytes are valid UTF-8 with enough multi-byte characters to be sure; else undefined. */
function strictUtf8(buf: Buffer): string | undefined {
  let text: string;
  try {
    // stream: true tolerates a multi-byte character cut at the end by the page-size cap.
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf, { stream: true });
  } catch {
    return undefined;
  }
  let multibyte = 0;
  for (const ch of text) if (ch.charCodeAt(0) > 0x7f && ++multibyte >= MIN_MULTIBYTE_CHARS) return text;
  return undefined;
}

function countReplacement(text: string): number {
  let n = 0;
  for (const ch of text) if (ch === '\uFFFD') n++;
  return n;
}

/** More than a handful of U+FFFD, or over 1% of the text, means the bytes were not UTF-8. */
function looksMisdecoded(text: string): boolean {
  const bad = countReplacement(text);
  return bad > 10 || (bad > 0 && bad / Math.max(1, text.length) > 0.01);
}
