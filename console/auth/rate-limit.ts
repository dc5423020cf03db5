// The login throttle's rule (issue 23): how many failed logins are allowed per account name, per client address
// and in total within a sliding window. The failures themselves live in the store, so a restart forgets nothing.
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { LoginFailureStore } from '../../store/store.js';

/** Failed logins allowed within the window, per account name, per client address and over everything. */
export interface LoginThrottlePolicy {
  windowMs: number;
  perUser: number;
  perIp: number;
  /** A brake on guessing spread over many addresses; reaching it pauses every login until failures age out. */
  global: number;
}

/** The limits in force: 5 per name, 20 per address, 100 in total, within 15 minutes. */
export const LOGIN_POLICY: LoginThrottlePolicy = {
  windowMs: 15 * 60 * 1000,
  perUser: 5,
  perIp: 20,
  global: 100,
};

/** Which limit refused an attempt. */
export type ThrottleScope = 'user' | 'ip' | 'all';

/** An attempt refused until `until`. */
export interface LoginBlock {
  scope: ThrottleScope;
  until: Date;
}

/** What the throttle answers to an attempt: refused, or let through with the id of its provisional failure. */
export type LoginGate = { blocked: LoginBlock } | { attempt: string };

// Prune at most this often: on Elasticsearch a prune is a delete-by-query.
const PRUNE_EVERY_MS = 60_000;

interface Limit {
  scope: ThrottleScope;
  key: string;
  max: number;
}

/** The login throttle over the store's failure records. */
export class LoginThrottle {
  private lastPruneMs = 0;

  constructor(
    private readonly failures: LoginFailureStore,
    private readonly policy: LoginThrottlePolicy = LOGIN_POLICY,
  ) {}

  /**
   * Admit an attempt or refuse it. An admitted attempt is recorded as failed before the password is checked,
   * so parallel guesses count against each other; `succeeded` withdraws it. A refused one is not recorded, so
   * hammering a locked name does not extend its lock.
   */
  async admit(user: string, ip: string, now: Date): Promise<LoginGate> {
    const limits = this.limits(user, ip);
    const before = await this.block(limits, now, 0);
    if (before) return { blocked: before };
    await this.prune(now);
    const attempt = randomUUID();
    await this.failures.addLoginFailure({
      id: attempt,
      keys: limits.map((l) => l.key),
      at: now.toISOString(),
    });
    // Parallel attempts all passed the first check; the ones that went over the limit give way.
    if (await this.block(limits, now, 1)) {
      await this.failures.withdrawLoginFailure(attempt);
      return {
        blocked: (await this.block(limits, now, 0)) ?? {
          scope: 'user',
          until: new Date(now.getTime() + 1000),
        },
      };
    }
    return { attempt };
  }

  /** The attempt's password was right: it was no failure, and the name's earlier failures are forgiven. */
  async succeeded(attempt: string, user: string): Promise<void> {
    await this.failures.withdrawLoginFailure(attempt);
    // Only the name: forgiving the address would let one known account reset an attacker's count.
    await this.failures.clearLoginFailures(userKey(user));
  }

  private limits(user: string, ip: string): Limit[] {
    return [
      { scope: 'user', key: userKey(user), max: this.policy.perUser },
      { scope: 'ip', key: `ip:${ip}`, max: this.policy.perIp },
      { scope: 'all', key: 'all', max: this.policy.global },
    ];
  }

  /** The first limit that `extra` more failures than allowed would break, with when it frees up. */
  private async block(limits: Limit[], now: Date, extra: number): Promise<LoginBlock | undefined> {
    const since = new Date(now.getTime() - this.policy.windowMs).toISOString();
    const counts = await this.failures.countLoginFailures(
      limits.map((l) => ({ key: l.key, nth: l.max + extra })),
      since,
    );
    let worst: LoginBlock | undefined;
    limits.forEach((limit, i) => {
      const count = counts[i];
      if (!count || count.count < limit.max + extra) return;
      const oldest = Date.parse(count.nthNewestAt ?? now.toISOString());
      const until = new Date(Math.max(now.getTime() + 1000, oldest + this.policy.windowMs));
      if (!worst || until > worst.until) worst = { scope: limit.scope, until };
    });
    return worst;
  }

  private async prune(now: Date): Promise<void> {
    if (now.getTime() - this.lastPruneMs < PRUNE_EVERY_MS) return;
    this.lastPruneMs = now.getTime();
    await this.failures.pruneLoginFailures(new Date(now.getTime() - this.policy.windowMs).toISOString());
  }
}

/** The store key of an account name: trimmed, NFC, lower case (names differing only in case are one name). */
export function userKey(user: string): string {
  return `user:${user.trim().normalize('NFC').toLowerCase()}`;
}

const WHO: Readonly<Record<ThrottleScope, string>> = {
  user: '该账号',
  ip: '来自该地址的',
  all: '全系统',
};

/** Seconds until the block ends (at least 1), for Retry-After. */
export function retryAfterSecs(block: LoginBlock, now: Date): number {
  return Math.max(1, Math.ceil((block.until.getTime() - now.getTime()) / 1000));
}

/** The Chinese message of a refused login: which limit, and when (office time) to try again. */
export function throttleMessage(block: LoginBlock, now: Date, zone: string): string {
  const secs = retryAfterSecs(block, now);
  const at = DateTime.fromJSDate(block.until).setZone(zone).toFormat('yyyy-MM-dd HH:mm:ss');
  const wait = secs < 60 ? `${secs} 秒` : `${Math.ceil(secs / 60)} 分钟`;
  const pause = block.scope === 'all' ? '，登录已暂停；如非本单位人员操作，请通知管理员' : '';
  return `${WHO[block.scope]}登录失败次数过多${pause}，请于 ${at} 之后再试（约 ${wait}后）`;
}
