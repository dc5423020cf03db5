import type { Keyword } from '../config/schema.js';
import type { Where } from '../core/types.js';
import { type Bounds, rangeAt } from './clauses.js';
import { findPhrases } from './spans.js';

/** A lexicon term compiled for matching: a literal or a regex, with its boolean and proximity rules. */
export interface TermRule {
  keyword: Keyword;
  /** Shown in explanations: the literal or `/regex/`. */
  display: string;
  literal?: string;
  regex?: RegExp;
  /** Words that must be in the term's sentence; each entry is met by any one of its alternatives (`甲|乙`). */
  must: string[][];
  exclude: string[];
  near?: number;
}

/** One occurrence of a term in the title or body. */
export interface TermHit {
  rule: TermRule;
  where: Where;
  start: number;
  end: number;
}

/**
 * Parse a term with inline rules: `违规收费`, `/乱收.{0,4}费/`, `收费 +违规 -标准 ~30` (`+` must be in the same
 * sentence, `+a|b` one of them must, `-` must not, `~N` within N characters of a unit mention). The `must`,
 * `exclude` and `near` fields add to the inline rules.
 */
export function compileTerm(keyword: Keyword): TermRule {
  const raw = keyword.term.trim();
  const regexMatch = /^\/(.+)\/([a-z]*)(?:\s|$)/.exec(raw);
  const head = regexMatch ? regexMatch[0].trim() : (raw.split(/\s+/)[0] ?? raw);
  const tail = raw.slice(regexMatch ? regexMatch[0].length : head.length).trim();
  const must = [...(keyword.must ?? [])];
  const exclude = [...(keyword.exclude ?? [])];
  let near = keyword.near;
  for (const token of tail === '' ? [] : tail.split(/\s+/)) {
    if (token.startsWith('+') && token.length > 1) must.push(token.slice(1));
    else if (token.startsWith('-') && token.length > 1) exclude.push(token.slice(1));
    else if (/^~\d+$/.test(token)) near = Number(token.slice(1));
  }
  const anyOf = must.map((w) => w.split('|').filter((alt) => alt !== '')).filter((alts) => alts.length > 0);
  const rule: TermRule = { keyword, display: head, must: anyOf, exclude };
  if (near !== undefined) rule.near = near;
  if (regexMatch) {
    const flags = (regexMatch[2] ?? '').replace(/[gy]/g, '');
    try {
      rule.regex = new RegExp(regexMatch[1] ?? '', `${flags}g`);
    } catch {
      // An invalid pattern is matched literally rather than crashing the pipeline.
      rule.literal = head;
    }
  } else rule.literal = head;
  return rule;
}

/** The literal a term contributes to the segmenter's dictionary (none for a regex). */
export function literalOf(keyword: Keyword): string | undefined {
  return compileTerm(keyword).literal;
}

function passesRules(rule: TermRule, text: string, sentences: Bounds, start: number): boolean {
  if (rule.must.length === 0 && rule.exclude.length === 0) return true;
  const [from, to] = rangeAt(sentences, start);
  const sentence = text.slice(from, to);
  return (
    rule.must.every((alts) => alts.some((alt) => sentence.includes(alt))) &&
    !rule.exclude.some((w) => sentence.includes(w))
  );
}

/**
 * Every occurrence of the rules' terms in a text: literals with longer-phrase masking (违规收费 does not also
 * count 收费), regexes as found; occurrences failing their `+`/`-` rules in their sentence are dropped.
 */
export function findTermHits(
  rules: readonly TermRule[],
  where: Where,
  text: string,
  sentences: Bounds,
): TermHit[] {
  const hits: TermHit[] = [];
  const byLiteral = new Map<string, TermRule>();
  for (const r of rules) if (r.literal !== undefined) byLiteral.set(r.literal, r);
  for (const [literal, offsets] of findPhrases(text, [...byLiteral.keys()])) {
    const rule = byLiteral.get(literal);
    if (rule === undefined) continue;
    for (const start of offsets) {
      if (passesRules(rule, text, sentences, start))
        hits.push({ rule, where, start, end: start + literal.length });
    }
  }
  for (const rule of rules) {
    if (rule.regex === undefined) continue;
    rule.regex.lastIndex = 0;
    for (const m of text.matchAll(rule.regex)) {
      if (m[0] === '') continue;
      const start = m.index ?? 0;
      if (passesRules(rule, text, sentences, start))
        hits.push({ rule, where, start, end: start + m[0].length });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}
