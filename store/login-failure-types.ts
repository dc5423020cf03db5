// Failed logins kept by the store (issue 23): the login throttle's memory, so a restart does not reset it. The
// thresholds and windows are the console's business (console/auth/rate-limit.ts); the store only records and counts.

/** One login attempt counted as failed under each of its keys (e.g. `user:alice`, `ip:10.0.0.1`, `all`). */
export interface LoginFailure {
  /** Random id of the attempt, to withdraw it when the login succeeds. */
  id: string;
  keys: readonly string[];
  /** ISO time of the attempt. */
  at: string;
}

/** A key to count, and which newest failure's time to report (1 = the newest). */
export interface LoginFailureQuery {
  key: string;
  nth: number;
}

/** How many failures a key has after `since`, and the time of its `nth` newest one (absent when fewer). */
export interface LoginFailureCount {
  key: string;
  count: number;
  nthNewestAt?: string;
}

/** Records, counts and forgets failed logins per key. */
export interface LoginFailureStore {
  /** Record one failed attempt under each of its keys. */
  addLoginFailure(failure: LoginFailure): Promise<void>;
  /** Per query, the key's failures strictly after `since` (ISO), and the time of its `nth` newest (nth ≥ 1). */
  countLoginFailures(queries: readonly LoginFailureQuery[], since: string): Promise<LoginFailureCount[]>;
  /** Withdraw one attempt under every key (the login it counted succeeded). */
  withdrawLoginFailure(id: string): Promise<void>;
  /** Forget every failure of one key (a successful login clears its user's count). */
  clearLoginFailures(key: string): Promise<void>;
  /** Delete failures at or before `before` (ISO); returns how many records went. */
  pruneLoginFailures(before: string): Promise<number>;
}
