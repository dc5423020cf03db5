// Polling for something another process or server will do: a log line, a stored item, a delivered alert.

/** What `until` waits for, and how it reports a miss. */
export interface UntilOptions {
  timeoutMs: number;
  /** Named in the error when the deadline passes. */
  what: string;
  /** Appended to that error: what the process under test printed, say. */
  context?: () => string;
  /** A probe that throws counts as "not yet" (a server still starting) instead of failing at once. */
  ignoreErrors?: boolean;
  intervalMs?: number;
}

/** Polls `probe` until it gives a value other than undefined or false; past the deadline throws naming `what`. */
export async function until<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  options: UntilOptions,
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const attempt = Promise.resolve().then(probe);
    const value = await (options.ignoreErrors ? attempt.catch(() => undefined) : attempt);
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) {
      const context = options.context ? `\n${options.context()}` : '';
      throw new Error(`timed out waiting for ${options.what} (${options.timeoutMs / 1000} s)${context}`);
    }
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 100));
  }
}
