import { decodeBody } from '../../crawlers/decode.js';

/** The one Content-Type the evidence frame is ever served with, whatever the crawled page declared. */
export const FRAME_CONTENT_TYPE = 'text/html; charset=utf-8';

/**
 * The evidence page as UTF-8 HTML for the sandboxed frame: HTML is decoded from its crawled charset (header,
 * BOM, <meta>, as the crawler did) and re-encoded, so a hostile declared charset (utf-7, utf-16 tricks) never
 * reaches the browser; anything else (feeds, JSON, text) is shown escaped in a <pre>.
 */
export function frameDocument(bytes: Uint8Array, contentType: string): Buffer {
  const decoded = decodeBody(bytes, { contentType }).text;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const html = type === '' || type === 'text/html' || type === 'application/xhtml+xml';
  if (html) return Buffer.from(decoded, 'utf8');
  return Buffer.from(
    `<!doctype html><meta charset="utf-8"><pre style="white-space:pre-wrap">${escapeHtml(decoded)}</pre>`,
    'utf8',
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
