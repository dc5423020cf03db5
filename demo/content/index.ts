import { FORUM_ITEMS } from './forum.js';
import { GBK_ITEMS } from './gbk.js';
import { MP_ITEMS } from './mp.js';
import { NEWS_ITEMS } from './news.js';
import { SPA_ITEMS } from './spa.js';
import type { DemoItem, DemoItemRef, DemoSection } from './types.js';

export { FORUM_ITEMS } from './forum.js';
export { GBK_ITEMS } from './gbk.js';
export { MP_ITEMS } from './mp.js';
export { NEWS_ITEMS } from './news.js';
export { SPA_ITEMS } from './spa.js';
export type { DateStyle, DemoItem, DemoItemRef, DemoReply, DemoSection } from './types.js';

/** Every item of the demo site, all sections. */
export const ALL_ITEMS: readonly DemoItem[] = [
  ...NEWS_ITEMS,
  ...FORUM_ITEMS,
  ...MP_ITEMS,
  ...GBK_ITEMS,
  ...SPA_ITEMS,
];

/** The item served at this path, or undefined. */
export function findItem(path: string): DemoItem | undefined {
  return ALL_ITEMS.find((item) => item.path === path);
}

/** The items of one section, newest first (as list pages show them). */
export function itemsOf(section: DemoSection): DemoItem[] {
  return ALL_ITEMS.filter((item) => item.section === section).sort((a, b) => a.minutesAgo - b.minutesAgo);
}

/** The text of an item's body as extractors should see it: paragraphs joined by newlines. */
export function itemBody(item: DemoItem): string {
  return item.paragraphs.join('\n');
}

function ref(path: string): DemoItemRef {
  const item = findItem(path);
  if (!item) throw new Error(`demo content: no item at ${path}`);
  return { path: item.path, title: item.title };
}

/** The strongly negative forum thread about 明州市住建局; the only story that must reach red (unit zjj). */
export const PLANTED: DemoItemRef = ref('/forum/thread-1001.html');

/** Near-verbatim reposts of PLANTED (news site and public account) that must join its story cluster. */
export const REPOSTS: readonly DemoItemRef[] = [ref('/news/2001.html'), ref(MP_ITEMS[0]?.path ?? '')];

/** Negative news about 明湖区住建局 (in zjj's exclude list): must not be attributed to zjj. */
export const SIMILAR_UNIT: DemoItemRef = ref('/news/2002.html');

/** The GBK-encoded complaint about 青石镇政府 (unit qsz), expected around orange. */
export const GBK_ITEM: DemoItemRef = ref('/gbk/3001.html');

/** The JavaScript-rendered message-board complaint about 市市场监管局 (unit scjg), expected yellow/orange. */
export const SPA_ITEM: DemoItemRef = ref('/spa/4001.html');
