import type { RoundConfig } from '../config/schema.js';
import type { UnitMatch, UnitMention, Where } from '../core/types.js';
import { findAll, overlapsAny, type Span } from './spans.js';

interface Candidate extends Span {
  unit: number;
  text: string;
  where: Where;
  person: boolean;
}

function candidates(round: RoundConfig, where: Where, text: string): Candidate[] {
  const out: Candidate[] = [];
  round.units.forEach((unit, index) => {
    // Exclude phrases (明湖区住建局) are masked per unit before its names are looked for.
    const excluded: Span[] = unit.exclude.flatMap((phrase) =>
      findAll(text, phrase).map((start) => ({ start, end: start + phrase.length })),
    );
    const add = (words: readonly string[], person: boolean) => {
      for (const word of new Set(words)) {
        for (const start of findAll(text, word)) {
          const end = start + word.length;
          if (!overlapsAny(excluded, start, end))
            out.push({ unit: index, text: word, where, start, end, person });
        }
      }
    };
    add(
      [unit.name, ...unit.aliases].filter((w) => w !== ''),
      false,
    );
    add(
      unit.people.filter((w) => w !== ''),
      true,
    );
  });
  return out;
}

// Longest first, so a full name claims its span before an alias inside it; names before people on ties.
function byPriority(a: Candidate, b: Candidate): number {
  return b.end - b.start - (a.end - a.start) || Number(a.person) - Number(b.person) || a.start - b.start;
}

function claim(all: Candidate[]): Candidate[] {
  const kept: Candidate[] = [];
  for (const c of all.sort(byPriority)) {
    const clash = kept.some(
      (k) =>
        c.start < k.end &&
        k.start < c.end &&
        // The same text configured for two units (an ambiguous alias) counts for both.
        !(k.start === c.start && k.end === c.end && k.unit !== c.unit),
    );
    if (!clash) kept.push(c);
  }
  return kept;
}

/**
 * The round's units mentioned in an item, in the round's unit order. A unit matches on its full name or an
 * alias outside its exclude phrases; longer names win over overlapping shorter ones; a person's name counts
 * (as a mention) only when the same unit is also named in the item.
 */
export function matchUnits(round: RoundConfig, title: string, body: string): UnitMatch[] {
  const kept = [...claim(candidates(round, 'title', title)), ...claim(candidates(round, 'body', body))];
  const matches: UnitMatch[] = [];
  round.units.forEach((unit, index) => {
    const own = kept.filter((c) => c.unit === index);
    if (!own.some((c) => !c.person)) return;
    const mentions: UnitMention[] = own
      .sort((a, b) => (a.where === b.where ? a.start - b.start : a.where === 'title' ? -1 : 1))
      .map((c) => ({ text: c.text, where: c.where, offset: c.start }));
    const match: UnitMatch = { roundId: round.id, unitId: unit.id, unitName: unit.name, mentions };
    if (unit.team !== undefined) match.team = unit.team;
    matches.push(match);
  });
  return matches;
}
