import type { Channel } from './types.js';

/** Messages per minute the 钉钉 and 企业微信 group robots accept; more in a burst are merged into one. */
export const ROBOT_MESSAGES_PER_MINUTE = 20;
/** Messages a 飞书 custom bot accepts per minute (more are merged) and per second (the sender paces them). */
export const FEISHU_MESSAGES_PER_MINUTE = 100;
export const FEISHU_MESSAGES_PER_SECOND = 5;

const WINDOW_MS = 60_000;
const SECOND_MS = 1_000;

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
  if (channel.type === 'dingtalk' || channel.type === 'wecom') return ROBOT_MESSAGES_PER_MINUTE;
  return channel.type === 'feishu' ? FEISHU_MESSAGES_PER_MINUTE : undefined;
}

/** Messages a channel takes per second; undefined when it has no such limit. */
export function perSecondLimit(channel: Channel): number | undefined {
  return channel.type === 'feishu' ? FEISHU_MESSAGES_PER_SECOND : undefined;
}

/** Ms to wait before the next message so that at most `limit` go out in any second (0: send now). */
export function secondWaitMs(t: ChannelThrottle, limit: number | undefined, nowMs: number): number {
  if (limit === undefined || limit <= 0) return 0;
  const recent = t.sentAt.filter((at) => at > nowMs - SECOND_MS);
  const oldest = recent[recent.length - limit];
  return oldest === undefined ? 0 : Math.max(0, oldest + SECOND_MS - nowMs);
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
