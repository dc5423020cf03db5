import iconv from 'iconv-lite';

/** The parts of a received mail the demo's /mail/ page shows. */
export interface ParsedMail {
  subject: string;
  /** The From header, encoded words decoded. */
  from: string;
  /** The To header, encoded words decoded. */
  to: string;
  /** The text/plain part (or, failing that, the text/html part without tags), decoded. */
  text?: string;
  /** Every leaf part, decoded with its charset, in message order. */
  parts: MimePart[];
}

/** One leaf part of a message. */
export interface MimePart {
  /** Lower-case media type, e.g. text/html. */
  contentType: string;
  text: string;
  attachment: boolean;
}

// Entities are handled as latin1 strings so that one char is one byte until a charset is known.
const ENCODED_WORD = /=\?([^?*]+)(?:\*[^?]*)?\?([BbQq])\?([^?]*)\?=/g;
const ENCODED_RUN = /=\?[^?]+\?[BbQq]\?[^?]*\?=(?:\s*=\?[^?]+\?[BbQq]\?[^?]*\?=)*/g;
const MAX_DEPTH = 5;

function decodeBytes(bytes: Buffer, charset: string): string {
  const cs = charset.trim().toLowerCase();
  return iconv.encodingExists(cs) ? iconv.decode(bytes, cs) : bytes.toString('utf8');
}

function qpBytes(text: string, underscoreIsSpace: boolean): Buffer {
  const soft = text.replace(/=\r?\n/g, '');
  const src = underscoreIsSpace ? soft.replace(/_/g, ' ') : soft;
  const decoded = src.replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
  return Buffer.from(decoded, 'latin1');
}

/** Decode RFC 2047 encoded words; adjacent words of one charset are joined before decoding (split chars). */
export function decodeHeaderValue(value: string): string {
  const utf8 = Buffer.from(value, 'latin1').toString('utf8');
  return utf8.replace(ENCODED_RUN, (run) => {
    let out = '';
    let pending: Buffer[] = [];
    let pendingCharset = '';
    const flush = (): void => {
      if (pending.length > 0) out += decodeBytes(Buffer.concat(pending), pendingCharset);
      pending = [];
    };
    for (const m of run.matchAll(ENCODED_WORD)) {
      const [, charset = 'utf-8', enc = 'B', data = ''] = m;
      const bytes = enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : qpBytes(data, true);
      if (charset.toLowerCase() !== pendingCharset) flush();
      pendingCharset = charset.toLowerCase();
      pending.push(bytes);
    }
    flush();
    return out;
  });
}

function splitEntity(entity: string): { headers: Map<string, string>; body: string } {
  const sep = /\r?\n\r?\n/.exec(entity);
  const head = sep ? entity.slice(0, sep.index) : entity;
  const body = sep ? entity.slice(sep.index + sep[0].length) : '';
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(key)) headers.set(key, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function param(header: string, name: string): string | undefined {
  for (const m of header.matchAll(/;\s*([\w*.-]+)\s*=\s*(?:"([^"]*)"|([^;\s]+))/g)) {
    if (m[1]?.toLowerCase() === name) return m[2] ?? m[3];
  }
  return undefined;
}

function decodeBody(body: string, headers: Map<string, string>): string {
  const cte = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const bytes =
    cte === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
      : cte === 'quoted-printable'
        ? qpBytes(body, false)
        : Buffer.from(body, 'latin1');
  return decodeBytes(bytes, param(headers.get('content-type') ?? '', 'charset') ?? 'utf-8');
}

function collectParts(entity: string, depth: number, out: MimePart[]): MimePart[] {
  const { headers, body } = splitEntity(entity);
  const ctype = headers.get('content-type') ?? 'text/plain';
  const type = (ctype.split(';')[0] ?? '').trim().toLowerCase();
  const boundary = param(ctype, 'boundary');
  if (type.startsWith('multipart/') && boundary && depth < MAX_DEPTH) {
    for (const segment of body.split(`--${boundary}`).slice(1)) {
      if (segment.startsWith('--')) break;
      collectParts(segment.replace(/^[ \t]*\r?\n/, '').replace(/\r?\n$/, ''), depth + 1, out);
    }
    return out;
  }
  const attachment = /^\s*attachment/i.test(headers.get('content-disposition') ?? '');
  out.push({ contentType: type, text: decodeBody(body, headers), attachment });
  return out;
}

function stripTags(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/p>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim();
}

/** Parse a raw RFC 5322 message well enough to show its subject, sender and text (best effort, never throws). */
export function parseMail(raw: Buffer): ParsedMail {
  const entity = raw.toString('latin1');
  const { headers } = splitEntity(entity);
  const header = (name: string): string => decodeHeaderValue(headers.get(name) ?? '');
  const parts = collectParts(entity, 0, []);
  const body = (type: string) => parts.find((p) => p.contentType === type && !p.attachment)?.text;
  const text = body('text/plain');
  const html = text === undefined ? body('text/html') : undefined;
  return {
    subject: header('subject'),
    from: header('from'),
    to: header('to'),
    ...(text !== undefined ? { text } : html !== undefined ? { text: stripTags(html) } : {}),
    parts,
  };
}
