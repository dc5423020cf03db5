// A case named after a unit (钱宝案, 联璧金融案最新进展, 石头理财一案): the case is against that unit.

import type { ScorePart } from '../core/types.js';
import type { Field, RoleMention } from './score-inputs.js';

/** Points of a unit named as a case: as much as a weight-7 allegation in its own clause (orange on its own). */
export const CASE_NAME_POINTS = 35;

// 案 right after the name (案件, 一案 too), but not 案例 (an example), 案底 (a record) or 案头 (a desk).
const CASE_AFTER = /^(?:一案|案件|案(?![例底头]))/u;

/** The part for a unit whose name is followed by 案 at one of its subject mentions; undefined when none is. */
export function caseNamePart(
  fields: readonly Field[],
  own: readonly RoleMention[],
  unitName: string,
): ScorePart | undefined {
  for (const m of own) {
    if (m.role !== 'subject') continue;
    const text = fields.find((f) => f.where === m.where)?.text ?? '';
    const after = CASE_AFTER.exec(text.slice(m.end, m.end + 2));
    if (after === null) continue;
    return {
      kind: 'unit',
      label: `以该单位命名的案件「${text.slice(m.start, m.end)}${after[0]}」（${unitName}）`,
      where: m.where,
      points: CASE_NAME_POINTS,
    };
  }
  return undefined;
}
