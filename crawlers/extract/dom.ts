import type { AnyNode, Element, Text } from 'domhandler';

/** Elements that start a new line when a subtree is rendered as text. */
// biome-ignore format: a word list
export const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer', 'form',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table',
  'tbody', 'td', 'th', 'thead', 'tr', 'ul', 'center',
]);

/** True for element nodes (script and style included). */
export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/** True for text nodes. */
export function isText(node: AnyNode): node is Text {
  return node.type === 'text';
}

/** Collapses runs of whitespace (including full-width spaces and nbsp) to one space and trims. */
export function squash(text: string): string {
  return text.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, ' ').trim();
}

/** Number of CJK ideographs in a string. */
export function countCjk(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) n++;
  }
  return n;
}

/** Non-whitespace length: the measure of "how much text" used by the scorers. */
export function textWeight(text: string): number {
  return text.replace(/[\s\u00a0\u3000]+/g, '').length;
}

/** Plain text of a subtree, without line structure. */
export function flatText(node: AnyNode): string {
  if (isText(node)) return node.data;
  if (!isElement(node) || node.type !== 'tag') return '';
  let out = '';
  for (const child of node.children) out += flatText(child);
  return out;
}

/**
 * Renders a subtree as lines: block elements and <br> break lines, everything else is inline.
 * `skip` prunes subtrees (link lists inside the article, hidden elements...).
 */
export function renderLines(root: AnyNode, skip: (el: Element) => boolean = () => false): string[] {
  const lines: string[] = [];
  let current = '';
  const flush = () => {
    const line = squash(current);
    if (line) lines.push(line);
    current = '';
  };
  const walk = (node: AnyNode) => {
    if (isText(node)) {
      current += node.data;
      return;
    }
    if (!isElement(node) || node.type !== 'tag') return;
    if (skip(node)) return;
    const name = node.name.toLowerCase();
    if (name === 'br') {
      flush();
      return;
    }
    const block = BLOCK_TAGS.has(name);
    if (block) flush();
    for (const child of node.children) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return lines;
}

/** The `class` and `id` attributes of an element, lower-cased, as one string of tokens. */
export function classAndId(el: Element): string {
  return `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`.toLowerCase();
}
