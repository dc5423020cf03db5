// Failed logins (issue 23): what the login throttle relies on, on every backend.
import { describe, expect, it } from 'vitest';
import type { ContractContext } from './context.js';

const T = (minute: number) => new Date(Date.UTC(2026, 2, 1, 8, minute)).toISOString();

/** The login-failure section of the Store contract. */
export function loginFailureContract(ctx: ContractContext): void {
  describe('failed logins (issue 23)', () => {
    it('counts failures per key after a time, reports the nth newest, and keeps them across a reopen', async () => {
      const failures = ctx.store().loginFailures;
      await failures.addLoginFailure({ id: 'a1', keys: ['user:alice', 'ip:10.0.0.1', 'all'], at: T(1) });
      await failures.addLoginFailure({ id: 'a2', keys: ['user:alice', 'ip:10.0.0.2', 'all'], at: T(2) });
      await failures.addLoginFailure({ id: 'a3', keys: ['user:bob', 'ip:10.0.0.1', 'all'], at: T(3) });
      const reopened = (await ctx.reopen()).loginFailures;
      const counts = await reopened.countLoginFailures(
        [
          { key: 'user:alice', nth: 2 },
          { key: 'ip:10.0.0.1', nth: 1 },
          { key: 'all', nth: 3 },
          { key: 'user:carol', nth: 1 },
        ],
        T(0),
      );
      expect(counts).toEqual([
        { key: 'user:alice', count: 2, nthNewestAt: T(1) },
        { key: 'ip:10.0.0.1', count: 2, nthNewestAt: T(3) },
        { key: 'all', count: 3, nthNewestAt: T(1) },
        { key: 'user:carol', count: 0 },
      ]);
      // `since` is exclusive; an nth past the count has no time.
      expect(await reopened.countLoginFailures([{ key: 'all', nth: 3 }], T(1))).toEqual([
        { key: 'all', count: 2 },
      ]);
    });

    it('withdraws one attempt under all its keys, clears one key alone, and prunes old failures', async () => {
      const failures = ctx.store().loginFailures;
      await failures.addLoginFailure({ id: 'a1', keys: ['user:alice', 'ip:x', 'all'], at: T(1) });
      await failures.addLoginFailure({ id: 'a2', keys: ['user:alice', 'ip:x', 'all'], at: T(2) });
      await failures.addLoginFailure({ id: 'a3', keys: ['user:bob', 'ip:x', 'all'], at: T(5) });
      await failures.withdrawLoginFailure('a2');
      const count = async (key: string) =>
        (await failures.countLoginFailures([{ key, nth: 1 }], T(0)))[0]?.count;
      expect([await count('user:alice'), await count('ip:x'), await count('all')]).toEqual([1, 2, 2]);
      await failures.clearLoginFailures('user:alice');
      expect([await count('user:alice'), await count('ip:x'), await count('all')]).toEqual([0, 2, 2]);
      await failures.withdrawLoginFailure('never-recorded');
      // a1 (minute 1) goes with its two remaining keys; a3 stays.
      expect(await failures.pruneLoginFailures(T(2))).toBe(2);
      expect([await count('user:bob'), await count('ip:x'), await count('all')]).toEqual([1, 1, 1]);
    });

    it('counts attempts made in the same millisecond separately and refuses a time that is not ISO', async () => {
      const failures = ctx.store().loginFailures;
      for (const id of ['s1', 's2', 's3']) await failures.addLoginFailure({ id, keys: ['ip:y'], at: T(4) });
      expect(await failures.countLoginFailures([{ key: 'ip:y', nth: 3 }], T(3))).toEqual([
        { key: 'ip:y', count: 3, nthNewestAt: T(4) },
      ]);
      await expect(
        failures.addLoginFailure({ id: 'bad', keys: ['ip:y'], at: 'yesterday' }),
      ).rejects.toMatchObject({
        code: 'E_STORE_INPUT',
      });
    });
  });
}
