// The per-item facts the scorer works from: term occurrences (negated or not) and unit mentions with roles.

import type { PhaseName, UnitMatch, Where } from '../core/types.js';
import { type Bounds, indexAt } from './clauses.js';
import { type MentionRole, mentionRole, negatorBefore } from './context.js';
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

/** Title and body joined, for document-level phrases. */
export function textOf(fields: readonly Field[]): string {
  return fields.map((f) => f.text).join('\n');
}

/** Term occurrences in both fields, split into counted ones and those a negator or rule cancels. */
export function termHits(
  fields: readonly Field[],
  rules: readonly TermRule[],
  phase?: PhaseName,
): { counted: Hit[]; negated: NegatedHit[] } {
  const counted: Hit[] = [];
  const negated: NegatedHit[] = [];
  for (const f of fields) {
    for (const h of findTermHits(rules, f.where, f.text, f.sentences)) {
      const clause = indexAt(f.clauses, h.start);
      const negator = negatorBefore(f.text, h.start, f.clauses.starts[clause] ?? 0);
      if (negator !== undefined) {
        negated.push({ ...h, negator });
        continue;
      }
      const hit: Hit = { ...h, sentence: indexAt(f.sentences, h.start), clause };
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
        role: mentionRole(f.text, m.offset, end, f.clauses.starts[clause] ?? 0),
      });
    }
  }
  return out;
}
