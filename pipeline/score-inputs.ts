// The per-item facts the scorer works from: term occurrences (negated or not) and unit mentions with roles.

import type { PhaseName, UnitMatch, Where } from '../core/types.js';
import { type Bounds, indexAt } from './clauses.js';
import {
  AWARENESS_NEGATORS,
  ignoredRecipient,
  type MentionRole,
  mentionRole,
  negatorBefore,
} from './context.js';
import { findTermHits, type TermHit, type TermRule } from './terms.js';

/** The title or the body with its sentence and clause boundaries. */
export interface Field {
  where: Where;
  text: string;
  sentences: Bounds;
  clauses: Bounds;
}

/** A counted term occurrence with the sentence and clause it stands in. */
export interface Hit extends TermHit {
  sentence: number;
  clause: number;
  /** Set for a phase-scoped term (counted because the item is in that phase). */
  phase?: PhaseName;
  /** The intensifier right before the term (疯狂非法融资, 恶意拖欠), if any. */
  intensifier?: string;
}

/** Adverbs that make the misconduct after them worse (恶意拖欠, 大肆敛财, 疯狂非法融资). */
export const INTENSIFIERS: readonly string[] = [
  '疯狂',
  '大肆',
  '恶意',
  '肆意',
  '公然',
  '长期',
  '大面积',
  '多次',
  '屡次',
  '反复',
  '频繁',
  '严重',
];

/** Longest bracketed aside (大面积（几乎全部）逾期) looked through between an intensifier and its term. */
const ASIDE_MAX = 12;
const TRAILING_ASIDE = new RegExp(`[（(][^（）()]{0,${ASIDE_MAX}}[）)]$`);

/**
 * The intensifier ending right before `start` (one filler such as 地 or 的 allowed, and a bracketed aside
 * looked through), if any.
 */
export function intensifierBefore(text: string, start: number): string | undefined {
  const window = text.slice(Math.max(0, start - 6 - ASIDE_MAX), start).replace(TRAILING_ASIDE, '');
  const before = window.slice(-4).replace(/[地的]$/, '');
  return INTENSIFIERS.find((w) => before.endsWith(w));
}

/** A term occurrence cancelled by the words before it. */
export interface NegatedHit extends TermHit {
  negator: string;
}

/** A unit mention with its position and role. */
export interface RoleMention {
  unitId: string;
  where: Where;
  start: number;
  end: number;
  sentence: number;
  clause: number;
  role: MentionRole;
}

const FIELD_SEPARATOR = '\n';

/** Title and body joined, for document-level phrases. */
export function textOf(fields: readonly Field[]): string {
  return fields.map((f) => f.text).join(FIELD_SEPARATOR);
}

/** Where a field starts in `textOf(fields)`. */
export function fieldStart(fields: readonly Field[], where: Where): number {
  let at = 0;
  for (const f of fields) {
    if (f.where === where) return at;
    at += f.text.length + FIELD_SEPARATOR.length;
  }
  return at;
}

/**
 * Term occurrences in both fields, split into counted ones and those a negator or rule cancels. `named` tells
 * whether a watched unit is named in a clause: there an awareness negator (打击, 揭秘…) does not cancel.
 */
export function termHits(
  fields: readonly Field[],
  rules: readonly TermRule[],
  phase?: PhaseName,
  named: (where: Where, clause: number) => boolean = () => false,
): { counted: Hit[]; negated: NegatedHit[] } {
  const counted: Hit[] = [];
  const negated: NegatedHit[] = [];
  for (const f of fields) {
    for (const h of findTermHits(rules, f.where, f.text, f.sentences)) {
      const clause = indexAt(f.clauses, h.start);
      const negator = negatorBefore(f.text, h.start, f.clauses.starts[clause] ?? 0);
      if (negator !== undefined && !(AWARENESS_NEGATORS.has(negator) && named(f.where, clause))) {
        negated.push({ ...h, negator });
        continue;
      }
      const hit: Hit = { ...h, sentence: indexAt(f.sentences, h.start), clause };
      const intensifier = intensifierBefore(f.text, h.start);
      if (intensifier !== undefined) hit.intensifier = intensifier;
      const scoped = h.rule.keyword.phases;
      if (phase !== undefined && scoped !== undefined && scoped.length > 0) hit.phase = phase;
      counted.push(hit);
    }
  }
  return { counted, negated };
}

/** Every mention of every unit, located in its field's sentences and clauses, with its role. */
export function locateMentions(fields: readonly Field[], units: readonly UnitMatch[]): RoleMention[] {
  const out: RoleMention[] = [];
  for (const u of units) {
    for (const m of u.mentions) {
      const f = fields.find((x) => x.where === m.where);
      if (!f) continue;
      const end = m.offset + m.text.length;
      // A name written with leading symbols (????宜湃网) stands in the clause of its first word character.
      const at = m.offset + Math.max(0, m.text.search(/[\p{L}\p{N}]/u));
      const clause = indexAt(f.clauses, at);
      out.push({
        unitId: u.unitId,
        where: m.where,
        start: m.offset,
        end,
        sentence: indexAt(f.sentences, at),
        clause,
        role: ignoredRecipient(
          f.text,
          end,
          f.sentences.starts[indexAt(f.sentences, at) + 1] ?? f.text.length,
          mentionRole(f.text, m.offset, end, f.clauses.starts[clause] ?? 0),
        ),
      });
    }
  }
  return out;
}

/** A stretch of a field: a term occurrence or a unit mention. */
interface Stretch {
  where: Where;
  start: number;
  end: number;
}

/** A term occurrence; a pattern's (`/等待.{0,8}回款/`) gap may hold a name. */
interface TermStretch extends Stretch {
  rule?: { regex?: RegExp };
}

const within = (a: Stretch, b: Stretch) => b.start <= a.start && a.end <= b.end;

/** First index of the sorted stretches whose start is ≥ `at`. */
function firstFrom(sorted: readonly Stretch[], at: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid]?.start ?? 0) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Where a unit's name and a term share characters, one of them is a misreading: a name inside or across a
 * term (资金链 in 资金链断裂, 我要跑 in 我要跑路) is not a mention, and a term inside a name (风险 in
 * 某风险管理公司) is not an allegation. A name wholly inside a pattern's match (冠群驰骋 in 等待冠群驰骋回款)
 * fills the pattern's gap and stays a mention. Linear in the occurrences: names are short, so only the mentions
 * starting within the longest name's length before a term can overlap it.
 */
export function separateNamesFromTerms<C extends TermStretch, N extends TermStretch>(
  mentions: readonly RoleMention[],
  counted: readonly C[],
  negated: readonly N[],
): { mentions: RoleMention[]; counted: C[]; negated: N[] } {
  const misread = new Set<RoleMention>();
  const inName = new Set<Stretch>();
  for (const where of ['title', 'body'] as const) {
    const names = mentions.filter((m) => m.where === where).sort((a, b) => a.start - b.start);
    if (names.length === 0) continue;
    const longest = Math.max(...names.map((m) => m.end - m.start));
    for (const h of [...counted, ...negated]) {
      if (h.where !== where) continue;
      for (let i = firstFrom(names, h.start - longest); i < names.length; i++) {
        const m = names[i];
        if (m === undefined || m.start >= h.end) break;
        if (m.end <= h.start) continue;
        if (within(h, m)) inName.add(h);
        else if (!(h.rule?.regex !== undefined && within(m, h))) misread.add(m);
      }
    }
  }
  return {
    mentions: mentions.filter((m) => !misread.has(m)),
    counted: counted.filter((h) => !inName.has(h)),
    negated: negated.filter((h) => !inName.has(h)),
  };
}
