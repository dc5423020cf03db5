/** The parts of a crawlee crawler that a stop needs: its pool exists only while run() is going. */
export interface AbortableCrawler {
  autoscaledPool?: { abort(): Promise<void> };
  run(): Promise<unknown>;
}

const POOL_POLL_MS = 50;

/**
 * Runs the crawler until it finishes or the signal fires (the scheduler stopping). On abort crawlee's pool is
 * aborted, so run() resolves at once and pages in flight are abandoned; without this a stop waits out every
 * page's timeout (minutes for a browser source on a loaded machine).
 */
export async function runUntilAborted(crawler: AbortableCrawler, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return;
  let done = false;
  // The pool is created a little after run() starts; an abort in between waits for it.
  const abort = () => {
    if (done) return;
    const pool = crawler.autoscaledPool;
    if (pool) void pool.abort().catch(() => undefined);
    else setTimeout(abort, POOL_POLL_MS);
  };
  signal?.addEventListener('abort', abort, { once: true });
  try {
    await crawler.run();
  } finally {
    done = true;
    signal?.removeEventListener('abort', abort);
  }
}
