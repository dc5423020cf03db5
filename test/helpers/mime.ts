// A minimal MIME reader for tests: enough to read what nodemailer writes (encoded-word headers, multipart,
// base64 and quoted-printable parts), so assertions see decoded text rather than transfer encodings.

/** A leaf part of a message, decoded. */
export interface MimeLeaf {
  contentType: string;
  text: string;
}

/** A parsed message: its top-level headers (decoded) and its leaf parts. */
export interface ParsedMail {
  headers: Map<string, string>;
  subject: string;
  leaves: MimeLeaf[];
}

function qpBytes(text: string, underscoreIsSpace: boolean): Buffer {
  const bytes: number[] = [];
  const src = underscoreIsSpace ? text.replace(/_/g, ' ') : text.replace(/=\r?\n/g, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i] as string;
    const hex = src.slice(i + 1, i + 3);
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/** Decodes RFC 2047 encoded words; adjacent words are joined before UTF-8 decoding. */
export function decodeWords(value: string): string {
  const word = /=\?[^?]+\?([BbQq])\?([^?]*)\?=/g;
  const joined = value.replace(/\?=\s+=\?/g, '?==?');
  let out = '';
  let pending: Buffer[] = [];
  let last = 0;
  for (const m of joined.matchAll(word)) {
    const index = m.index ?? 0;
    if (index > last) {
      out += Buffer.concat(pending).toString('utf8') + joined.slice(last, index);
      pending = [];
    }
    const data = m[2] ?? '';
    pending.push(m[1]?.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : qpBytes(data, true));
    last = index + m[0].length;
  }
  return out + Buffer.concat(pending).toString('utf8') + joined.slice(last);
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function splitEntity(raw: string): { headers: Map<string, string>; body: string } {
  const match = /\r?\n\r?\n/.exec(raw);
  if (!match) return { headers: parseHeaders(raw), body: '' };
  return { headers: parseHeaders(raw.slice(0, match.index)), body: raw.slice(match.index + match[0].length) };
}

function leaves(raw: string): MimeLeaf[] {
  const { headers, body } = splitEntity(raw);
  const contentType = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (contentType.toLowerCase().startsWith('multipart/') && boundary) {
    const sections = body.split(`--${boundary}`).slice(1);
    return sections.filter((s) => !s.startsWith('--')).flatMap((s) => leaves(s.replace(/^\r?\n/, '')));
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  let bytes: Buffer;
  if (encoding === 'base64') bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  else if (encoding === 'quoted-printable') bytes = qpBytes(body, false);
  else bytes = Buffer.from(body, 'utf8');
  return [
    { contentType: contentType.split(';')[0]?.trim().toLowerCase() ?? '', text: bytes.toString('utf8') },
  ];
}

/** Parses a raw RFC 5322 message as nodemailer writes it. */
export function parseMail(raw: string): ParsedMail {
  const { headers } = splitEntity(raw);
  return { headers, subject: decodeWords(headers.get('subject') ?? ''), leaves: leaves(raw) };
}
