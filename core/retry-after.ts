/**
 * Milliseconds a Retry-After header asks to wait (delta-seconds or an HTTP date); undefined when absent or
 * unreadable. One parser for the crawler's politeness and the alert channels' back-off.
 */
export function retryAfterMs(value: string | null | undefined, now: Date = new Date()): number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  // An HTTP date names its weekday and month; Date.parse alone would take "-5" as the year 5 BC.
  if (!/[A-Za-z]{3}/.test(v)) return undefined;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}
