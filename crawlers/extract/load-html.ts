import { type CheerioAPI, load } from 'cheerio';
import type { AnyNode, ParentNode } from 'domhandler';
import { Text } from 'domhandler';

/**
 * Deeper than this, an element's subtree is replaced by its text. Real pages nest a few dozen levels; hostile
 * ones nest 100 000, and the recursive DOM helpers (ours and domutils' text()) would overflow the stack or
 * spend minutes on them.
 */
export const MAX_DOM_DEPTH = 200;

/**
 * Tags nested deeper than this in the source are dropped before parsing: the HTML parser itself needs minutes
 * for 100 000 nested elements.
 */
export const MAX_SOURCE_NESTING = 1000;

/** Parse a page with cheerio and flatten anything nested deeper than MAX_DOM_DEPTH. */
export function loadHtml(html: string, url?: string): CheerioAPI {
  const source = capNesting(html, MAX_SOURCE_NESTING);
  const $ = url ? load(source, { baseURI: url }) : load(source);
  const root = $.root()[0];
  if (root) flattenDeepNodes(root, MAX_DOM_DEPTH);
  return $;
}

// Void elements never nest; these close themselves when a sibling opens, so neither counts as nesting.
const NOT_NESTING = new Set(
  'area base br col embed hr img input link meta source track wbr p li td th tr dt dd option'.split(' '),
);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*>/g;

/**
 * Drop the tags of elements nested deeper than `maxDepth` (their text stays). A fast scan over tags, not a parser:
 * only pages that really nest that deep are changed.
 */
export function capNesting(html: string, maxDepth: number): string {
  let depth = 0;
  let deepest = 0;
  for (const match of html.matchAll(TAG)) {
    if (NOT_NESTING.has((match[2] ?? '').toLowerCase()) || match[0].endsWith('/>')) continue;
    depth = match[1] ? Math.max(0, depth - 1) : depth + 1;
    if (depth > deepest) deepest = depth;
  }
  if (deepest <= maxDepth) return html;
  depth = 0;
  return html.replace(TAG, (tag, slash: string, name: string) => {
    if (NOT_NESTING.has(name.toLowerCase()) || tag.endsWith('/>')) return tag;
    if (slash) {
      const keep = depth <= maxDepth;
      depth = Math.max(0, depth - 1);
      return keep ? tag : '';
    }
    depth += 1;
    return depth <= maxDepth ? tag : '';
  });
}

/** Replace the children of every node at `maxDepth` by one text node with their text; iterative, no recursion. */
export function flattenDeepNodes(root: ParentNode, maxDepth: number): void {
  const stack: { node: ParentNode; depth: number }[] = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop();
    if (!item) break;
    const { node, depth } = item;
    if (depth >= maxDepth) {
      if (node.children.some((c) => 'children' in c)) replaceChildrenWithText(node);
      continue;
    }
    for (const child of node.children) if ('children' in child) stack.push({ node: child, depth: depth + 1 });
  }
}

function replaceChildrenWithText(node: ParentNode): void {
  const text = new Text(textOf(node));
  text.parent = node;
  for (const child of node.children) child.parent = null;
  node.children = [text];
}

function textOf(node: AnyNode): string {
  const out: string[] = [];
  const stack: AnyNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop();
    if (!current) break;
    if (current.type === 'text') out.push((current as Text).data);
    else if ('children' in current && current.type !== 'script' && current.type !== 'style') {
      for (let i = current.children.length - 1; i >= 0; i--) {
        const child = current.children[i];
        if (child) stack.push(child);
      }
    }
  }
  return out.join('');
}
