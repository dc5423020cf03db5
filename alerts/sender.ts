import { DeliveryError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { OutboxAlert, Tip } from '../core/types.js';
import type { Store } from '../store/store.js';
import type { Channel } from './types.js';

/** What the sender needs; the store part is narrow so tests and other backends can provide it. */
export interface SenderDeps {
  store: Pick<Store, 'dueAlerts' | 'getTip' | 'markAlertSent' | 'markAlertFailed'>;
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
}

/** Outcome of one sender run: alerts delivered and alerts that failed (retry scheduled or dead). */
export interface SendResult {
  sent: number;
  failed: number;
}

const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 60 * 60_000;
const JITTER = 0.2;

/** Delay before the next try after `attempts` failed ones: 30 s × 2^(attempts-1), capped at 1 h, ±20 %. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
  return Math.round(base * (1 - JITTER + 2 * JITTER * random()));
}

type Outcome = { sent: true } | { sent: false; reason: string; retryable: boolean };

function describe(error: unknown): { reason: string; retryable: boolean } {
  if (error instanceof DeliveryError) return { reason: error.message, retryable: error.retryable };
  // An unexpected error may be transient (a store hiccup); maxAttempts still bounds the retries.
  return { reason: error instanceof Error ? error.message : String(error), retryable: true };
}

async function deliver(deps: SenderDeps, alert: OutboxAlert, channel: Channel, tip: Tip): Promise<Outcome> {
  const consoleUrl = deps.consoleUrl?.(tip);
  try {
    const reply = await channel.send({
      alertId: alert.id,
      tip,
      roundName: deps.roundNames.get(tip.roundId) ?? tip.roundId,
      ...(consoleUrl !== undefined && { consoleUrl }),
    });
    if (reply.ok) return { sent: true };
    return {
      sent: false,
      reason: `${alert.channel}: refused (${reply.detail ?? reply.status ?? 'no detail'})`,
      retryable: true,
    };
  } catch (error) {
    return { sent: false, ...describe(error) };
  }
}

async function attempt(deps: SenderDeps, alert: OutboxAlert): Promise<Outcome> {
  const channel = deps.channels.get(alert.channel);
  if (!channel) {
    return {
      sent: false,
      reason: `unknown channel "${alert.channel}" (not in channels.yaml)`,
      retryable: false,
    };
  }
  const tip = await deps.store.getTip(alert.tipId);
  if (!tip) return { sent: false, reason: `tip ${alert.tipId} not found`, retryable: false };
  return deliver(deps, alert, channel, tip);
}

/** One alert end to end; records the outcome in the store and never throws. */
async function processAlert(deps: SenderDeps, alert: OutboxAlert, log: Logger): Promise<boolean> {
  const now = deps.now ?? (() => new Date());
  const maxAttempts = deps.maxAttempts ?? 8;
  const target = deps.channels.get(alert.channel)?.target;
  const fields = { alertId: alert.id, tipId: alert.tipId, channel: alert.channel, ...(target && { target }) };
  try {
    const outcome = await attempt(deps, alert).catch((error: unknown) => ({
      sent: false as const,
      ...describe(error),
    }));
    if (outcome.sent) {
      await deps.store.markAlertSent(alert.id, now().toISOString());
      log.info({ ...fields, attempts: alert.attempts + 1 }, 'alert sent');
      return true;
    }
    const attempts = alert.attempts + 1;
    const dead = !outcome.retryable || attempts >= maxAttempts;
    const next = new Date(now().getTime() + (dead ? 0 : retryDelayMs(attempts, deps.random)));
    await deps.store.markAlertFailed(alert.id, outcome.reason, next.toISOString(), dead);
    const entry = {
      ...fields,
      attempts,
      error: outcome.reason,
      ...(!dead && { nextAttemptAt: next.toISOString() }),
    };
    if (dead) log.error(entry, 'alert given up');
    else log.warn(entry, 'alert failed, will retry');
  } catch (error) {
    // The store could not record the outcome; the alert stays due and is tried again next run.
    log.error({ ...fields, err: error }, 'could not record alert outcome');
  }
  return false;
}

/**
 * Sends the alerts that are due, one at a time, oldest first. A failure of one alert is recorded (retry with
 * backoff, or dead) and never thrown; the promise rejects only when the store cannot list due alerts.
 */
export async function sendDueAlerts(deps: SenderDeps): Promise<SendResult> {
  const now = deps.now ?? (() => new Date());
  const due = await deps.store.dueAlerts(now().toISOString(), deps.batchSize ?? 50);
  const result: SendResult = { sent: 0, failed: 0 };
  for (const alert of due) {
    if (await processAlert(deps, alert, deps.logger)) result.sent++;
    else result.failed++;
  }
  return result;
}

/** A sender whose runs never overlap: a call during a run gets that run's result. */
export interface AlertSender {
  runOnce(): Promise<SendResult>;
}

/** Wraps sendDueAlerts for a timer: overlapping calls share the run in progress. */
export function createAlertSender(deps: SenderDeps): AlertSender {
  let running: Promise<SendResult> | undefined;
  return {
    runOnce() {
      if (!running) {
        running = sendDueAlerts(deps).finally(() => {
          running = undefined;
        });
      }
      return running;
    },
  };
}
