import type { Keyword, RoundConfig } from '../config/schema.js';
import { literalOf } from './terms.js';
import { unitPatterns } from './units.js';

/**
 * The words the segmenter must keep whole: every round's unit names, aliases, people, exclude phrases,
 * derived abbreviations and subordinate units, the round keywords and the lexicon terms (regex terms have none); trimmed, deduplicated, in first-seen order.
 */
export function userDictionary(rounds: readonly RoundConfig[], lexicon: readonly Keyword[]): string[] {
  const words = new Set<string>();
  const add = (w: string) => {
    const t = w.trim();
    if (t !== '') words.add(t);
  };
  for (const round of rounds) {
    for (const unit of round.units) {
      add(unit.name);
      for (const w of [...unit.aliases, ...unit.people, ...unit.exclude]) add(w);
      for (const p of unitPatterns(unit).patterns) add(p.text);
    }
    for (const k of round.keywords) add(literalOf(k) ?? '');
  }
  for (const k of lexicon) add(literalOf(k) ?? '');
  return [...words];
}
