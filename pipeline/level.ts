import type { RoundConfig } from '../config/schema.js';
import type { Level, ScorePart } from '../core/types.js';

/** Score thresholds of the levels (score ≥ threshold), as in a round's `levels`. */
export type LevelThresholds = RoundConfig['levels'];

/** Weight a term needs for red when the round does not say (`levels.redMinTermWeight`). */
export const DEFAULT_RED_MIN_TERM_WEIGHT = 8;

/**
 * The level of a score: red, orange, yellow at their thresholds, green below yellow. Given the score's parts,
 * red also needs a serious allegation (a term of weight ≥ redMinTermWeight) or spread to other sites: many
 * mild complaint words add up to a high score, but a late reply is not a bribe, and red is what wakes a leader.
 */
export function levelFor(score: number, thresholds: LevelThresholds, parts?: readonly ScorePart[]): Level {
  if (score >= thresholds.red && (parts === undefined || isSerious(parts, thresholds))) return 'red';
  if (score >= thresholds.orange) return 'orange';
  if (score >= thresholds.yellow) return 'yellow';
  return 'green';
}

function isSerious(parts: readonly ScorePart[], thresholds: LevelThresholds): boolean {
  const minWeight = thresholds.redMinTermWeight ?? DEFAULT_RED_MIN_TERM_WEIGHT;
  return parts.some(
    (p) => p.points > 0 && ((p.kind === 'term' && (p.weight ?? 0) >= minWeight) || p.kind === 'spread'),
  );
}
