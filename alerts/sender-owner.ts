// Who holds an alert claim, and whether that holder is gone. An owner id is host:pid:pid-namespace:random, so
// a sender can tell that a claim belongs to a process on its own host (same PID namespace) that has died, and
// free its alerts at once instead of waiting for the lease to run out (a restart after a crash). Anything it
// cannot be sure of (another host, another container, a pid it may not signal) counts as alive.
import { randomBytes } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import type { SenderDeps } from './sender.js';

/** This process's PID namespace id on Linux ('-' elsewhere): pids compare only within one namespace. */
function pidNamespace(): string {
  try {
    return /\[(\d+)\]/.exec(readlinkSync('/proc/self/ns/pid'))?.[1] ?? '-';
  } catch {
    return '-';
  }
}

/** A claim owner id for one sender: host, pid, PID namespace and a random part (two senders in a process differ). */
export function senderOwner(): string {
  return [hostname(), process.pid, pidNamespace(), randomBytes(4).toString('hex')].join(':');
}

/** Whether `owner` was a sender of a process on this host and PID namespace that no longer exists. */
export function ownerGone(owner: string): boolean {
  const [host, pidText, ns] = owner.split(':');
  if (host !== hostname() || ns === undefined || ns === '-' || ns !== pidNamespace()) return false;
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process exists under another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Free the live claims of senders whose process is gone (crashed on this host), so their alerts are sent now
 * rather than when the lease ends; the number of alerts freed. Never throws: the leases run out anyway.
 */
export async function reclaimFromGone(
  deps: Pick<SenderDeps, 'store' | 'owner' | 'now' | 'logger' | 'ownerGone'>,
): Promise<number> {
  const gone = deps.ownerGone ?? ownerGone;
  const now = (deps.now ?? (() => new Date()))().toISOString();
  let freed = 0;
  try {
    for (const holder of await deps.store.claimHolders(now)) {
      if (holder === deps.owner || !gone(holder)) continue;
      const count = await deps.store.releaseClaimsOf(holder);
      freed += count;
      deps.logger.info({ owner: holder, alerts: count }, 'freed the alert claims of a sender that is gone');
    }
  } catch (error) {
    deps.logger.warn({ err: error }, 'could not check for claims of senders that are gone');
  }
  return freed;
}
