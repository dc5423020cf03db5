import type { RoundConfig, UnitConfig } from '../config/schema.js';
import type { MatchRule, UnitMatch, UnitMention, Where } from '../core/types.js';
import {
  declaredShortName,
  deriveNames,
  namedAsOwner,
  placeBefore,
  placeContext,
  sameOrganisation,
  splitPlaces,
} from './aliases.js';
import { isGenericName, markedAsName } from './generic-names.js';
import { normalizeLine } from './normalize.js';
import { findAll, overlapsAny, type Span } from './spans.js';
import { type Cut, splitsWord } from './word-bounds.js';

// A legal or platform word between a name and the bracket that gives its other name.
const ORG_WORD_AFTER = /^(?:有限公司|公司|平台|网)/;

/** A leader's name counts only within this many characters of the unit's name or place. */
export const PERSON_WINDOW = 40;

interface Candidate extends Span {
  unit: number;
  text: string;
  where: Where;
  rule: MatchRule;
  detail?: string;
}

/** One name to look for, with the rule that makes it a mention of its unit. */
interface Pattern {
  text: string;
  rule: MatchRule;
  detail?: string;
  /** Counts only where the text also names the unit's place (a bare 住建局). */
  needsPlace?: boolean;
}

/** Everything a round's unit is looked for by; computed once per round. */
export interface UnitPatterns {
  patterns: Pattern[];
  people: string[];
  exclude: string[];
  /** The unit's place chain texts (明州市, 明州); empty for a unit whose name starts with no place. */
  places: string[];
}

/**
 * A configured name as articles are normalized (full-width letters and digits to ASCII, spaces collapsed), in
 * both bracket widths: 资易贷（北京）… is also written 资易贷(北京)….
 */
function nameForms(name: string): string[] {
  const clean = normalizeLine(name);
  if (clean === '') return [];
  const narrow = clean.replace(/（/g, '(').replace(/）/g, ')');
  const wide = clean.replace(/\(/g, '（').replace(/\)/g, '）');
  return [...new Set([clean, narrow, wide])];
}

/** The names, derived abbreviations, subordinate units and people of a unit, with their rules. */
export function unitPatterns(unit: UnitConfig): UnitPatterns {
  const name = normalizeLine(unit.name);
  const patterns: Pattern[] = nameForms(unit.name).map((text) => ({ text, rule: 'name' as const }));
  for (const a of unit.aliases) for (const text of nameForms(a)) patterns.push({ text, rule: 'alias' });
  if (unit.derive !== false) {
    for (const d of deriveNames(name))
      patterns.push({ text: d.text, rule: 'derived', needsPlace: d.needsPlace });
  }
  for (const child of unit.children ?? []) {
    for (const given of [child.name, ...child.aliases])
      for (const text of nameForms(given)) patterns.push({ text, rule: 'child', detail: child.name });
  }
  const seen = new Set<string>();
  return {
    // The first rule given for a text wins: a configured alias is not reported as derived.
    patterns: patterns.filter((p) => !seen.has(p.text) && seen.add(p.text)),
    people: unit.people.flatMap(nameForms),
    exclude: unit.exclude.flatMap(nameForms),
    places: placeContext(name),
  };
}

/** Whether a place named right before a mention is another place than the unit's own (明湖区 vs 明州市). */
function otherPlace(text: string, start: number, mention: string, places: readonly string[]): boolean {
  if (places.length === 0 || splitPlaces(mention).places.length > 0) return false;
  const before = placeBefore(text, start);
  return before !== undefined && !places.some((p) => before.endsWith(p) || p.endsWith(before));
}

function candidates(
  all: readonly UnitPatterns[],
  where: Where,
  text: string,
  whole: string,
  cut?: Cut,
): Candidate[] {
  const out: Candidate[] = [];
  // Repeated passages of a long text give the same windows to cut: each is cut once.
  const cache = new Map<string, boolean>();
  all.forEach((u, index) => {
    // Exclude phrases (明湖区住建局) are masked per unit before its names are looked for.
    const excluded: Span[] = u.exclude.flatMap((phrase) =>
      findAll(text, phrase).map((start) => ({ start, end: start + phrase.length })),
    );
    const placeNamed = u.places.some((p) => whole.includes(p));
    for (const p of u.patterns) {
      if (p.needsPlace && !placeNamed) continue;
      const generic = p.rule !== 'child' && isGenericName(p.text);
      for (const start of findAll(text, p.text)) {
        const end = start + p.text.length;
        if (overlapsAny(excluded, start, end)) continue;
        if (generic && !markedAsName(text, start, end)) continue;
        if (p.rule !== 'name' && otherPlace(text, start, p.text, u.places)) continue;
        if (cut !== undefined && splitsWord(cut, text, start, end, cache)) continue;
        const c: Candidate = { unit: index, text: p.text, where, start, end, rule: p.rule };
        if (p.detail !== undefined) c.detail = p.detail;
        out.push(c);
      }
    }
    for (const person of u.people) {
      for (const start of findAll(text, person)) {
        const end = start + person.length;
        if (!overlapsAny(excluded, start, end))
          out.push({ unit: index, text: person, where, start, end, rule: 'person', detail: person });
      }
    }
  });
  return out;
}

// Longest first, so a full name claims its span before an alias inside it; names before people on ties.
function byPriority(a: Candidate, b: Candidate): number {
  const person = (c: Candidate) => Number(c.rule === 'person');
  return b.end - b.start - (a.end - a.start) || person(a) - person(b) || a.start - b.start;
}

/** The kept span owning each character (-1 for none), and the units each owning span counts for. */
interface Claims {
  ownerAt: Int32Array;
  owners: Map<number, { end: number; units: Set<number> }>;
}

function clashes(c: Candidate, { ownerAt, owners }: Claims): boolean {
  for (let i = c.start; i < c.end; i++) {
    const owner = owners.get(ownerAt[i] ?? -1);
    if (owner === undefined) continue;
    // The same text configured for two units (an ambiguous alias) counts for both.
    return !(ownerAt[i] === c.start && owner.end === c.end && !owner.units.has(c.unit));
  }
  return false;
}

function claim(all: Candidate[]): Candidate[] {
  const kept: Candidate[] = [];
  // Kept spans never overlap, except one text counted for several units: each character has at most one
  // owning span, so a clash is found from the candidate's own characters, not by visiting every kept span.
  const length = all.reduce((n, c) => Math.max(n, c.end), 0);
  const claims: Claims = { ownerAt: new Int32Array(length).fill(-1), owners: new Map() };
  for (const c of all.sort(byPriority)) {
    if (clashes(c, claims)) continue;
    kept.push(c);
    const same = claims.owners.get(claims.ownerAt[c.start] ?? -1);
    if (same !== undefined) same.units.add(c.unit);
    else {
      claims.owners.set(c.start, { end: c.end, units: new Set([c.unit]) });
      claims.ownerAt.fill(c.start, c.start, c.end);
    }
  }
  return kept;
}

/** A person counts only near a name of the same unit or a mention of its place, in the same field. */
function personInContext(c: Candidate, own: readonly Candidate[], text: string, places: readonly string[]) {
  const near = (start: number) => Math.abs(start - c.start) <= PERSON_WINDOW;
  if (own.some((o) => o.rule !== 'person' && o.where === c.where && near(o.start))) return true;
  const from = Math.max(0, c.start - PERSON_WINDOW);
  const window = text.slice(from, c.end + PERSON_WINDOW);
  return places.some((p) => window.includes(p));
}

function toMention(c: Candidate): UnitMention {
  const m: UnitMention = { text: c.text, where: c.where, offset: c.start, rule: c.rule };
  if (c.detail !== undefined) m.detail = c.detail;
  return m;
}

/**
 * Mentions a unit gets from other names the item ties to it: a short name the text declares in brackets after
 * the unit's name (…有限公司（简称小资钱包）) wherever it occurs, and the standalone mentions of another watched
 * unit whose name is the same organisation's shorter name (钱宝 for 钱宝网), once the unit itself is named.
 */
function sharedCandidates(round: RoundConfig, kept: readonly Candidate[], title: string, body: string) {
  const fieldText = (w: Where) => (w === 'title' ? title : body);
  const extra: Candidate[] = [];
  const key = (unit: number, where: Where, start: number) => `${unit}:${where}:${start}`;
  const seen = new Set(kept.map((c) => key(c.unit, c.where, c.start)));
  const add = (unit: number, where: Where, start: number, text: string) => {
    if (seen.has(key(unit, where, start))) return;
    seen.add(key(unit, where, start));
    extra.push({ unit, text, where, start, end: start + text.length, rule: 'alias', detail: text });
  };
  const declared = new Set<string>();
  const linked: [number, number][] = [];
  for (const c of kept) {
    if (c.rule === 'person') continue;
    const text = fieldText(c.where);
    // The bracket may follow the name's legal or platform word: 小资钱包公司(资易贷平台).
    const end = c.end + (ORG_WORD_AFTER.exec(text.slice(c.end, c.end + 3))?.[0].length ?? 0);
    const short = declaredShortName(text, end);
    if (short === undefined || declared.has(`${c.unit}:${short}`)) continue;
    declared.add(`${c.unit}:${short}`);
    for (const where of ['title', 'body'] as const)
      for (const start of findAll(fieldText(where), short)) add(c.unit, where, start, short);
    // The bracket names another watched unit (…公司（简称小资钱包P2P平台）): the two are one organisation.
    round.units.forEach((other, o) => {
      if (o !== c.unit && other.name.length >= 2 && short.startsWith(other.name)) linked.push([c.unit, o]);
    });
  }
  for (const [a, b] of linked) {
    for (const c of kept) {
      if (c.unit === a && c.rule !== 'person') add(b, c.where, c.start, c.text);
      if (c.unit === b && c.rule !== 'person') add(a, c.where, c.start, c.text);
    }
  }
  round.units.forEach((long, l) => {
    if (!kept.some((c) => c.unit === l)) return;
    round.units.forEach((short, s) => {
      if (s === l || !sameOrganisation(short.name, long.name)) return;
      for (const c of kept) if (c.unit === s) add(l, c.where, c.start, c.text);
    });
  });
  // A group named as the owner of a watched platform (A旗下B) and the platform share what is said about either:
  // the group answers for the platform it runs, and the platform is the vehicle of what the group did.
  const named = new Set(kept.map((k) => k.unit));
  const whole = `${title}\n${body}`;
  round.units.forEach((parent, p) => {
    if (!named.has(p)) return;
    round.units.forEach((child, c) => {
      if (c === p || !named.has(c) || !namedAsOwner(whole, parent.name, child.name)) return;
      for (const k of kept) {
        if (k.rule === 'person') continue;
        if (k.unit === c) add(p, k.where, k.start, k.text);
        if (k.unit === p) add(c, k.where, k.start, k.text);
      }
    });
  });
  return extra;
}

/**
 * The round's units mentioned in an item, in the round's unit order. A unit matches on its full name, an
 * alias, an abbreviation derived from its full name (a bare 住建局 only where its place is named, and never
 * right after another place: 明湖区住建局 is not 明州市住建局), or a subordinate unit (rolled up to it), outside
 * its exclude phrases; longer names win over overlapping shorter ones. A leader's name counts only within
 * PERSON_WINDOW characters of the unit's name or place. Each mention records its rule. Given `cut` (the
 * segmenter's), a name that only runs across two words of the text (友利 in 网友利益) is not a mention.
 */
export function matchUnits(
  round: RoundConfig,
  title: string,
  body: string,
  patterns: readonly UnitPatterns[] = round.units.map(unitPatterns),
  cut?: Cut,
): UnitMatch[] {
  const whole = `${title}\n${body}`;
  const named = [
    ...claim(candidates(patterns, 'title', title, whole, cut)),
    ...claim(candidates(patterns, 'body', body, whole, cut)),
  ];
  const kept = [...named, ...sharedCandidates(round, named, title, body)];
  const matches: UnitMatch[] = [];
  round.units.forEach((unit, index) => {
    const own = kept.filter((c) => c.unit === index);
    const places = patterns[index]?.places ?? [];
    const counted = own.filter(
      (c) => c.rule !== 'person' || personInContext(c, own, c.where === 'title' ? title : body, places),
    );
    if (counted.length === 0) return;
    const mentions = counted
      .sort((a, b) => (a.where === b.where ? a.start - b.start : a.where === 'title' ? -1 : 1))
      .map(toMention);
    const match: UnitMatch = { roundId: round.id, unitId: unit.id, unitName: unit.name, mentions };
    if (unit.team !== undefined) match.team = unit.team;
    matches.push(match);
  });
  return matches;
}
