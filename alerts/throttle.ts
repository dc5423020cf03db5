import type { Channel } from './types.js';

/** Messages per minute the 钉钉 and 企业微信 group robots accept; more in a burst are merged into one. */
export const ROBOT_MESSAGES_PER_MINUTE = 20;

const WINDOW_MS = 60_000;

/** What the sender remembers about one channel between runs (in memory: a restart starts afresh). */
export interface ChannelThrottle {
  /** Send times (ms) within the last minute. */
  sentAt: number[];
  /** Do not try the channel before this time (ms): it said "too many". */
  blockedUntil: number;
  /** The channel said "too many" and no message has gone through since: merge what waits. */
  limited: boolean;
}

/** Per-channel throttles of one sender. */
export type ThrottleState = Map<string, ChannelThrottle>;

/** The throttle of a channel, created on first use. */
export function throttleOf(state: ThrottleState, channel: string): ChannelThrottle {
  let t = state.get(channel);
  if (!t) {
    t = { sentAt: [], blockedUntil: 0, limited: false };
    state.set(channel, t);
  }
  return t;
}

/** Messages a channel takes per minute before a burst is merged; undefined when it has no such limit. */
export function perMinuteLimit(channel: Channel): number | undefined {
  return channel.type === 'dingtalk' || channel.type === 'wecom' ? ROBOT_MESSAGES_PER_MINUTE : undefined;
}

/** Messages the channel may still take in the current minute (Infinity without a limit). */
export function roomLeft(t: ChannelThrottle, limit: number | undefined, nowMs: number): number {
  t.sentAt = t.sentAt.filter((at) => at > nowMs - WINDOW_MS);
  return limit === undefined ? Number.POSITIVE_INFINITY : limit - t.sentAt.length;
}

/** When the oldest send of the window leaves it, freeing room for one more message. */
export function windowFreesAt(t: ChannelThrottle): number {
  return (t.sentAt[0] ?? 0) + WINDOW_MS;
}

/** Record one message that went through. */
export function recordSent(t: ChannelThrottle, nowMs: number): void {
  t.sentAt.push(nowMs);
  t.limited = false;
}

/** Record a "too many" answer: the channel rests until `untilMs` and what waits is merged afterwards. */
export function recordLimited(t: ChannelThrottle, untilMs: number): void {
  t.blockedUntil = Math.max(t.blockedUntil, untilMs);
  t.limited = true;
}
