import type { ScorePart } from '../core/types.js';

/** How far a story has spread: its cluster as the store sees it. */
export interface SpreadStats {
  /** Items in the story cluster (1 = no repost yet). */
  articles: number;
  /** Distinct sites (source ids) among them. */
  sites: number;
  /** Forum replies stored under the story's threads. */
  replies: number;
}

/** Points per extra site carrying the story, and the cap of the whole spread part. */
export const SPREAD_POINTS_PER_SITE = 6;
export const SPREAD_POINTS_PER_REPOST = 2;
export const SPREAD_POINTS_PER_REPLY = 1;
export const SPREAD_CAP = 30;

/**
 * The spread addend of a story's score: reposts, extra sites and replies raise it, capped so spread alone
 * never makes a story red. Undefined when the story has not spread at all.
 */
export function spreadPart(stats: SpreadStats): ScorePart | undefined {
  const extraSites = Math.max(0, stats.sites - 1);
  const reposts = Math.max(0, stats.articles - stats.sites);
  const replies = Math.max(0, stats.replies);
  const raw =
    extraSites * SPREAD_POINTS_PER_SITE +
    reposts * SPREAD_POINTS_PER_REPOST +
    replies * SPREAD_POINTS_PER_REPLY;
  if (raw <= 0) return undefined;
  const points = Math.min(SPREAD_CAP, raw);
  return {
    kind: 'spread',
    label: `传播：${stats.sites} 个网站、${stats.articles} 篇、${replies} 条回复`,
    count: stats.articles,
    points,
  };
}
