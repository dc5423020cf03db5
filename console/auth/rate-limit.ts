/** How many failed logins per (user, IP) are allowed in the window before 429. */
export const LOGIN_MAX_FAILURES = 5;
/** The window of the login rate limit. */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
// Bound the memory an attacker can make us use by cycling names.
const MAX_KEYS = 10_000;

/** Failed-login counter per (username, IP), in memory: a restart forgets it, which only helps the owner. */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly max = LOGIN_MAX_FAILURES,
    private readonly windowMs = LOGIN_WINDOW_MS,
  ) {}

  /** Seconds to wait before the next attempt, or 0 when an attempt is allowed now. */
  retryAfter(user: string, ip: string, nowMs: number): number {
    const recent = this.recent(key(user, ip), nowMs);
    if (recent.length < this.max) return 0;
    const oldest = recent[recent.length - this.max] ?? nowMs;
    return Math.max(1, Math.ceil((oldest + this.windowMs - nowMs) / 1000));
  }

  /** Count a failed attempt. */
  fail(user: string, ip: string, nowMs: number): void {
    const k = key(user, ip);
    if (!this.failures.has(k) && this.failures.size >= MAX_KEYS) this.prune(nowMs);
    this.failures.set(k, [...this.recent(k, nowMs), nowMs]);
  }

  /** A successful login clears the counter. */
  succeed(user: string, ip: string): void {
    this.failures.delete(key(user, ip));
  }

  private recent(k: string, nowMs: number): number[] {
    return (this.failures.get(k) ?? []).filter((t) => t > nowMs - this.windowMs);
  }

  private prune(nowMs: number): void {
    for (const [k, times] of this.failures) {
      if (times.every((t) => t <= nowMs - this.windowMs)) this.failures.delete(k);
    }
    // Still full: forget the oldest entries rather than grow without bound.
    for (const k of this.failures.keys()) {
      if (this.failures.size < MAX_KEYS) break;
      this.failures.delete(k);
    }
  }
}

function key(user: string, ip: string): string {
  return `${user.toLowerCase()}\u0000${ip}`;
}
