// Safe rendering of highlighted text: every piece of crawled content becomes a React text node, never HTML.
import type { ReactNode } from 'react';

const ENTITIES: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
  '&#x2F;': '/',
  '&nbsp;': '\u00a0',
};

/** Undo the server's HTML escaping of a snippet piece; the result is shown as text, so it cannot inject. */
export function unescapeHtml(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|nbsp|#39|#x27|#x2F);/g, (entity) => ENTITIES[entity] ?? entity);
}

/**
 * Render a server snippet (HTML-escaped text with <mark>…</mark> around matches) as text nodes and <mark>
 * elements. Only the literal `<mark>` / `</mark>` tags are honoured; anything else stays visible text.
 */
export function MarkedSnippet({ html }: { html: string }): ReactNode {
  const pieces = html.split(/(<mark>|<\/mark>)/);
  const out: ReactNode[] = [];
  let marked = false;
  pieces.forEach((piece, i) => {
    if (piece === '<mark>') marked = true;
    else if (piece === '</mark>') marked = false;
    else if (piece !== '') {
      const text = unescapeHtml(piece);
      // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one fixed string have only their position as identity.
      out.push(marked ? <mark key={i}>{text}</mark> : text);
    }
  });
  return <>{out}</>;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Render plain text with every occurrence of the given terms wrapped in <mark> (longest term first). */
export function HighlightedText({ text, terms }: { text: string; terms: readonly string[] }): ReactNode {
  const wanted = [...new Set(terms.map((t) => t.trim()).filter((t) => t.length > 0))].sort(
    (a, b) => b.length - a.length,
  );
  if (wanted.length === 0) return <>{text}</>;
  const pattern = new RegExp(`(${wanted.map(escapeRegExp).join('|')})`, 'g');
  const parts = text.split(pattern);
  return (
    <>
      {parts.map((part, i) =>
        // split with one capture group puts the matches at odd indexes; position is their only identity.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above.
        i % 2 === 1 ? <mark key={i}>{part}</mark> : part,
      )}
    </>
  );
}

/** The words of a search box query worth highlighting (operators, quotes and exclusions dropped). */
export function queryWords(query: string): string[] {
  const words: string[] = [];
  for (const match of query.matchAll(/"([^"]+)"|(\S+)/g)) {
    const word = match[1] ?? match[2] ?? '';
    if (word === 'OR' || word.startsWith('-')) continue;
    words.push(word);
  }
  return words;
}
