/**
 * Per-host politeness shared by every source of a cycle and across cycles: one request at a time per host,
 * a minimum delay between the end of one request and the start of the next, and pauses asked for by the host
 * (429/503 with Retry-After).
 */
export interface HostGate {
  /** Runs `task` when the URL's host is free and its delay has passed; the host stays busy until it settles. */
  run<T>(url: string, delayMs: number, task: () => Promise<T>): Promise<T>;
  /** Keeps the URL's host closed for `ms` from now (on top of the normal delay). */
  pause(url: string, ms: number): void;
}

interface HostState {
  /** Settles when the previous holder is done; chained so holders go in arrival order. */
  tail: Promise<void>;
  /** Epoch ms before which the next request must not start. */
  notBefore: number;
}

/** A host gate keyed by `host[:port]`; `clock` and `sleep` are injectable for tests. */
export function createHostGate(
  options: { clock?: () => number; sleep?: (ms: number) => Promise<void> } = {},
): HostGate {
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const hosts = new Map<string, HostState>();
  const stateOf = (url: string): HostState => {
    const key = hostKey(url);
    let state = hosts.get(key);
    if (!state) {
      state = { tail: Promise.resolve(), notBefore: 0 };
      hosts.set(key, state);
    }
    return state;
  };
  return {
    run<T>(url: string, delayMs: number, task: () => Promise<T>): Promise<T> {
      const state = stateOf(url);
      const previous = state.tail;
      let release!: () => void;
      state.tail = new Promise<void>((r) => {
        release = r;
      });
      return (async () => {
        await previous;
        try {
          // notBefore can move while we sleep (a pause from a concurrent 429), so check again after waking.
          for (let wait = state.notBefore - clock(); wait > 0; wait = state.notBefore - clock())
            await sleep(wait);
          return await task();
        } finally {
          state.notBefore = Math.max(state.notBefore, clock() + delayMs);
          release();
        }
      })();
    },
    pause(url: string, ms: number): void {
      const state = stateOf(url);
      state.notBefore = Math.max(state.notBefore, clock() + ms);
    },
  };
}

/** `host[:port]` of a URL, lower-cased; the unit of politeness. */
export function hostKey(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}
