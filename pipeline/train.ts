// Fitting the risk model on a labelled data set: the rule scorer extracts each (item, watched unit) pair's
// features, an L2 logistic regression weighs them, and the alert and red lines are chosen on the fit's own
// predictions. k-fold cross-validation (folds by item) reports what the fit does on items it has not seen.

import type { Keyword } from '../config/schema.js';
import { assessItems } from './eval.js';
import type { EvalItem } from './eval-dataset.js';
import { FEATURE_NAMES, featuresOf, vectorOf } from './features.js';
import { bigramsOf, unitWindows } from './lexical.js';
import { fitLogistic, logit } from './logistic.js';
import { RISK_MODEL_VERSION, type RiskModel } from './risk-model.js';

/** One (item, named watched unit) pair: its features and whether it should alert. */
export interface TrainingRow {
  itemId: string;
  source: string;
  x: number[];
  /** Character bigrams next to the unit's mentions. */
  grams: string[];
  y: number;
}

/** Options of a fit. */
export interface TrainOptions {
  /** L2 penalty (on the summed log loss). */
  lambda?: number;
  /** Cross-validation folds. */
  folds?: number;
  /** The alert line maximises F-beta on the training predictions (beta > 1 favours recall). */
  beta?: number;
  /** Precision the red line asks of the pairs above it. */
  redPrecision?: number;
  /** Bigrams seen next to at least this many training pairs may enter the vocabulary… */
  minCount?: number;
  /** …up to this many, the most frequent first. */
  vocabularySize?: number;
}

/** Pair figures of a set of predictions. */
export interface PairFigures {
  pairs: number;
  precision: number;
  recall: number;
  f1: number;
}

/** What `yuqing train` produces: the model and its cross-validated figures. */
export interface TrainResult {
  model: RiskModel;
  cv: PairFigures & { folds: number; bySource: Record<string, PairFigures> };
  /** Expected pairs whose unit the scorer never found named (always missed, not in the fit). */
  unmatchedPositives: number;
}

const DEFAULTS = { lambda: 5, folds: 5, beta: 1.5, redPrecision: 0.95, minCount: 10, vocabularySize: 800 };
const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** The training rows of a data set: every watched unit the pipeline finds named, with the rule features. */
export function trainingRows(
  items: readonly EvalItem[],
  lexicon: readonly Keyword[],
): { rows: TrainingRow[]; unmatchedPositives: number } {
  const rows: TrainingRow[] = [];
  let unmatchedPositives = 0;
  assessItems(items, lexicon).forEach(({ round, units }, i) => {
    const item = items[i];
    if (!item) return;
    const expected = new Set(item.expected);
    const ctx = { body: item.text, units, orange: round.levels.orange, red: round.levels.red };
    for (const w of item.watch) {
      const u = units.find((x) => x.unitId === w.id);
      if (!u) {
        if (expected.has(w.id)) unmatchedPositives++;
        continue;
      }
      const x = vectorOf(featuresOf(u, ctx), FEATURE_NAMES);
      const grams = [...bigramsOf(unitWindows(item.title, item.text, u, units))];
      rows.push({ itemId: item.id, source: item.source, x, grams, y: expected.has(w.id) ? 1 : 0 });
    }
  });
  return { rows, unmatchedPositives };
}

function figures(predicted: readonly boolean[], labels: readonly number[], extraFn = 0): PairFigures {
  let tp = 0;
  let fp = 0;
  let fn = extraFn;
  predicted.forEach((p, i) => {
    if (p && labels[i] === 1) tp++;
    else if (p) fp++;
    else if (labels[i] === 1) fn++;
  });
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { pairs: predicted.length, precision: r3(precision), recall: r3(recall), f1: r3(f1) };
}

/** The logit above which pairs alert: the one maximising F-beta over the given predictions. */
export function alertLine(z: readonly number[], y: readonly number[], beta: number): number {
  const order = z.map((v, i) => [v, y[i] ?? 0] as const).sort((a, b) => b[0] - a[0]);
  const positives = y.filter((v) => v === 1).length;
  let tp = 0;
  let best = { f: -1, at: 0 };
  order.forEach(([v, label], i) => {
    if (label === 1) tp++;
    const next = order[i + 1]?.[0];
    if (next === v) return;
    const p = tp / (i + 1);
    const r = tp / Math.max(1, positives);
    const f = p + r > 0 ? ((1 + beta * beta) * p * r) / (beta * beta * p + r) : 0;
    if (f > best.f) best = { f, at: next === undefined ? v - 1e-6 : (v + next) / 2 };
  });
  return best.at;
}

/** The lowest logit above `from` where the pairs at or above it reach `precision`. */
export function redLineOf(
  z: readonly number[],
  y: readonly number[],
  from: number,
  precision: number,
): number {
  const above = z.map((v, i) => [v, y[i] ?? 0] as const).filter(([v]) => v > from);
  above.sort((a, b) => a[0] - b[0]);
  let tp = above.filter(([, l]) => l === 1).length;
  for (let i = 0; i < above.length; i++) {
    if (tp / (above.length - i) >= precision) return Math.max(from + 0.5, above[i]?.[0] ?? from + 2);
    if (above[i]?.[1] === 1) tp--;
  }
  return from + 2;
}

// Stable fold of an item (FNV-1a of its id), so near-duplicate pairs of one item never straddle folds.
function foldOf(id: string, folds: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) % folds;
}

/** The bigrams next to at least `minCount` rows, the `size` most frequent (ties by text). */
export function chooseVocabulary(rows: readonly TrainingRow[], minCount: number, size: number): string[] {
  const counts = new Map<string, number>();
  for (const r of rows) for (const g of r.grams) counts.set(g, (counts.get(g) ?? 0) + 1);
  return [...counts]
    .filter(([, c]) => c >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, size)
    .map(([g]) => g);
}

function withWords(r: TrainingRow, index: ReadonlyMap<string, number>): number[] {
  const words = new Array<number>(index.size).fill(0);
  for (const g of r.grams) {
    const at = index.get(g);
    if (at !== undefined) words[at] = 1;
  }
  return [...r.x, ...words];
}

function fitLines(rows: readonly TrainingRow[], o: typeof DEFAULTS) {
  const vocabulary = chooseVocabulary(rows, o.minCount, o.vocabularySize);
  const index = new Map(vocabulary.map((g, i) => [g, i]));
  const xs = rows.map((r) => withWords(r, index));
  const fit = fitLogistic(
    xs,
    rows.map((r) => r.y),
    o.lambda,
  );
  const z = xs.map((x) => logit(fit, x));
  const y = rows.map((r) => r.y);
  const threshold = alertLine(z, y, o.beta);
  const predict = (r: TrainingRow) => logit(fit, withWords(r, index));
  return { fit, vocabulary, predict, threshold, redLine: redLineOf(z, y, threshold, o.redPrecision) };
}

/** Fit the model on all rows, after k-fold cross-validation of the same procedure. */
export function trainModel(
  rows: readonly TrainingRow[],
  unmatchedPositives: number,
  options: TrainOptions = {},
): TrainResult {
  const o = { ...DEFAULTS, ...options };
  const predicted = new Array<boolean>(rows.length).fill(false);
  for (let k = 0; k < o.folds; k++) {
    const inFold = rows.map((r) => foldOf(r.itemId, o.folds) === k);
    const { predict, threshold } = fitLines(
      rows.filter((_, i) => !inFold[i]),
      o,
    );
    rows.forEach((r, i) => {
      if (inFold[i]) predicted[i] = predict(r) > threshold;
    });
  }
  const labels = rows.map((r) => r.y);
  const bySource: Record<string, PairFigures> = {};
  for (const source of [...new Set(rows.map((r) => r.source))].sort()) {
    const at = rows.map((r, i) => (r.source === source ? i : -1)).filter((i) => i >= 0);
    bySource[source] = figures(
      at.map((i) => predicted[i] ?? false),
      at.map((i) => labels[i] ?? 0),
    );
  }
  const cv = { folds: o.folds, ...figures(predicted, labels, unmatchedPositives), bySource };
  const { fit, vocabulary, threshold, redLine } = fitLines(rows, o);
  const round6 = (w: number) => Math.round(w * 1e6) / 1e6;
  const dense = FEATURE_NAMES.length;
  const model: RiskModel = {
    version: RISK_MODEL_VERSION,
    features: [...FEATURE_NAMES],
    weights: fit.weights.slice(0, dense).map(round6),
    vocabulary,
    vocabularyWeights: fit.weights.slice(dense).map(round6),
    intercept: Math.round(fit.intercept * 1e6) / 1e6,
    threshold: Math.round(threshold * 1e6) / 1e6,
    redLine: Math.round(redLine * 1e6) / 1e6,
    base: 35,
    redSpan: 25,
    training: {
      method: 'L2 logistic regression (Newton/IRLS)',
      lambda: o.lambda,
      beta: o.beta,
      redPrecision: o.redPrecision,
      minCount: o.minCount,
      vocabularySize: o.vocabularySize,
      pairs: rows.length,
      positives: labels.filter((v) => v === 1).length,
      cv,
    },
  };
  return { model, cv, unmatchedPositives };
}
