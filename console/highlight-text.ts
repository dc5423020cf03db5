import { escapeHtml } from '../core/html.js';

/**
 * The whole text HTML-escaped with every occurrence of the words (case-insensitive, longest first) wrapped in
 * <mark>…</mark>; line breaks are kept as "\n" for the client to lay out.
 */
export function markText(text: string, words: readonly string[]): string {
  const cleaned = [...new Set(words.map((w) => w.trim()).filter((w) => w !== ''))].sort(
    (a, b) => b.length - a.length,
  );
  if (cleaned.length === 0) return escapeHtml(text);
  const pattern = new RegExp(cleaned.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'giu');
  let out = '';
  let cursor = 0;
  for (const m of text.matchAll(pattern)) {
    if (m[0].length === 0) continue;
    out += `${escapeHtml(text.slice(cursor, m.index))}<mark>${escapeHtml(m[0])}</mark>`;
    cursor = m.index + m[0].length;
  }
  return out + escapeHtml(text.slice(cursor));
}
