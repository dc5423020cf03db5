// Multi-item posts (news roundups, 通报 lists, "一是…二是…" summaries): each item is about its own unit, so a
// risk word in one item must not count for a unit named only in another.

/** Where a line opens a new item: 1. / 1、 / （一） / 一、 / 【heading】 / list bullets / 一是 二是. */
const ITEM_START =
  /^\s*(?:\d{1,2}\s*[、.．)）]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|[一二三四五六七八九十]{1,3}\s*、|【[^】\n]{1,40}】|[-•·*▲◆●■□◇○]\s*|[一二三四五六七八九十]是)/u;
/** "一是…；二是…" inside one paragraph: each enumerated clause opens an item. */
const INLINE_START =
  /(?<=[。；;：:，,]\s*)(?:[一二三四五六七八九十]是|其[一二三四五六七八九十](?=[，,是]))/gu;

/** The start offsets of the items of a body (the first at 0 is the lead-in); one entry when it is no list. */
export function postItemStarts(body: string): number[] {
  const starts = [0];
  let at = 0;
  for (const line of body.split('\n')) {
    if (at > 0 && ITEM_START.test(line)) starts.push(at);
    for (const m of line.matchAll(INLINE_START)) starts.push(at + (m.index ?? 0));
    at += line.length + 1;
  }
  const sorted = [...new Set(starts)].sort((a, b) => a - b);
  // One bullet is no list: it takes at least two items besides the lead-in.
  return sorted.length >= 3 ? sorted : [0];
}

/** The index of the item holding `offset`. */
export function itemAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * For a multi-item body, whether a body offset counts for a unit: its item names the unit, or names no
 * watched unit while the unit is named outside the items (title or lead-in) or is the only unit named.
 * Always true for a body that is no list.
 */
export function itemFilter(
  starts: readonly number[],
  ownBody: readonly number[],
  otherBody: readonly number[],
  namedOutside: boolean,
): (offset: number) => boolean {
  if (starts.length < 2) return () => true;
  const own = new Set(ownBody.map((o) => itemAt(starts, o)));
  const other = new Set(otherBody.map((o) => itemAt(starts, o)));
  const carries = namedOutside || own.has(0) || other.size === 0;
  return (offset) => {
    const item = itemAt(starts, offset);
    if (own.has(item)) return true;
    return !other.has(item) && carries;
  };
}
