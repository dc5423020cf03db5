/** Milliseconds a Retry-After header asks to wait (delta-seconds or an HTTP date); undefined when absent/unreadable. */
export function retryAfterMs(value: string | undefined, now: Date): number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}
