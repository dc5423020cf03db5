// Scoring with the fitted risk model: a logistic regression over the features of pipeline/features.ts,
// mapped linearly onto the 0–100+ score scale so that every feature's contribution is one part of the
// explanation and the parts still add up to the score.

import type { RoundConfig } from '../config/schema.js';
import type { Assessment, ScorePart, UnitMatch } from '../core/types.js';
import { type FeatureContext, type FeatureName, featuresOf, termPartsIn, vectorOf } from './features.js';
import { levelFor } from './level.js';
import { bigramsOf, unitWindows } from './lexical.js';
import { sourceWeightPart } from './term-parts.js';

/** Model file format version this build reads. */
export const RISK_MODEL_VERSION = 1;

/** A fitted risk model as stored in config/model/risk-model.json. */
export interface RiskModel {
  version: number;
  /** Feature names in weight order. */
  features: string[];
  weights: number[];
  /** Character bigrams next to a unit's mentions (pipeline/lexical.ts) that carry weight, and their weights. */
  vocabulary: string[];
  vocabularyWeights: number[];
  intercept: number;
  /** Logit at which a pair is alerted: it maps to score `base` (the default orange threshold). */
  threshold: number;
  /** Logit of the red line: it maps to score `base + redSpan`. */
  redLine: number;
  /** Score at the alert threshold and the score distance to red (the default round levels: 35, 60 − 35). */
  base: number;
  redSpan: number;
  /** How the model was fitted and what it scored (informational). */
  training?: Record<string, unknown>;
}

/** Score points per logit unit. */
export function scaleOf(model: RiskModel): number {
  return model.redSpan / Math.max(1e-6, model.redLine - model.threshold);
}

/** Each bigram's weight, indexed once per model. */
const vocabularies = new WeakMap<RiskModel, Map<string, number>>();
export function vocabularyOf(model: RiskModel): Map<string, number> {
  const known = vocabularies.get(model);
  if (known) return known;
  const map = new Map(model.vocabulary.map((g, i) => [g, model.vocabularyWeights[i] ?? 0]));
  vocabularies.set(model, map);
  return map;
}

/** The logit of a feature vector and the bigrams next to the unit. */
export function logitOf(model: RiskModel, x: readonly number[], grams: Iterable<string> = []): number {
  const vocabulary = vocabularyOf(model);
  let z = model.weights.reduce((s, w, i) => s + w * (x[i] ?? 0), model.intercept);
  for (const g of grams) z += vocabulary.get(g) ?? 0;
  return z;
}

/** Chinese label of each feature, shown with its contribution. */
const FEATURE_LABELS: Record<FeatureName, string> = {
  termTitle: '标题风险词',
  termBody: '正文风险词',
  termMaxWeight: '最重风险词权重',
  termKinds: '风险词种类数',
  headline: '标题/首句点名该单位',
  caseName: '以该单位命名的案件',
  sentimentNegative: '单位周边负面情绪',
  sentimentPositive: '单位周边语气正面',
  refuted: '辟谣/否定语境',
  publicity: '正面宣传语境',
  negated: '否定/规定/提醒语境',
  allegationFloor: '严重指控直指该单位',
  praised: '标题致谢/表扬该单位',
  place: '地点名称，非责任主体',
  aside: '仅被@、请求、引用或作受害方',
  ruleScore: '规则证据总分',
  ruleOrange: '规则证据达到告警线',
  ruleRed: '规则证据达到红色线',
  mentions: '单位被提及次数',
  inTitle: '标题提及该单位',
  unitsNamed: '同文点名的单位数',
  topUnit: '文中证据最强的单位',
  shortText: '短文本（微博/留言）',
  inLongerName: '名称包含于另一被点名单位的全称',
  hasShorterName: '全称包含另一被点名单位的简称',
};

// Features about how the unit itself is named (kind `unit` in the explanation, as in the rule scorer's).
const UNIT_FEATURES = new Set<string>(['headline', 'caseName', 'mentions', 'inTitle']);
const TERM_FEATURES = new Set<string>(['termTitle', 'termBody', 'termMaxWeight', 'termKinds']);

/** Spread `points` over term parts in proportion to their rule points (rounded; the total is kept). */
function spread(terms: readonly ScorePart[], points: number): ScorePart[] {
  const total = terms.reduce((s, p) => s + p.points, 0);
  let left = Math.round(points);
  return terms.map((p, i) => {
    const share = i === terms.length - 1 ? left : Math.round((points * p.points) / total);
    left -= share;
    return { ...p, points: share, label: `${p.label}（模型计分）` };
  });
}

/** The part of the learned word weights next to the unit, naming the strongest ones. */
function wordsPart(grams: Iterable<string>, model: RiskModel, scale: number): ScorePart | undefined {
  const vocabulary = vocabularyOf(model);
  const hits = [...grams]
    .map((g) => ({ g, w: vocabulary.get(g) ?? 0 }))
    .filter((h) => h.w !== 0)
    .sort((a, b) => Math.abs(b.w) - Math.abs(a.w));
  const points = Math.round(scale * hits.reduce((s, h) => s + h.w, 0));
  if (points === 0) return undefined;
  const shown = hits
    .slice(0, 6)
    .map((h) => `「${h.g}」${h.w > 0 ? '+' : ''}${Math.round(scale * h.w)}`)
    .join('');
  return { kind: 'context', label: `单位所在句的用词（训练集学得）${shown}`, count: hits.length, points };
}

function modelParts(unit: UnitMatch, ctx: FeatureContext, model: RiskModel, grams: Set<string>): ScorePart[] {
  const rule = unit.parts ?? [];
  const features = featuresOf(unit, ctx);
  const x = vectorOf(features, model.features);
  const scale = scaleOf(model);
  const parts: ScorePart[] = [
    {
      kind: 'context',
      label: '模型基线（截距）',
      points: Math.round(model.base + scale * (model.intercept - model.threshold)),
    },
  ];
  // The term features are functions of the risk terms found for the unit, so their joint contribution is
  // shown on those terms (each quoting its own sentence) rather than as four abstract numbers.
  let termPoints = 0;
  model.features.forEach((name, i) => {
    const value = x[i] ?? 0;
    const points = scale * (model.weights[i] ?? 0) * value;
    if (value === 0) return;
    if (TERM_FEATURES.has(name)) {
      termPoints += points;
      return;
    }
    if (Math.round(points) === 0) return;
    const label = FEATURE_LABELS[name as FeatureName] ?? name;
    parts.push({
      kind: UNIT_FEATURES.has(name) ? 'unit' : 'context',
      label: `${label}（特征值 ${+value.toFixed(2)}）`,
      points: Math.round(points),
    });
  });
  const terms = [...termPartsIn(rule, 'title'), ...termPartsIn(rule, 'body')];
  if (terms.length > 0) parts.push(...spread(terms, termPoints));
  else if (Math.round(termPoints) !== 0)
    parts.push({ kind: 'context', label: '风险词特征', points: Math.round(termPoints) });
  const words = wordsPart(grams, model, scale);
  if (words !== undefined) parts.push(words);
  // Zero-point rule parts (negated terms...) stay in the explanation as the evidence behind a feature.
  parts.push(...rule.filter((p) => p.points === 0 && p.kind === 'context'));
  const unitId = unit.unitId;
  return parts.map((p) => ({ ...p, unitId }));
}

function finish(parts: ScorePart[], sourceWeight: number): { score: number; parts: ScorePart[] } {
  let sum = parts.reduce((s, p) => s + p.points, 0);
  sum += sourceWeightPart(parts, sum, sourceWeight);
  if (sum < 0) parts.push({ kind: 'context', label: '分值下限为0', points: -sum });
  return { score: Math.max(0, sum), parts };
}

/**
 * Positive publicity (a 巡察 achievements report, a 先进 story) is never a tip: where the rule evidence itself
 * stays below orange inside a publicity context, the fitted score is capped below the alert line too. The
 * training set (mostly finance news) holds too little publicity for the fit to learn this on its own.
 */
function publicityCap(
  scored: { score: number; parts: ScorePart[] },
  unit: UnitMatch,
  ctx: FeatureContext,
  orange: number,
): { score: number; parts: ScorePart[] } {
  const cap = orange - 1;
  const publicity = featuresOf(unit, ctx).publicity ?? 0;
  const ruleAlerts = unit.level === 'orange' || unit.level === 'red';
  if (publicity <= 0 || ruleAlerts || scored.score <= cap) return scored;
  const part: ScorePart = {
    kind: 'context',
    label: '正面宣传报道，规则证据未达告警线：不预警（分值封顶）',
    points: cap - scored.score,
    unitId: unit.unitId,
  };
  return { score: cap, parts: [...scored.parts, part] };
}

/**
 * Re-score a rule assessment with the fitted model: each named unit's score becomes the model's, its parts
 * the features' contributions; the assessment takes the best unit's. An assessment without units keeps the
 * rule score (the processor caps its level).
 */
export function applyModel(
  ruled: Assessment,
  round: RoundConfig,
  model: RiskModel,
  text: { title: string; body: string },
  sourceWeight = 1,
): Assessment {
  if (ruled.units.length === 0) return ruled;
  const { title, body } = text;
  const ctx: FeatureContext = {
    body,
    units: ruled.units,
    orange: round.levels.orange,
    red: round.levels.red,
  };
  const units = ruled.units.map((u) => {
    const grams = bigramsOf(unitWindows(title, body, u, ruled.units));
    const { score, parts } = publicityCap(
      finish(modelParts(u, ctx, model, grams), sourceWeight),
      u,
      ctx,
      round.levels.orange,
    );
    // Red still needs a serious allegation (or spread) among the rule evidence, whatever the fitted weights.
    return { ...u, score, parts, level: levelFor(score, round.levels, u.parts ?? []) };
  });
  const top = [...units].sort((a, b) => (b.score ?? 0) - (a.score ?? 0))[0];
  const score = top?.score ?? 0;
  const parts = top?.parts ?? [];
  return { ...ruled, units, score, parts, level: top?.level ?? levelFor(score, round.levels, parts) };
}
