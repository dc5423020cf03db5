// Feedback into scoring: accepted exclusion suggestions become part of their round's configuration.
import type { RoundConfig } from '../../config/schema.js';
import type { ExclusionSuggestion } from '../../store/store.js';

/** Category shown for a term switched off by feedback. */
export const EXCLUDED_CATEGORY = '误报反馈排除';

/**
 * The rounds with accepted exclusions merged in (pure; the input is not changed). Each accepted phrase
 * (1) joins the unit's `exclude` list, so text inside it no longer counts as a mention of the unit, and
 * (2) becomes a weight-0 keyword of the round, so the phrase no longer scores as a risk term in that round.
 */
export function applyExclusions(
  rounds: readonly RoundConfig[],
  accepted: readonly Pick<ExclusionSuggestion, 'roundId' | 'unitId' | 'phrase' | 'status'>[],
): RoundConfig[] {
  return rounds.map((round) => {
    const mine = accepted.filter((s) => s.status === 'accepted' && s.roundId === round.id);
    if (mine.length === 0) return round;
    const units = round.units.map((unit) => {
      const phrases = mine.filter((s) => s.unitId === unit.id).map((s) => s.phrase);
      const exclude = [...new Set([...unit.exclude, ...phrases])];
      return exclude.length === unit.exclude.length ? unit : { ...unit, exclude };
    });
    const phrases = [...new Set(mine.map((s) => s.phrase))];
    const keywords = [
      ...round.keywords,
      ...phrases.map((term) => ({ term, category: EXCLUDED_CATEGORY, weight: 0 })),
    ];
    return { ...round, units, keywords };
  });
}
