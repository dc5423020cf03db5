// A list of cases (如中国第一税案、横店集团名誉侵权案、架金桥诈骗案): examples of a firm's work or of a kind of case.
// A term naming one of them is about that case, not about a unit named elsewhere in the sentence.

import type { Field, Hit, NegatedHit, RoleMention } from './score-inputs.js';

/** What the explanation shows for a term cancelled because it names a listed case. */
export const LISTED_CASE_NEGATOR = '列举的其他案件';

// 案 right after the term (诈骗案, 诈骗罪一案), not 案例 (an example) or 案底 (a record).
const CASE_AFTER = /^罪?一?案(?![例底头])/u;
const ITEM_BREAK = /[、，,。；;：:！？!?\n（(“"]/u;
/** Longest listed case read back from its term. */
const ITEM_REACH = 20;

/** The listed case holding the term at [start, end): its span, when the case stands in a list of cases. */
export function listedCase(
  text: string,
  start: number,
  end: number,
): { start: number; end: number } | undefined {
  const m = CASE_AFTER.exec(text.slice(end, end + 3));
  if (m === null) return undefined;
  const caseEnd = end + m[0].length;
  let from = start;
  while (from > 0 && start - from < ITEM_REACH && !ITEM_BREAK.test(text.charAt(from - 1))) from--;
  const caseBefore =
    text.charAt(from - 1) === '、' && /案$/u.test(text.slice(Math.max(0, from - 2), from - 1));
  const caseAfter =
    text.charAt(caseEnd) === '、' && /^[^、，,。；;！？!?\n]{1,20}?案/u.test(text.slice(caseEnd + 1));
  return caseBefore || caseAfter ? { start: from, end: caseEnd } : undefined;
}

/** Moves the hits naming a listed case with no watched unit in it from `counted` to `negated`. */
export function dropListedCases(
  fields: readonly Field[],
  counted: readonly Hit[],
  mentions: readonly RoleMention[],
): { counted: Hit[]; negated: NegatedHit[] } {
  const kept: Hit[] = [];
  const negated: NegatedHit[] = [];
  for (const h of counted) {
    const text = fields.find((f) => f.where === h.where)?.text ?? '';
    const span = listedCase(text, h.start, h.end);
    const named =
      span !== undefined &&
      mentions.some((m) => m.where === h.where && m.start >= span.start && m.end <= span.end);
    if (span === undefined || named) kept.push(h);
    else negated.push({ ...h, negator: LISTED_CASE_NEGATOR });
  }
  return { counted: kept, negated };
}
