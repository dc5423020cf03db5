import type { RoundConfig } from '../config/schema.js';
import type { Assessment, ProcessedArticle, ScorePart } from '../core/types.js';
import { levelFor } from '../pipeline/level.js';
import { type SpreadStats, spreadPart } from '../pipeline/spread.js';
import type { NewTip } from '../store/store.js';
import { buildTip, channelsFor, type TeamChannels, unitTeam } from './routing.js';

/** A stored member of a story, as far as escalation needs it. */
export type ClusterMember = Pick<ProcessedArticle, 'id' | 'sourceId' | 'assessments'> & {
  parentUrl?: string;
};

/** How far the story has spread once `article` joins the `members` already stored. */
export function clusterSpread(article: ClusterMember, members: readonly ClusterMember[]): SpreadStats {
  const all = [...members, article];
  return {
    articles: all.length,
    sites: new Set(all.map((m) => m.sourceId)).size,
    replies: all.filter((m) => m.parentUrl !== undefined).length,
  };
}

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

/**
 * The tips of a story after `article` joins it (members = the cluster's stored items, empty for a new story):
 * for each active round and unit, level = levelFor(best member score + spread points). The store creates a tip
 * that does not exist yet and raises one whose level is lower (an upgrade alert); otherwise nothing happens,
 * so a repost at the same level never alerts again.
 */
export function clusterTips(
  article: ProcessedArticle,
  members: readonly ProcessedArticle[],
  clusterId: string,
  rounds: readonly RoundConfig[],
  now: string,
  teams: TeamChannels = {},
): NewTip[] {
  const all: ProcessedArticle[] = [...members, article];
  const spread = members.length > 0 ? spreadPart(clusterSpread(article, members)) : undefined;
  const tips: NewTip[] = [];
  for (const round of rounds) {
    if (!round.active) continue;
    for (const [unitId, best] of bestPerUnit(round.id, all)) {
      const source = all.find((a) => a.id === best.member.id) ?? article;
      const score = best.assessment.score + (spread?.points ?? 0);
      const parts: ScorePart[] = [...best.assessment.parts, ...(spread ? [spread] : [])];
      const level = levelFor(score, round.levels, parts);
      const phase = best.assessment.phase;
      const team = unitTeam(round, best.unit);
      const target = { unitId, ...(team !== undefined && { team }) };
      const channels = channelsFor(round, { level, ...(phase !== undefined && { phase }) }, target, teams);
      if (channels.length === 0) continue;
      const scored = { level, score, parts, ...(phase !== undefined && { phase }) };
      tips.push({ tip: buildTip(round, source, best.unit, clusterId, scored, now), channels });
    }
  }
  return tips;
}
