import { StoreError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { OutboxAlert, Tip } from '../core/types.js';
import type { Store } from '../store/store.js';
import { mergedDeliveryId } from './channels/delivery-id.js';
import { type MergedItem, mergedNotice } from './merge.js';
import {
  attempt,
  classifyFailure,
  type Outcome,
  permanent,
  RATE_LIMIT_REST_MS,
  refused,
  retryDelayMs,
} from './outcome.js';
import { reclaimFromGone, senderOwner } from './sender-owner.js';
import {
  perMinuteLimit,
  perSecondLimit,
  recordLimited,
  recordSent,
  roomLeft,
  secondWaitMs,
  type ThrottleState,
  throttleOf,
  windowFreesAt,
} from './throttle.js';
import type { Channel } from './types.js';

export { retryDelayMs } from './outcome.js';
export { reclaimFromGone } from './sender-owner.js';

/** What the sender needs; the store part is narrow so tests and other backends can provide it. */
export interface SenderDeps {
  store: Pick<
    Store,
    | 'claimAlerts'
    | 'releaseAlerts'
    | 'claimHolders'
    | 'releaseClaimsOf'
    | 'getTip'
    | 'getNotice'
    | 'markAlertSent'
    | 'markAlertsSent'
    | 'markAlertFailed'
  >;
  channels: Map<string, Channel>;
  /** Round id → round name, for the message text. */
  roundNames: Map<string, string>;
  /** Link to a tip in the console, when the console has a public URL. */
  consoleUrl?: (tip: Tip) => string | undefined;
  logger: Logger;
  now?: () => Date;
  /** Attempts before an alert is given up (dead); default 8. */
  maxAttempts?: number;
  /** Alerts taken per run; default 50. */
  batchSize?: number;
  /** Source of jitter in [0, 1); default Math.random. */
  random?: () => number;
  /** IANA zone of times in merged messages; default Asia/Shanghai. */
  timeZone?: string;
  /** Pause between messages to a robot with a per-second limit (飞书); default a real timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Who claims the alerts, unique per sender (instances share the store); default senderOwner(). */
  owner?: string;
  /**
   * How long a claim lasts; default 2 min. No message starts after half of it, so one in flight (a send times
   * out well within a minute) is recorded before another instance may take its alerts.
   */
  leaseMs?: number;
  /** Called once an alert is given up (dead), with its final state; must not throw (notifyDeadAlert). */
  onDead?: (alert: OutboxAlert) => Promise<unknown>;
  /** Whether a claim holder's process is gone (its alerts may be taken at once); default ownerGone. */
  ownerGone?: (owner: string) => boolean;
}

/** Default claim length: longer than twice a send's timeout. */
export const DEFAULT_LEASE_MS = 120_000;

/** Outcome of one sender run: alerts delivered, failed (retry scheduled or dead), and left for later. */
export interface SendResult {
  sent: number;
  failed: number;
  /** Due alerts not tried this run because their channel is resting after "too many". */
  deferred?: number;
}

/** Per-run context: the dependencies, the clock, the claim and the tallies. */
interface Run {
  deps: SenderDeps;
  log: Logger;
  throttles: ThrottleState;
  result: Required<SendResult>;
  nowMs: () => number;
  owner: string;
  /** No message starts at or after this time (half the lease): the claim must outlast the send. */
  sendUntilMs: number;
  /** Alerts whose outcome was recorded (or tried to be); the rest are released at the end of the run. */
  handled: Set<string>;
}

/** Whether the claim is too old to start another message. */
function leaseSpent(run: Run): boolean {
  return run.nowMs() >= run.sendUntilMs;
}

function logFields(run: Run, alerts: readonly OutboxAlert[], channel: string) {
  const target = run.deps.channels.get(channel)?.target;
  const first = alerts[0];
  return {
    ...(alerts.length === 1 && first
      ? { alertId: first.id, ...(first.noticeId ? { noticeId: first.noticeId } : { tipId: first.tipId }) }
      : { alertIds: alerts.map((a) => a.id) }),
    channel,
    ...(target && { target }),
  };
}

/**
 * Record the outcome of one message that carried `alerts` (one, or a merged batch); never throws. A failure
 * counts as an attempt of each alert: retried with backoff (at least what the receiver asked), or dead.
 */
async function record(run: Run, alerts: readonly OutboxAlert[], channel: string, outcome: Outcome) {
  const { deps, owner } = run;
  const fields = logFields(run, alerts, channel);
  const nowIso = new Date(run.nowMs()).toISOString();
  for (const alert of alerts) run.handled.add(alert.id);
  try {
    if (outcome.sent) {
      if (alerts.length === 1 && alerts[0]) await deps.store.markAlertSent(alerts[0].id, nowIso, owner);
      else
        await deps.store.markAlertsSent(
          alerts.map((a) => a.id),
          nowIso,
          owner,
        );
      run.result.sent += alerts.length;
      run.log.info({ ...fields, merged: alerts.length > 1 || undefined }, 'alert sent');
      return;
    }
    const maxAttempts = deps.maxAttempts ?? 8;
    for (const alert of alerts) {
      const attempts = alert.attempts + 1;
      const dead = !outcome.retryable || attempts >= maxAttempts;
      const wait = Math.max(retryDelayMs(attempts, deps.random), outcome.retryAfterMs ?? 0);
      const next = new Date(run.nowMs() + (dead ? 0 : wait)).toISOString();
      await deps.store.markAlertFailed(alert.id, outcome.reason, next, dead, owner);
      run.result.failed++;
      const entry = { ...logFields(run, [alert], channel), attempts, error: outcome.reason };
      if (dead) {
        run.log.error(entry, 'alert given up');
        await deps.onDead?.({
          ...alert,
          status: 'dead',
          attempts,
          lastError: outcome.reason,
          nextAttemptAt: next,
        });
      } else run.log.warn({ ...entry, nextAttemptAt: next }, 'alert failed, will retry');
    }
  } catch (error) {
    if (error instanceof StoreError && error.code === 'E_STORE_CONFLICT') {
      // Our lease ran out and another instance took the alerts: its outcome is the one that counts.
      run.log.warn({ ...fields, owner, err: error }, 'alert claim lost to another instance');
    } else {
      // The store could not record the outcome; the alerts fall due again when the lease ends.
      run.log.error({ ...fields, err: error }, 'could not record alert outcome');
    }
    if (outcome.sent) run.result.sent += alerts.length;
    else run.result.failed += alerts.length;
  }
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// Waits, when the channel has a per-second limit (飞书 5/s), until one more message fits in the second.
async function pace(run: Run, channel: Channel): Promise<void> {
  const wait = secondWaitMs(throttleOf(run.throttles, channel.name), perSecondLimit(channel), run.nowMs());
  if (wait > 0) await (run.deps.sleep ?? realSleep)(wait);
}

/** Deliver one alert on its own and record it; false when the channel said "too many" (stop the channel). */
async function sendOne(run: Run, alert: OutboxAlert, channel: Channel): Promise<boolean> {
  await pace(run, channel);
  const outcome = await attempt(run.deps, alert, channel);
  const t = throttleOf(run.throttles, channel.name);
  if (outcome.sent) recordSent(t, run.nowMs());
  else if (outcome.limited) recordLimited(t, run.nowMs() + (outcome.retryAfterMs ?? RATE_LIMIT_REST_MS));
  await record(run, [alert], channel.name, outcome);
  return outcome.sent || !outcome.limited;
}

/** Deliver tip alerts as one merged message listing them; alerts whose tip is gone are given up. */
async function sendMerged(run: Run, alerts: readonly OutboxAlert[], channel: Channel): Promise<void> {
  const items: MergedItem[] = [];
  const carried: OutboxAlert[] = [];
  for (const alert of alerts) {
    const tip = await run.deps.store.getTip(alert.tipId).catch(() => undefined);
    if (!tip) {
      await record(run, [alert], channel.name, permanent(`tip ${alert.tipId} not found`));
      continue;
    }
    const consoleUrl = run.deps.consoleUrl?.(tip);
    items.push({
      tip,
      upgrade: alert.upgrade === true,
      ...(alert.realert && { realert: true }),
      ...(consoleUrl !== undefined && { consoleUrl }),
    });
    carried.push(alert);
  }
  if (carried.length === 0) return;
  let outcome: Outcome;
  await pace(run, channel);
  try {
    const reply = await channel.sendNotice(mergedNotice(items, run.deps.timeZone), {
      id: mergedDeliveryId(carried.map((a) => a.id)),
    });
    outcome = reply.ok ? { sent: true } : refused(channel.name, reply);
  } catch (error) {
    outcome = { sent: false, ...classifyFailure(error) };
  }
  const t = throttleOf(run.throttles, channel.name);
  if (outcome.sent) recordSent(t, run.nowMs());
  else if (outcome.limited) recordLimited(t, run.nowMs() + (outcome.retryAfterMs ?? RATE_LIMIT_REST_MS));
  await record(run, carried, channel.name, outcome);
}

/**
 * One channel's due alerts, oldest first. A robot with a per-minute limit gets one merged message for its tip
 * alerts when they exceed the room left this minute or when it said "too many" before; a channel resting after
 * "too many" is skipped until its rest is over.
 */
async function sendChannel(run: Run, name: string, alerts: OutboxAlert[]): Promise<void> {
  const channel = run.deps.channels.get(name);
  if (!channel) {
    for (const alert of alerts) {
      await record(run, [alert], name, permanent(`unknown channel "${name}" (not in channels.yaml)`));
    }
    return;
  }
  const t = throttleOf(run.throttles, name);
  const now = run.nowMs();
  if (now < t.blockedUntil || leaseSpent(run)) {
    run.result.deferred += alerts.length;
    return;
  }
  const room = roomLeft(t, perMinuteLimit(channel), now);
  const tips = alerts.filter((a) => !a.noticeId);
  if (tips.length > 1 && (tips.length > room || t.limited)) {
    if (room <= 0) {
      // Even the merged message must wait for a free slot of the minute.
      t.blockedUntil = windowFreesAt(t);
      run.result.deferred += alerts.length;
      return;
    }
    await sendMerged(run, tips, channel);
    alerts = alerts.filter((a) => a.noticeId);
  }
  for (const [i, alert] of alerts.entries()) {
    const full = roomLeft(t, perMinuteLimit(channel), run.nowMs()) <= 0;
    if (run.nowMs() < t.blockedUntil || full || leaseSpent(run)) {
      run.result.deferred += alerts.length - i;
      return;
    }
    if (!(await sendOne(run, alert, channel))) {
      run.result.deferred += alerts.length - i - 1;
      return;
    }
  }
}

// Alerts claimed but not tried this run (resting channel, spent lease) go back at once, so any instance may
// take them on its next run instead of waiting for the lease to end.
async function releaseUnhandled(run: Run, claimed: readonly OutboxAlert[]): Promise<void> {
  const left = claimed.filter((a) => !run.handled.has(a.id)).map((a) => a.id);
  if (left.length === 0) return;
  try {
    await run.deps.store.releaseAlerts(left, run.owner);
  } catch (error) {
    run.log.warn({ alertIds: left, err: error }, 'could not release alert claims; they lapse with the lease');
  }
}

/**
 * Claims the alerts that are due and sends them, channel by channel, oldest first, one message at a time. The
 * claim (a lease in the store) keeps other instances off these alerts, so with several instances on one store
 * an alert is still sent once; only a crash between "sent" and "marked sent" can repeat that one message,
 * after its lease ends. A failure is recorded (retry with backoff, or dead) and never thrown; the promise
 * rejects only when the store cannot claim due alerts.
 */
export async function sendDueAlerts(
  deps: SenderDeps,
  throttles: ThrottleState = new Map(),
): Promise<SendResult> {
  const clock = deps.now ?? (() => new Date());
  const owner = deps.owner ?? senderOwner();
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const claimedAt = clock();
  const due = await deps.store.claimAlerts(claimedAt.toISOString(), owner, leaseMs, deps.batchSize ?? 50);
  const run: Run = {
    deps,
    log: deps.logger,
    throttles,
    result: { sent: 0, failed: 0, deferred: 0 },
    nowMs: () => clock().getTime(),
    owner,
    sendUntilMs: claimedAt.getTime() + leaseMs / 2,
    handled: new Set(),
  };
  const byChannel = new Map<string, OutboxAlert[]>();
  for (const alert of due) byChannel.set(alert.channel, [...(byChannel.get(alert.channel) ?? []), alert]);
  try {
    for (const [name, alerts] of byChannel) await sendChannel(run, name, alerts);
  } finally {
    await releaseUnhandled(run, due);
  }
  const { sent, failed, deferred } = run.result;
  return { sent, failed, ...(deferred > 0 && { deferred }) };
}

/** A sender whose runs never overlap: a call during a run gets that run's result. */
export interface AlertSender {
  runOnce(): Promise<SendResult>;
}

/**
 * Wraps sendDueAlerts for a timer: overlapping calls share the run in progress; throttles and the claim owner
 * persist across runs.
 */
export function createAlertSender(input: SenderDeps): AlertSender {
  const deps: SenderDeps = { ...input, owner: input.owner ?? senderOwner() };
  let running: Promise<SendResult> | undefined;
  const throttles: ThrottleState = new Map();
  // Once, on the first run (a start after a crash): later, any lost claim has run out by itself.
  let reclaimed = false;
  const run = async () => {
    if (!reclaimed) {
      reclaimed = true;
      await reclaimFromGone(deps);
    }
    return sendDueAlerts(deps, throttles);
  };
  return {
    runOnce() {
      if (!running) {
        running = run().finally(() => {
          running = undefined;
        });
      }
      return running;
    },
  };
}
