import { escapeHtml } from '../../core/html.js';
import type { DemoItem } from '../content/types.js';
import { formatChineseDate, minutesBefore } from './dates.js';

/** What every template needs besides its items. */
export interface RenderContext {
  /** The site's start time; all dates are relative to it. */
  now: Date;
  /** Absolute base URL of the running site, without trailing slash (for feeds and canonical links). */
  baseUrl: string;
}

/** HTML-escape text for the demo's pages. */
export const esc = escapeHtml;

/** JSON safe to embed in a <script> element (no `</script>`, no HTML comment openers, no line separators). */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The item's paragraphs as escaped <p> elements, one per line. */
export function paragraphsHtml(paragraphs: readonly string[], indent = '      '): string {
  return paragraphs.map((p) => `${indent}<p>${esc(p)}</p>`).join('\n');
}

/** The item's publication date. */
export function publishedAt(item: DemoItem, ctx: RenderContext): Date {
  return minutesBefore(ctx.now, item.minutesAgo);
}

/** The item's date printed in its own style. */
export function printedDate(item: DemoItem, ctx: RenderContext): string {
  return formatChineseDate(publishedAt(item, ctx), item.dateStyle, ctx.now);
}
