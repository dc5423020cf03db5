import type { Keyword, RoundConfig } from '../config/schema.js';

/**
 * The words the segmenter must keep whole: every round's unit names, aliases, people and exclude phrases,
 * the round keywords and the lexicon terms; trimmed, deduplicated, in first-seen order.
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
    }
    for (const k of round.keywords) add(k.term);
  }
  for (const k of lexicon) add(k.term);
  return [...words];
}
