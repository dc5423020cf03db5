// One delivery attempt and what it came to: success, a retryable failure (with backoff), a rate limit, or a
// permanent failure. The sender records the outcome; this file only decides it.
import { DeliveryError } from '../core/errors.js';
import type { OutboxAlert } from '../core/types.js';
import { RateLimitError } from './channels/http.js';
import type { SenderDeps } from './sender.js';
import type { Channel, ChannelReply } from './types.js';

const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 60 * 60_000;
const JITTER = 0.2;
/** A robot that answered with a rate-limit code rests at least this long (its limit is per minute). */
export const RATE_LIMIT_REST_MS = 60_000;

/** Delay before the next try after `attempts` failed ones: 30 s × 2^(attempts-1), capped at 1 h, ±20 %. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
  return Math.round(base * (1 - JITTER + 2 * JITTER * random()));
}

/** Why a message was not delivered, and whether to retry. */
export type Failure = { reason: string; retryable: boolean; retryAfterMs?: number; limited: boolean };
/** What one message attempt came to. */
export type Outcome = { sent: true } | ({ sent: false } & Failure);

/** Classify an error thrown by a channel. */
export function classifyFailure(error: unknown): Failure {
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

/** A reply the receiver gave that is not success: retryable. */
export function refused(channel: string, reply: ChannelReply): Outcome {
  const detail = reply.detail ?? reply.status ?? 'no detail';
  return { sent: false, reason: `${channel}: refused (${detail})`, retryable: true, limited: false };
}

/** A failure no retry can fix. */
export function permanent(reason: string): Outcome {
  return { sent: false, reason, retryable: false, limited: false };
}

/** Send one alert (tip or notice) on its channel; never throws. */
export async function attempt(deps: SenderDeps, alert: OutboxAlert, channel: Channel): Promise<Outcome> {
  try {
    let reply: ChannelReply;
    if (alert.noticeId) {
      const notice = await deps.store.getNotice(alert.noticeId);
      if (!notice) return permanent(`notice ${alert.noticeId} not found`);
      reply = await channel.sendNotice(notice, { id: alert.id });
    } else {
      const tip = await deps.store.getTip(alert.tipId);
      if (!tip) return permanent(`tip ${alert.tipId} not found`);
      const consoleUrl = deps.consoleUrl?.(tip);
      reply = await channel.send(
        {
          alertId: alert.id,
          tip,
          roundName: deps.roundNames.get(tip.roundId) ?? tip.roundId,
          ...(consoleUrl !== undefined && { consoleUrl }),
          ...(alert.upgrade && { upgrade: true }),
          ...(alert.realert && { realert: true }),
        },
        { id: alert.id },
      );
    }
    return reply.ok ? { sent: true } : refused(alert.channel, reply);
  } catch (error) {
    return { sent: false, ...classifyFailure(error) };
  }
}
