import type { RoundConfig } from '../config/schema.js';
import type { Level } from '../core/types.js';

/** Score thresholds of the levels (score ≥ threshold), as in a round's `levels`. */
export type LevelThresholds = RoundConfig['levels'];

/** The level of a score: red, orange, yellow at their thresholds, green below yellow. */
export function levelFor(score: number, thresholds: LevelThresholds): Level {
  if (score >= thresholds.red) return 'red';
  if (score >= thresholds.orange) return 'orange';
  if (score >= thresholds.yellow) return 'yellow';
  return 'green';
}
