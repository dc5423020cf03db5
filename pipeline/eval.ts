import type { Keyword, RoundConfig } from '../config/schema.js';
import { LEVELS, type Level, levelRank, type UnitMatch } from '../core/types.js';
import { type EvalItem, roundOf } from './eval-dataset.js';
import { type EvalMiss, missesOf } from './eval-misses.js';
import { createProcessor } from './process.js';
import type { RiskModel } from './risk-model.js';
import { createJiebaSegmenter } from './segmenter.js';
import { userDictionary } from './user-dictionary.js';

/** What the scorer said about one item: the units alerted (≥ orange) and every watched unit's level. */
export interface EvalPrediction {
  alert: string[];
  levels: Record<string, Level>;
}

/** Precision, recall and F1 of "should alert" over (item, watched unit) pairs. */
export interface PairMetrics {
  items: number;
  pairs: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

/** The result of `yuqing eval`. */
export interface EvalReport extends PairMetrics {
  /** Items with expected units whose highest-scoring watched unit is one of them. */
  attribution: number;
  itemsPerSecond: number;
  seconds: number;
  /** Pairs by label (`alert` expected or `none`) and predicted level. */
  confusion: Record<'alert' | 'none', Record<Level, number>>;
  bySource: Record<string, PairMetrics>;
  predictions: Record<string, EvalPrediction>;
  /** The pairs whose alert disagrees with the label, with the scorer's explanation. */
  misses: EvalMiss[];
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

function metrics(items: number, tp: number, fp: number, fn: number, pairs: number): PairMetrics {
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { items, pairs, tp, fp, fn, precision: r3(precision), recall: r3(recall), f1: r3(f1) };
}

/** Counts of one group of items. */
interface Tally {
  items: number;
  pairs: number;
  tp: number;
  fp: number;
  fn: number;
}

/** The watched units the real pipeline scored for each item (one ad-hoc round per item), in item order. */
export function assessItems(
  items: readonly EvalItem[],
  lexicon: readonly Keyword[],
  model?: RiskModel,
): { round: RoundConfig; units: UnitMatch[] }[] {
  const rounds = items.map(roundOf);
  const segmenter = createJiebaSegmenter(userDictionary(rounds, lexicon));
  return items.map((item, i) => {
    const round = rounds[i] ?? roundOf(item);
    const process = createProcessor({
      rounds: [round],
      lexicon,
      segmenter,
      timezone: 'Asia/Shanghai',
      roundsOf: 'all',
      ...(model !== undefined && { model }),
    });
    const out = process({
      url: `eval:${item.id}`,
      sourceId: item.source,
      sourceName: item.source,
      sourceType: 'html',
      title: item.title,
      body: item.text,
      fetchedAt: '2000-01-01T00:00:00+08:00',
    });
    return { round, units: out.assessments[0]?.units ?? [] };
  });
}

/**
 * Run the real pipeline (normalize, segment, match units, score, level) on each labelled item with an
 * ad-hoc round of its watched units, and score the predictions as the corpus README defines.
 */
export function evaluate(
  items: readonly EvalItem[],
  lexicon: readonly Keyword[],
  model?: RiskModel,
): EvalReport {
  const predictions: Record<string, EvalPrediction> = {};
  const scores: Record<string, Map<string, number>> = {};
  const misses: EvalMiss[] = [];
  const started = performance.now();
  const assessed = assessItems(items, lexicon, model);
  items.forEach((item, i) => {
    const units = assessed[i]?.units ?? [];
    const levels: Record<string, Level> = {};
    const byUnit = new Map<string, number>();
    for (const w of item.watch) {
      const u = units.find((x) => x.unitId === w.id);
      levels[w.id] = u?.level ?? 'green';
      byUnit.set(w.id, u?.score ?? -1);
    }
    const alert = item.watch
      .filter((w) => levelRank(levels[w.id] ?? 'green') >= levelRank('orange'))
      .map((w) => w.id);
    predictions[item.id] = { alert, levels };
    scores[item.id] = byUnit;
    misses.push(...missesOf(item, units, new Set(alert)));
  });
  const seconds = (performance.now() - started) / 1000;
  return { ...score(items, predictions, scores, seconds), misses };
}

function score(
  items: readonly EvalItem[],
  predictions: Record<string, EvalPrediction>,
  scores: Record<string, Map<string, number>>,
  seconds: number,
): Omit<EvalReport, 'misses'> {
  const empty = (): Record<Level, number> => ({ red: 0, orange: 0, yellow: 0, green: 0 });
  const confusion = { alert: empty(), none: empty() };
  const all: Tally = { items: 0, pairs: 0, tp: 0, fp: 0, fn: 0 };
  const bySource = new Map<string, Tally>();
  let attributable = 0;
  let attributed = 0;
  for (const item of items) {
    const p = predictions[item.id];
    const src = bySource.get(item.source) ?? { items: 0, pairs: 0, tp: 0, fp: 0, fn: 0 };
    bySource.set(item.source, src);
    for (const t of [all, src]) t.items++;
    const expected = new Set(item.expected);
    for (const w of item.watch) {
      const level = p?.levels[w.id] ?? 'green';
      const alerted = p?.alert.includes(w.id) ?? false;
      const positive = expected.has(w.id);
      confusion[positive ? 'alert' : 'none'][level]++;
      for (const t of [all, src]) {
        t.pairs++;
        if (positive && alerted) t.tp++;
        else if (alerted) t.fp++;
        else if (positive) t.fn++;
      }
    }
    if (expected.size > 0) {
      attributable++;
      const ranked = [...(scores[item.id] ?? new Map<string, number>())].sort((a, b) => b[1] - a[1]);
      if (ranked[0] && expected.has(ranked[0][0])) attributed++;
    }
  }
  return {
    ...metrics(all.items, all.tp, all.fp, all.fn, all.pairs),
    attribution: r3(attributable > 0 ? attributed / attributable : 0),
    itemsPerSecond: Math.round(items.length / Math.max(seconds, 1e-6)),
    seconds: r3(seconds),
    confusion,
    bySource: Object.fromEntries(
      [...bySource].map(([k, t]) => [k, metrics(t.items, t.tp, t.fp, t.fn, t.pairs)]),
    ),
    predictions,
  };
}

/** Chinese text report of an evaluation. */
export function formatReport(report: EvalReport, dir: string): string {
  const pct = (x: number) => x.toFixed(3);
  const lines = [
    `评测集：${dir}（${report.items} 条，${report.pairs} 个“条目×单位”对）`,
    `应告警（≥橙且单位正确）：精确率 ${pct(report.precision)}  召回率 ${pct(report.recall)}  F1 ${pct(report.f1)}` +
      `（TP ${report.tp} / FP ${report.fp} / FN ${report.fn}）`,
    `单位归属准确率（得分最高的单位是被指向的单位）：${pct(report.attribution)}`,
    `速度：${report.itemsPerSecond} 条/秒（共 ${report.seconds} 秒）`,
    '分来源：',
    ...Object.entries(report.bySource).map(
      ([k, m]) =>
        `  ${k}：精确率 ${pct(m.precision)}  召回率 ${pct(m.recall)}  F1 ${pct(m.f1)}（${m.items} 条）`,
    ),
    '等级混淆（行：标注；列：预测 红/橙/黄/绿）：',
    `  应告警  ${LEVELS.map((l) => String(report.confusion.alert[l]).padStart(5)).join('')}`,
    `  不告警  ${LEVELS.map((l) => String(report.confusion.none[l]).padStart(5)).join('')}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** The training set's cross-validated figures, as `yuqing train` stored them in the model file. */
export interface TrainingFigures {
  modelFile: string;
  folds?: number;
  pairs?: number;
  precision?: number;
  recall?: number;
  f1?: number;
  bySource?: Record<string, { precision: number; recall: number; f1: number }>;
}

/** The model file's training figures (k-fold CV on the training set). */
export function trainingFigures(model: RiskModel, modelFile: string): TrainingFigures {
  const cv = (model.training?.cv ?? {}) as Omit<TrainingFigures, 'modelFile'>;
  return { modelFile, ...cv };
}

/** Chinese text of the training figures, printed apart from the evaluated set's. */
export function formatTraining(t: TrainingFigures): string {
  if (t.precision === undefined) return `模型文件：${t.modelFile}（无训练集交叉验证记录）\n`;
  const f = (x: number | undefined) => (x ?? 0).toFixed(3);
  const lines = [
    `训练集 ${t.folds ?? '?'} 折交叉验证（模型文件 ${t.modelFile}，训练时计算）：` +
      `精确率 ${f(t.precision)}  召回率 ${f(t.recall)}  F1 ${f(t.f1)}`,
    ...Object.entries(t.bySource ?? {}).map(
      ([k, m]) => `  ${k}：精确率 ${f(m.precision)}  召回率 ${f(m.recall)}  F1 ${f(m.f1)}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
