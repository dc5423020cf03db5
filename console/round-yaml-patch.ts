// Saving a round over its existing file: patch the parsed YAML document instead of re-stringifying, so the
// admin's comments, key order and quoting survive and defaults the admin never wrote stay out of the file.
import {
  type Document,
  isCollection,
  isMap,
  isNode,
  isScalar,
  isSeq,
  parseDocument,
  visit,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { type RoundConfig, roundSchema } from '../config/schema.js';
import { parseYaml } from '../config/yaml-file.js';

type Collection = YAMLMap | YAMLSeq;
type Obj = Record<string, unknown>;

const SAVED_BY = '# 由控制台保存（';

/** The first line of a round file saved from the console: who saved it and when. */
export function savedByLine(savedBy: string, at: string): string {
  return `${SAVED_BY}${savedBy}，${at}）。可继续手工编辑；格式说明见 config/rounds/ 示例文件。`;
}

/**
 * The existing file text changed only where `round` differs from what the file holds, headed by `header`
 * (replacing earlier saved-by lines). Undefined when the text is no usable base (it does not parse or validate
 * as a round) or the patch would not read back as exactly `round`; the caller then writes the whole round.
 */
export function patchRoundYaml(existing: string, round: RoundConfig, header: string): string | undefined {
  const text = existing.replace(/^\uFEFF/, '').replace(/^(?:# 由控制台保存（[^\n]*\n)+/, '');
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const before = roundSchema.safeParse(parseYaml(text).data);
  if (!before.success) return undefined;
  const padding = flowPadding(doc, text);
  patchMap(doc, doc.contents, before.data, round);
  keepFlowPadding(doc, padding);
  const body = doc.toString({ lineWidth: 0 });
  const out = `${header}\n${body}`;
  // Aliases, anchors or hand-written oddities could make the patch mean something else: never write that.
  const check = roundSchema.safeParse(parseYaml(out).data);
  return check.success && sameValue(check.data, round) ? out : undefined;
}

/** Deep equality of JSON-like values; a key holding undefined counts as absent. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameValue(v, b[i]))
    );
  }
  if (!isRecord(a) || !isRecord(b)) return false;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].every((k) => sameValue(a[k], b[k]));
}

function isRecord(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The node to hold `after` where `node` held `before` (the same node, patched in place, when possible). */
function patched(doc: Document, node: unknown, before: unknown, after: unknown): unknown {
  if (isMap(node) && isRecord(before) && isRecord(after)) {
    patchMap(doc, node, before, after);
    return node;
  }
  if (isSeq(node) && Array.isArray(before) && Array.isArray(after)) {
    patchSeq(doc, node, before, after);
    return node;
  }
  // Setting the value keeps the scalar's comments and quoting style.
  if (isScalar(node) && (after === null || typeof after !== 'object')) {
    node.value = after;
    return node;
  }
  const fresh = doc.createNode(after);
  if (isNode(node)) {
    fresh.commentBefore = node.commentBefore;
    fresh.comment = node.comment;
    fresh.spaceBefore = node.spaceBefore;
  }
  return fresh;
}

// Keys are visited in the file's order, then new ones: a new key goes to the end of its mapping.
function patchMap(doc: Document, map: YAMLMap, before: Obj, after: Obj): void {
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = before[key];
    const now = after[key];
    if (sameValue(was, now)) continue;
    if (now === undefined) {
      map.delete(key);
    } else if (map.has(key)) {
      const node = map.get(key, true);
      const next = patched(doc, node, was, now);
      if (next !== node) map.set(key, next);
    } else {
      // A defaulted mapping the file never wrote (levels, phases) gets only the entries that differ.
      const value = isRecord(was) && isRecord(now) ? (doc.createNode({}) as YAMLMap) : doc.createNode(now);
      if (isMap(value) && isRecord(was) && isRecord(now)) patchMap(doc, value, was, now);
      const pair = doc.createPair(key, value);
      const last = map.items.at(-1)?.key;
      // Follow the mapping's layout: top-level sections are set apart by a blank line.
      if (isNode(pair.key) && isNode(last)) pair.key.spaceBefore = last.spaceBefore;
      map.add(pair);
    }
  }
}

function patchSeq(doc: Document, seq: YAMLSeq, before: unknown[], after: unknown[]): void {
  if (before.length === after.length && seq.items.length === before.length) {
    after.forEach((now, i) => {
      if (sameValue(before[i], now)) return;
      const node = seq.items[i];
      const next = patched(doc, node, before[i], now);
      if (next !== node) seq.items[i] = next;
    });
    return;
  }
  // Lengths differ, so positions do not line up. Each new item takes the node of an unchanged old item, else of
  // the old item it shares most entries with (the same unit, edited), patched; the rest are written anew.
  // The list keeps its own style and comments; comments on removed items go with them.
  const unused = new Set(before.keys());
  const take = (now: unknown): number | undefined => {
    let best: number | undefined;
    let bestScore = 0;
    for (const i of unused) {
      const score = sameValue(before[i], now) ? Number.POSITIVE_INFINITY : shared(before[i], now);
      if (score > bestScore) [best, bestScore] = [i, score];
    }
    if (best !== undefined) unused.delete(best);
    return best;
  };
  const items = seq.items;
  seq.items = after.map((now) => {
    const i = take(now);
    const node = i === undefined ? undefined : items[i];
    return node === undefined ? newItem(doc, items, now) : patched(doc, node, before[i ?? -1], now);
  });
}

/** How many entries two mappings have in common (0 for anything else). */
function shared(a: unknown, b: unknown): number {
  if (!isRecord(a) || !isRecord(b)) return 0;
  return Object.keys(a).filter((k) => a[k] !== undefined && sameValue(a[k], b[k])).length;
}

/** A node for a new list item, written in the style of its siblings (a flow `{ ... }` among flow items). */
function newItem(doc: Document, siblings: readonly unknown[], value: unknown): unknown {
  const node = doc.createNode(value);
  const like = siblings.find((s) => isCollection(s) && isMap(s) === isMap(node));
  if (isCollection(node) && isCollection(like)) node.flow = like.flow;
  return node;
}

interface Padding {
  nodes: Map<Collection, boolean>;
  map?: boolean;
  seq?: boolean;
}

// The yaml package pads every flow collection alike, while hand-written files often pad mappings
// (`{ a: 1 }`) but not lists (`[a, b]`): record each collection's own style from the source.
function flowPadding(doc: Document, text: string): Padding {
  const padding: Padding = { nodes: new Map() };
  const note = (node: Collection, open: string, kind: 'map' | 'seq') => {
    const start = node.range?.[0];
    if (!node.flow || start === undefined || text[start] !== open) return;
    const padded = text[start + 1] === ' ';
    padding.nodes.set(node, padded);
    padding[kind] ??= padded;
  };
  visit(doc, {
    Map: (_, node) => note(node, '{', 'map'),
    Seq: (_, node) => note(node, '[', 'seq'),
  });
  return padding;
}

/** Each collection is written with its recorded padding; new ones take the file's first style of their kind. */
function keepFlowPadding(doc: Document, padding: Padding): void {
  const apply = (node: Collection, kind: 'map' | 'seq') => {
    const padded = padding.nodes.get(node) ?? padding[kind];
    if (padded === undefined) return;
    const write = node.toString.bind(node);
    node.toString = (ctx, onComment, onChompKeep) =>
      write(ctx && { ...ctx, flowCollectionPadding: padded ? ' ' : '' }, onComment, onChompKeep);
  };
  visit(doc, {
    Map: (_, node) => apply(node, 'map'),
    Seq: (_, node) => apply(node, 'seq'),
  });
}
