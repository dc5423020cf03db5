import type { RoundConfig } from '../config/schema.js';
import type { Assessment, ProcessedArticle, ScorePart } from '../core/types.js';
import { levelFor } from '../pipeline/level.js';
import { type SpreadStats, spreadPart } from '../pipeline/spread.js';
import type { NewTip } from '../store/store.js';
import type { Freshness } from './freshness.js';
import { buildTip, channelsFor, realertFor, type TeamChannels, unitTeam } from './routing.js';

/** A stored member of a story, as far as escalation needs it. */
export type ClusterMember = Pick<ProcessedArticle, 'id' | 'sourceId' | 'assessments'>;

/**
 * How far a story has spread: its members (plus `article` when it is joining) and the forum replies stored under
 * the story's threads (Store.countReplies over the members' URLs, plus one when the joining item is such a reply).
 */
export function clusterSpread(
  article: ClusterMember | undefined,
  members: readonly ClusterMember[],
  replies = 0,
): SpreadStats {
  const all = article ? [...members, article] : [...members];
  return {
    articles: all.length,
    sites: new Set(all.map((m) => m.sourceId)).size,
    replies,
  };
}

/** Whether a story member may raise alerts for a round (alerts/freshness.ts); absent = every member may. */
export type FreshnessCheck = (member: ProcessedArticle, round: RoundConfig) => Freshness;

// Said in the explanation when an item's age is judged by when it was first seen.
const FIRST_SEEN_PART: ScorePart = {
  kind: 'context',
  label: '没有发布时间，按首次发现时间判断时效',
  points: 0,
};

interface Best {
  member: ClusterMember;
  assessment: Assessment;
  unit: Assessment['units'][number];
}

// The strongest assessment of each unit of a round over the members; the first member wins a tie.
function bestPerUnit(roundId: string, all: readonly ClusterMember[]): Map<string, Best> {
  const best = new Map<string, Best>();
  for (const member of all) {
    for (const assessment of member.assessments) {
      if (assessment.roundId !== roundId) continue;
      for (const unit of assessment.units) {
        const current = best.get(unit.unitId);
        if (!current || assessment.score > current.assessment.score) {
          best.set(unit.unitId, { member, assessment, unit });
        }
      }
    }
  }
  return best;
}

// The tips of a story whose items are `all` (at least one) and whose spread is `stats`.
function storyTips(
  all: readonly ProcessedArticle[],
  stats: SpreadStats,
  clusterId: string,
  rounds: readonly RoundConfig[],
  now: string,
  teams: TeamChannels,
  fresh?: FreshnessCheck,
): NewTip[] {
  const spread = spreadPart(stats);
  const tips: NewTip[] = [];
  for (const round of rounds) {
    if (!round.active) continue;
    // Stale members still count in the spread, but only news can make or raise a tip.
    const judged = all.map((member) => ({ member, freshness: fresh?.(member, round) }));
    const alertable = judged.filter((j) => j.freshness?.alertable !== false).map((j) => j.member);
    for (const [unitId, best] of bestPerUnit(round.id, alertable)) {
      const source = alertable.find((a) => a.id === best.member.id) ?? alertable[alertable.length - 1];
      if (!source) continue;
      const score = best.assessment.score + (spread?.points ?? 0);
      const seen = judged.find((j) => j.member.id === source.id)?.freshness;
      const dated = seen?.alertable === true && seen.basis === 'first-seen' ? [FIRST_SEEN_PART] : [];
      const parts: ScorePart[] = [...best.assessment.parts, ...(spread ? [spread] : []), ...dated];
      const level = levelFor(score, round.levels, parts);
      const phase = best.assessment.phase;
      const team = unitTeam(round, best.unit);
      const target = { unitId, ...(team !== undefined && { team }) };
      const routed = { level, ...(phase !== undefined && { phase }) };
      const channels = channelsFor(round, routed, target, teams);
      if (channels.length === 0) continue;
      const realertMs = realertFor(round, routed, target, teams);
      const scored = { level, score, parts, ...(phase !== undefined && { phase }) };
      tips.push({
        tip: buildTip(round, source, best.unit, clusterId, scored, now),
        channels,
        ...(Object.keys(realertMs).length > 0 && { realertMs }),
      });
    }
  }
  return tips;
}

/**
 * The tips of a story after `article` joins it (members = the cluster's stored items, empty for a new story;
 * replies = forum replies stored under the story's threads): for each active round and unit, level =
 * levelFor(best member score + spread points). The store creates a tip that does not exist yet and raises one
 * whose level is lower (an upgrade alert); at the same level only a route's `realert` wait can send it again.
 */
export function clusterTips(
  article: ProcessedArticle,
  members: readonly ProcessedArticle[],
  clusterId: string,
  rounds: readonly RoundConfig[],
  now: string,
  teams: TeamChannels = {},
  replies = 0,
  fresh?: FreshnessCheck,
): NewTip[] {
  return storyTips(
    [...members, article],
    clusterSpread(article, members, replies),
    clusterId,
    rounds,
    now,
    teams,
    fresh,
  );
}

/**
 * The tips of a thread's story re-assessed because a new forum reply arrived. A reply is stored as its own item
 * (its own words are scored on their own, and it is its own story unless it repeats another item); it does not
 * join the thread's cluster, but it counts in the thread story's spread: `replies` includes the new reply.
 * For IngestRecord.threadTips.
 */
export function threadTips(
  members: readonly ProcessedArticle[],
  clusterId: string,
  rounds: readonly RoundConfig[],
  now: string,
  teams: TeamChannels = {},
  replies = 0,
  fresh?: FreshnessCheck,
): NewTip[] {
  if (members.length === 0) return [];
  return storyTips(members, clusterSpread(undefined, members, replies), clusterId, rounds, now, teams, fresh);
}
