import type { ScorePart } from '../core/types.js';
import { proximity, type UnitView } from './proximity.js';
import type { Hit } from './score-inputs.js';

/** Lexicon weight from which one allegation aimed at a unit is enough for orange on its own. */
export const FLOOR_MIN_WEIGHT = 7;
/** Proximity a serious term needs to the unit (its own clause, shared with other named units too). */
export const FLOOR_MIN_FACTOR = 0.7;
/** Weight from which the allegation may stand anywhere in the unit's sentence (factor ≥ 0.6) instead. */
export const FLOOR_SENTENCE_MIN_WEIGHT = 9;
/**
 * Share of the orange threshold the unit's own parts must already reach: the floor tips a near miss over,
 * it does not override a round whose thresholds ask for much more evidence.
 */
export const FLOOR_REACH = 0.6;

/**
 * The part that lifts a unit to orange when a serious allegation (a term of weight ≥ FLOOR_MIN_WEIGHT) stands
 * in a clause where the unit is named as the subject: "A与B合作放高利贷" accuses both even though each shares
 * the clause. A stronger one (weight ≥ FLOOR_SENTENCE_MIN_WEIGHT: 诈骗, 跑路) may stand anywhere in the unit's
 * sentence. Not for a unit only tagged or asked to act, nor against refutation or publicity context (any
 * negative part), nor for a unit whose parts stay under FLOOR_REACH of orange; undefined when the other parts
 * already reach orange.
 */
export function allegationFloor(
  hits: readonly Hit[],
  view: UnitView,
  aside: boolean,
  parts: readonly ScorePart[],
  orange: number,
): ScorePart | undefined {
  if (aside || parts.some((p) => p.points < 0)) return undefined;
  const sum = parts.reduce((s, p) => s + p.points, 0);
  if (sum >= orange || sum < orange * FLOOR_REACH) return undefined;
  const serious = hits.find(
    (h) =>
      h.where === 'body' &&
      h.rule.keyword.weight >= FLOOR_MIN_WEIGHT &&
      (proximity(h, view).factor >= FLOOR_MIN_FACTOR ||
        (h.rule.keyword.weight >= FLOOR_SENTENCE_MIN_WEIGHT && proximity(h, view).factor >= 0.6)),
  );
  if (serious === undefined) return undefined;
  return {
    kind: 'context',
    label: `严重指控「${serious.rule.display}」直指该单位（同一分句/句），至少橙色`,
    term: serious.rule.display,
    points: orange - sum,
  };
}

// A headline thanking or praising someone (感谢X拆除…, 表扬X): the unit named in it fixed the problem.
const PRAISE_TITLE = /^[\s\p{P}]*(?:感谢|表扬|致谢|谢谢|点赞|赞扬|致敬|为.{1,20}点赞)/u;

/**
 * The part that keeps a unit below orange when the headline thanks or praises it: the problems the message
 * mentions are what the unit solved. Undefined when the unit is not named in such a headline or is already
 * below orange.
 */
export function praiseCeiling(
  title: string,
  namedInTitle: boolean,
  parts: readonly ScorePart[],
  orange: number,
): ScorePart | undefined {
  if (!namedInTitle || !PRAISE_TITLE.test(title)) return undefined;
  const sum = parts.reduce((s, p) => s + p.points, 0);
  if (sum < orange) return undefined;
  return { kind: 'context', label: '标题致谢/表扬该单位，非投诉', points: orange - 1 - sum };
}
