import { createHash } from 'node:crypto';
import type { RoundConfig } from '../config/schema.js';
import { type Assessment, levelRank, type ProcessedArticle, type Tip } from '../core/types.js';
import type { NewTip } from '../store/store.js';

/** Stable tip id: the same round, story and unit always give the same id (24 hex digits). */
export function tipId(roundId: string, clusterId: string, unitId: string): string {
  return createHash('sha256')
    .update(`${roundId}\u0000${clusterId}\u0000${unitId}`)
    .digest('hex')
    .slice(0, 24);
}

/** Channel names of every route the level reaches, in route order, without duplicates. */
export function channelsFor(round: RoundConfig, assessment: Assessment): string[] {
  const channels = new Set<string>();
  for (const route of round.alerts) {
    if (levelRank(assessment.level) < levelRank(route.minLevel)) continue;
    for (const channel of route.channels) channels.add(channel);
  }
  return [...channels];
}

/**
 * The tips an item raises: one per active round × matched unit whose level reaches at least one alert route,
 * each with the deduplicated channels of all routes it reaches.
 */
export function routeTips(
  article: ProcessedArticle,
  clusterId: string,
  rounds: RoundConfig[],
  now: string,
): NewTip[] {
  const byId = new Map(rounds.map((r) => [r.id, r]));
  const tips: NewTip[] = [];
  for (const assessment of article.assessments) {
    const round = byId.get(assessment.roundId);
    if (!round?.active || assessment.units.length === 0) continue;
    const channels = channelsFor(round, assessment);
    if (channels.length === 0) continue;
    const seen = new Set<string>();
    for (const unit of assessment.units) {
      if (seen.has(unit.unitId)) continue;
      seen.add(unit.unitId);
      const unitConfig = round.units.find((u) => u.id === unit.unitId);
      const team = unitConfig?.team ?? unit.team;
      const tip: Tip = {
        id: tipId(round.id, clusterId, unit.unitId),
        roundId: round.id,
        unitId: unit.unitId,
        unitName: unitConfig?.name ?? unit.unitName,
        ...(team !== undefined && { team }),
        clusterId,
        articleId: article.id,
        title: article.title,
        url: article.url,
        sourceName: article.sourceName,
        ...(article.publishedAt !== undefined && { publishedAt: article.publishedAt }),
        level: assessment.level,
        score: assessment.score,
        ...(assessment.phase !== undefined && { phase: assessment.phase }),
        // Every part, even one about another unit the item names: the explanation must add up to the score.
        parts: [...assessment.parts],
        status: 'new',
        createdAt: now,
      };
      tips.push({ tip, channels: [...channels] });
    }
  }
  return tips;
}
