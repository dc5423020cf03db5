import { escapeHtml } from '../core/html.js';
// Search-result snippets of the SQLite backend (Elasticsearch marks its own, normalised to the same shape by
// elasticsearch/highlight-response.ts, which also uses the escaped lead from here as a fallback).
// Matching runs on the original text (not on the index tokens), so what is marked is what the user reads.

/** Snippet options: how many snippets at most and roughly how many characters each. */
export interface HighlightOptions {
  maxSnippets?: number;
  width?: number;
}

const DEFAULT_MAX_SNIPPETS = 3;
const DEFAULT_WIDTH = 80;
/** Length of the escaped lead shown when nothing matches. */
const FALLBACK_LENGTH = 100;
/** Marks where a snippet is cut from its text. */
export const ELLIPSIS = '…';

interface Span {
  start: number;
  end: number;
}

/** A case-insensitive pattern for the terms, longest first; whitespace inside a term matches any spacing. */
function termPattern(terms: readonly string[]): RegExp | undefined {
  const cleaned = [...new Set(terms.map((t) => t.trim()).filter((t) => t !== ''))];
  if (cleaned.length === 0) return undefined;
  cleaned.sort((a, b) => b.length - a.length);
  const alternatives = cleaned.map((t) =>
    t
      .split(/\s+/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('\\s*'),
  );
  return new RegExp(alternatives.join('|'), 'giu');
}

function findMatches(text: string, terms: readonly string[]): Span[] {
  const pattern = termPattern(terms);
  if (!pattern) return [];
  const spans: Span[] = [];
  for (const m of text.matchAll(pattern)) {
    if (m[0].length > 0) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

/** Whether any of the terms occurs in the text (case-insensitive). */
export function containsAnyTerm(text: string, terms: readonly string[]): boolean {
  // A trimmed term never matches the empty string, so the first match answers (no need to find them all).
  return termPattern(terms)?.test(text) ?? false;
}

/** Move a cut position off the second half of a surrogate pair so no character is split. */
function safeCut(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff && index > 0 ? index - 1 : index;
}

/** Runs of whitespace as one space, as snippets show them. */
export function collapseSpace(text: string): string {
  return text.replace(/\s+/g, ' ');
}

function renderWindow(text: string, window: Span, matches: readonly Span[]): string {
  let out = window.start > 0 ? ELLIPSIS : '';
  let cursor = window.start;
  for (const m of matches) {
    if (m.start < window.start || m.end > window.end) continue;
    out += escapeHtml(collapseSpace(text.slice(cursor, m.start)));
    out += `<mark>${escapeHtml(text.slice(m.start, m.end))}</mark>`;
    cursor = m.end;
  }
  out += escapeHtml(collapseSpace(text.slice(cursor, window.end)));
  return window.end < text.length ? out + ELLIPSIS : out;
}

/**
 * Up to `maxSnippets` HTML-escaped snippets of about `width` characters around the occurrences of `terms`
 * (case-insensitive), overlapping windows merged, matches wrapped in <mark>…</mark>, cut ends marked with ….
 * With no match, the escaped first ~100 characters; with empty text, nothing.
 */
export function highlightSnippets(
  text: string,
  terms: readonly string[],
  options: HighlightOptions = {},
): string[] {
  if (text.trim() === '') return [];
  const maxSnippets = Math.max(1, options.maxSnippets ?? DEFAULT_MAX_SNIPPETS);
  const width = Math.max(10, options.width ?? DEFAULT_WIDTH);
  const matches = findMatches(text, terms);
  if (matches.length === 0) {
    const end = safeCut(text, Math.min(text.length, FALLBACK_LENGTH));
    return [renderWindow(text, { start: 0, end }, [])];
  }
  const windows: Span[] = [];
  for (const m of matches) {
    const pad = Math.max(5, Math.floor((width - (m.end - m.start)) / 2));
    const start = safeCut(text, Math.max(0, m.start - pad));
    const end = safeCut(text, Math.min(text.length, m.end + pad));
    const last = windows[windows.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else if (windows.length < maxSnippets) windows.push({ start, end });
    else break;
  }
  return windows.map((w) => renderWindow(text, w, matches));
}

/**
 * Highlights of a search hit: the whole title first when it matches, then body snippets; when nothing
 * matches (or there are no terms), the escaped lead of the body.
 */
export function buildHighlights(
  title: string,
  body: string,
  terms: readonly string[],
  options: HighlightOptions = {},
): string[] {
  const out: string[] = [];
  if (containsAnyTerm(title, terms)) {
    out.push(...highlightSnippets(title, terms, { maxSnippets: 1, width: Math.max(title.length * 2, 10) }));
  }
  if (out.length === 0 || containsAnyTerm(body, terms)) out.push(...highlightSnippets(body, terms, options));
  return out;
}
