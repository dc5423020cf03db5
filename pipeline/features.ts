// The rule scorer as a feature extractor: each (item, watched unit) pair becomes a vector of named signals
// (term evidence by field, headline mention, sentiment, refutation and publicity context, mention counts...)
// whose weights are fitted on the training set (pipeline/train.ts) instead of by hand.

import type { ScorePart, UnitMatch } from '../core/types.js';

/** The features of the risk model, in vector order; a model file lists the names it was fitted with. */
export const FEATURE_NAMES = [
  'termTitle',
  'termBody',
  'termMaxWeight',
  'termKinds',
  'headline',
  'caseName',
  'sentimentNegative',
  'sentimentPositive',
  'refuted',
  'publicity',
  'negated',
  'allegationFloor',
  'praised',
  'place',
  'aside',
  'ruleScore',
  'ruleOrange',
  'ruleRed',
  'mentions',
  'inTitle',
  'unitsNamed',
  'topUnit',
  'shortText',
  'inLongerName',
  'hasShorterName',
] as const;

/** One feature's name. */
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** The pair's signals by name (absent = 0). */
export type Features = Partial<Record<FeatureName, number>>;

/** What the extractor needs beside the rule-scored unit. */
export interface FeatureContext {
  body: string;
  /** All units of the round the item names, rule-scored. */
  units: readonly UnitMatch[];
  /** The round's orange threshold, in which the rule score is expressed. */
  orange: number;
  red: number;
}

const sumOf = (parts: readonly ScorePart[]) => parts.reduce((s, p) => s + p.points, 0);

/** The rule parts that carry term evidence in one field (the model's term features are linear in them). */
export function termPartsIn(parts: readonly ScorePart[], where: 'title' | 'body'): ScorePart[] {
  return parts.filter((p) => p.kind === 'term' && p.where === where && p.points > 0);
}

function contextPoints(parts: readonly ScorePart[], prefix: string): number {
  return sumOf(parts.filter((p) => p.kind === 'context' && p.label.startsWith(prefix)));
}

/** The feature vector of one rule-scored unit of an item. */
export function featuresOf(unit: UnitMatch, ctx: FeatureContext): Features {
  const parts = unit.parts ?? [];
  const terms = parts.filter((p) => p.kind === 'term' && p.points > 0);
  const sentiment = sumOf(parts.filter((p) => p.kind === 'sentiment'));
  const score = unit.score ?? 0;
  const best = Math.max(0, ...ctx.units.map((u) => u.score ?? 0));
  const negated = parts.find((p) => p.label.startsWith('否定/规定'));
  return {
    termTitle: sumOf(termPartsIn(parts, 'title')) / 10,
    termBody: sumOf(termPartsIn(parts, 'body')) / 10,
    termMaxWeight: Math.max(0, ...terms.map((p) => p.weight ?? 0)) / 10,
    termKinds: Math.log1p(terms.length),
    headline: parts.some((p) => p.kind === 'unit' && p.label.includes('点名')) ? 1 : 0,
    caseName: parts.some((p) => p.kind === 'unit' && p.label.startsWith('以该单位命名')) ? 1 : 0,
    sentimentNegative: Math.max(0, sentiment) / 10,
    sentimentPositive: Math.max(0, -sentiment) / 10,
    refuted: -contextPoints(parts, '辟谣') / 10,
    publicity: -contextPoints(parts, '正面宣传') / 10,
    negated: Math.log1p(negated?.count ?? 0),
    allegationFloor: parts.some((p) => p.label.startsWith('严重指控')) ? 1 : 0,
    praised: parts.some((p) => p.label.startsWith('标题致谢')) ? 1 : 0,
    place: parts.some((p) => p.label.startsWith('地点名称')) ? 1 : 0,
    aside: terms.length > 0 && terms.every((p) => p.label.includes('仅被@')) ? 1 : 0,
    ruleScore: Math.min(score, 2 * ctx.red) / ctx.orange,
    ruleOrange: score >= ctx.orange ? 1 : 0,
    ruleRed: unit.level === 'red' ? 1 : 0,
    mentions: Math.log1p(unit.mentions.length),
    inTitle: unit.mentions.some((m) => m.where === 'title') ? 1 : 0,
    unitsNamed: Math.log(Math.max(1, ctx.units.length)),
    topUnit: score > 0 && score === best ? 1 : 0,
    shortText: ctx.body.length < 160 ? 1 : 0,
    // A name inside another named unit's name (小资 in 小资钱包) is usually that unit spoken of, not a target.
    inLongerName: ctx.units.some((o) => o.unitId !== unit.unitId && o.unitName.includes(unit.unitName))
      ? 1
      : 0,
    hasShorterName: ctx.units.some((o) => o.unitId !== unit.unitId && unit.unitName.includes(o.unitName))
      ? 1
      : 0,
  };
}

/** The vector of a feature map in the order of `names`. */
export function vectorOf(features: Features, names: readonly string[]): number[] {
  return names.map((n) => features[n as FeatureName] ?? 0);
}
