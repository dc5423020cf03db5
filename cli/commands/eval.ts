import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadLexicon } from '../../config/lexicon.js';
import { loadRiskModel, riskModelPath } from '../../config/risk-model-file.js';
import { InputError } from '../../core/errors.js';
import { evaluate, formatReport, formatTraining, trainingFigures } from '../../pipeline/eval.js';
import { loadDataset } from '../../pipeline/eval-dataset.js';
import { formatMisses } from '../../pipeline/eval-misses.js';
import { type GlobalOptions, printJson } from '../command-context.js';

/** Options of `yuqing eval`. */
export interface EvalOptions extends GlobalOptions {
  json?: boolean;
  /** Also list the pairs the scorer got wrong, with its explanation. */
  misses?: boolean;
  /** Risk model file to score with (default: the config dir's model/risk-model.json, else the shipped one). */
  model?: string;
}

/**
 * `yuqing eval DATASET_DIR`: score a labelled data set (items.jsonl) with the real scorer and print precision,
 * recall, F1, unit attribution, items/s and the level confusion (with --misses, every pair it got wrong and
 * why). The lexicon is the default one plus the config dir's lexicon/ when that exists; no other config is
 * needed.
 */
export async function evalCommand(dir: string, options: EvalOptions): Promise<void> {
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new InputError(`评测集目录不存在：${dir}`);
  const items = await loadDataset(root);
  const lexicon = await loadLexicon(options.config ?? './config');
  const modelFile = options.model !== undefined ? resolve(options.model) : riskModelPath(options.config);
  const model = loadRiskModel(modelFile);
  const report = evaluate(items, lexicon, model);
  const train = trainingFigures(model, modelFile);
  if (options.json) {
    const { tp, fp, fn, misses, ...rest } = report;
    printJson({ ...rest, counts: { tp, fp, fn }, train, ...(options.misses && { misses }) });
    return;
  }
  process.stdout.write(formatReport(report, dir));
  process.stdout.write(formatTraining(train));
  if (options.misses) process.stdout.write(formatMisses(report.misses));
}
