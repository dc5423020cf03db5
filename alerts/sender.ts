import { DeliveryError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { OutboxAlert, Tip } from '../core/types.js';
import type { Store } from '../store/store.js';
import { RateLimitError } from './channels/http.js';
import { type MergedItem, mergedNotice } from './merge.js';
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
import type { Channel, ChannelReply } from './types.js';

/** What the sender needs; the store part is narrow so tests and other backends can provide it. */
export interface SenderDeps {
  store: Pick<
    Store,
    'dueAlerts' | 'getTip' | 'getNotice' | 'markAlertSent' | 'markAlertsSent' | 'markAlertFailed'
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
}

/** Outcome of one sender run: alerts delivered, failed (retry scheduled or dead), and left for later. */
export interface SendResult {
  sent: number;
  failed: number;
  /** Due alerts not tried this run because their channel is resting after "too many". */
  deferred?: number;
}

const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 60 * 60_000;
const JITTER = 0.2;
/** A robot that answered with a rate-limit code rests at least this long (its limit is per minute). */
const RATE_LIMIT_REST_MS = 60_000;

/** Delay before the next try after `attempts` failed ones: 30 s × 2^(attempts-1), capped at 1 h, ±20 %. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
  return Math.round(base * (1 - JITTER + 2 * JITTER * random()));
}

type Failure = { reason: string; retryable: boolean; retryAfterMs?: number; limited: boolean };
type Outcome = { sent: true } | ({ sent: false } & Failure);

function describe(error: unknown): Failure {
  if (error instanceof RateLimitError) {
    return {
      reason: error.message,
      retryable: true,
      limited: true,
      retryAfterMs: Math.max(error.retryAfterMs ?? 0, RATE_LIMIT_REST_MS),
    };
  }
  if (error instanceof DeliveryError)
    return { reason: error.message, retryable: error.retryable, limited: false };
  // An unexpected error may be transient (a store hiccup); maxAttempts still bounds the retries.
  return { reason: error instanceof Error ? error.message : String(error), retryable: true, limited: false };
}

function refused(channel: string, reply: ChannelReply): Outcome {
  const detail = reply.detail ?? reply.status ?? 'no detail';
  return { sent: false, reason: `${channel}: refused (${detail})`, retryable: true, limited: false };
}

function permanent(reason: string): Outcome {
  return { sent: false, reason, retryable: false, limited: false };
}

async function attempt(deps: SenderDeps, alert: OutboxAlert, channel: Channel): Promise<Outcome> {
  try {
    let reply: ChannelReply;
    if (alert.noticeId) {
      const notice = await deps.store.getNotice(alert.noticeId);
      if (!notice) return permanent(`notice ${alert.noticeId} not found`);
      reply = await channel.sendNotice(notice);
    } else {
      const tip = await deps.store.getTip(alert.tipId);
      if (!tip) return permanent(`tip ${alert.tipId} not found`);
      const consoleUrl = deps.consoleUrl?.(tip);
      reply = await channel.send({
        alertId: alert.id,
        tip,
        roundName: deps.roundNames.get(tip.roundId) ?? tip.roundId,
        ...(consoleUrl !== undefined && { consoleUrl }),
        ...(alert.upgrade && { upgrade: true }),
        ...(alert.realert && { realert: true }),
      });
    }
    return reply.ok ? { sent: true } : refused(alert.channel, reply);
  } catch (error) {
    return { sent: false, ...describe(error) };
  }
}

/** Per-run context: the dependencies, the clock and the tallies. */
interface Run {
  deps: SenderDeps;
  log: Logger;
  throttles: ThrottleState;
  result: Required<SendResult>;
  nowMs: () => number;
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
  const { deps } = run;
  const fields = logFields(run, alerts, channel);
  const nowIso = new Date(run.nowMs()).toISOString();
  try {
    if (outcome.sent) {
      if (alerts.length === 1 && alerts[0]) await deps.store.markAlertSent(alerts[0].id, nowIso);
      else
        await deps.store.markAlertsSent(
          alerts.map((a) => a.id),
          nowIso,
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
      await deps.store.markAlertFailed(alert.id, outcome.reason, next, dead);
      run.result.failed++;
      const entry = { ...logFields(run, [alert], channel), attempts, error: outcome.reason };
      if (dead) run.log.error(entry, 'alert given up');
      else run.log.warn({ ...entry, nextAttemptAt: next }, 'alert failed, will retry');
    }
  } catch (error) {
    // The store could not record the outcome; the alerts stay due and are tried again next run.
    run.log.error({ ...fields, err: error }, 'could not record alert outcome');
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
    const reply = await channel.sendNotice(mergedNotice(items, run.deps.timeZone));
    outcome = reply.ok ? { sent: true } : refused(channel.name, reply);
  } catch (error) {
    outcome = { sent: false, ...describe(error) };
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
  if (now < t.blockedUntil) {
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
    if (run.nowMs() < t.blockedUntil || roomLeft(t, perMinuteLimit(channel), run.nowMs()) <= 0) {
      run.result.deferred += alerts.length - i;
      return;
    }
    if (!(await sendOne(run, alert, channel))) {
      run.result.deferred += alerts.length - i - 1;
      return;
    }
  }
}

/**
 * Sends the alerts that are due, channel by channel, oldest first, one message at a time (so a crash between
 * "sent" and "marked sent" can repeat at most one message). A failure is recorded (retry with backoff, or
 * dead) and never thrown; the promise rejects only when the store cannot list due alerts.
 */
export async function sendDueAlerts(
  deps: SenderDeps,
  throttles: ThrottleState = new Map(),
): Promise<SendResult> {
  const clock = deps.now ?? (() => new Date());
  const due = await deps.store.dueAlerts(clock().toISOString(), deps.batchSize ?? 50);
  const run: Run = {
    deps,
    log: deps.logger,
    throttles,
    result: { sent: 0, failed: 0, deferred: 0 },
    nowMs: () => clock().getTime(),
  };
  const byChannel = new Map<string, OutboxAlert[]>();
  for (const alert of due) byChannel.set(alert.channel, [...(byChannel.get(alert.channel) ?? []), alert]);
  for (const [name, alerts] of byChannel) await sendChannel(run, name, alerts);
  const { sent, failed, deferred } = run.result;
  return { sent, failed, ...(deferred > 0 && { deferred }) };
}

/** A sender whose runs never overlap: a call during a run gets that run's result. */
export interface AlertSender {
  runOnce(): Promise<SendResult>;
}

/** Wraps sendDueAlerts for a timer: overlapping calls share the run in progress; throttles persist across runs. */
export function createAlertSender(deps: SenderDeps): AlertSender {
  let running: Promise<SendResult> | undefined;
  const throttles: ThrottleState = new Map();
  return {
    runOnce() {
      if (!running) {
        running = sendDueAlerts(deps, throttles).finally(() => {
          running = undefined;
        });
      }
      return running;
    },
  };
}
