// Hit highlights from Elasticsearch's fragments (asked for in highlight-request.ts), in the shape of the SQLite
// backend's (store/highlight.ts): the whole title first when it matched, then body snippets, else the escaped
// lead. Fragments come escaped by the html encoder (Lucene's, which also writes / as &#x2F;); their text is
// decoded and escaped again with core/html.ts, so both backends escape alike and only our <mark> tags are raw.
import { escapeHtml } from '../../core/html.js';
import { buildHighlights, collapseSpace, ELLIPSIS } from '../highlight.js';
import { MARK_CLOSE, MARK_OPEN } from './highlight-request.js';

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const TAG = /(<mark>|<\/mark>)/;

/** Text with the html encoder's entities turned back into characters (anything unknown stays as written). */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]+);/gi, (entity, name: string) => {
    const lower = name.toLowerCase();
    if (!lower.startsWith('#')) return NAMED[lower] ?? entity;
    const code = lower.startsWith('#x') ? Number.parseInt(lower.slice(2), 16) : Number(lower.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

/** A fragment and its plain text (for finding where in the field it sits). */
interface Fragment {
  html: string;
  text: string;
  marked: boolean;
}

/**
 * One fragment re-escaped with balanced <mark> tags, adjacent marks merged (the standard analyzer marks Chinese
 * character by character: <mark>住</mark><mark>建</mark> reads as <mark>住建</mark>).
 */
export function normalizeFragment(fragment: string): Fragment {
  let html = '';
  let text = '';
  let open = false;
  let marked = false;
  for (const part of collapseSpace(fragment).trim().split(TAG)) {
    if (part === MARK_OPEN || part === MARK_CLOSE) {
      if ((part === MARK_OPEN) === open) continue;
      open = !open;
      html += part;
      continue;
    }
    const plain = decodeEntities(part);
    if (open && plain !== '') marked = true;
    html += escapeHtml(plain);
    text += plain;
  }
  if (open) html += MARK_CLOSE;
  html = html.replaceAll(`${MARK_CLOSE}${MARK_OPEN}`, '').replaceAll(`${MARK_OPEN}${MARK_CLOSE}`, '');
  return { html, text, marked };
}

/** A body fragment with … where it is cut from the text before or after it (as store/highlight.ts does). */
function withEllipses(fragment: Fragment, body: string): string {
  const whole = collapseSpace(body).trim();
  const start = whole.startsWith(fragment.text) ? '' : ELLIPSIS;
  const end = whole.endsWith(fragment.text) ? '' : ELLIPSIS;
  return `${start}${fragment.html}${end}`;
}

/**
 * Highlights of a hit from its `highlight` section: the marked title first, then the marked body snippets; with
 * nothing marked, the body lead Elasticsearch sent (no_match_size), or when it sent none (no words to mark),
 * the escaped lead made by store/highlight.ts.
 */
export function hitHighlights(
  title: string,
  body: string,
  highlight: Readonly<Record<string, readonly string[]>> | undefined,
): string[] {
  const titles = (highlight?.title ?? []).map(normalizeFragment).filter((f) => f.marked);
  const bodies = (highlight?.body ?? []).map(normalizeFragment).filter((f) => f.text !== '');
  const marked = bodies.filter((f) => f.marked);
  const out = titles.slice(0, 1).map((f) => f.html);
  if (marked.length > 0) out.push(...marked.map((f) => withEllipses(f, body)));
  else if (out.length === 0 && bodies[0] !== undefined) out.push(withEllipses(bodies[0], body));
  return out.length > 0 ? out : buildHighlights(title, body, []);
}
