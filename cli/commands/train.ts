import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadLexicon } from '../../config/lexicon.js';
import { InputError } from '../../core/errors.js';
import { loadDataset } from '../../pipeline/eval-dataset.js';
import { trainingRows, trainModel } from '../../pipeline/train.js';
import { type GlobalOptions, printJson } from '../command-context.js';

/** Options of `yuqing train`. */
export interface TrainCommandOptions extends GlobalOptions {
  out: string;
  json?: boolean;
  lambda?: string;
  folds?: string;
}

const numberOption = (v: string | undefined, name: string): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InputError(`--${name} 应为正数：${v}`);
  return n;
};

/**
 * `yuqing train DATASET_DIR --out FILE`: extract the rule features of every (item, watched unit) pair of a
 * labelled set, fit the risk model (L2 logistic regression), report its k-fold cross-validated figures and
 * write the model file.
 */
export async function trainCommand(dir: string, options: TrainCommandOptions): Promise<void> {
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new InputError(`训练集目录不存在：${dir}`);
  const items = await loadDataset(root);
  const lexicon = await loadLexicon(options.config ?? './config');
  const { rows, unmatchedPositives } = trainingRows(items, lexicon);
  const folds = numberOption(options.folds, 'folds');
  const lambda = numberOption(options.lambda, 'lambda');
  const result = trainModel(rows, unmatchedPositives, {
    ...(folds !== undefined && { folds: Math.round(folds) }),
    ...(lambda !== undefined && { lambda }),
  });
  const out = resolve(options.out);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result.model, null, 2)}\n`);
  if (options.json) {
    printJson({ out, items: items.length, pairs: rows.length, cv: result.cv, unmatchedPositives });
    return;
  }
  const { cv } = result;
  const lines = [
    `训练集：${dir}（${items.length} 条，${rows.length} 个点名的“条目×单位”对；${unmatchedPositives} 个应告警单位未被识别）`,
    `${cv.folds} 折交叉验证：精确率 ${cv.precision.toFixed(3)}  召回率 ${cv.recall.toFixed(3)}  F1 ${cv.f1.toFixed(3)}`,
    ...Object.entries(cv.bySource).map(
      ([k, m]) =>
        `  ${k}：精确率 ${m.precision.toFixed(3)}  召回率 ${m.recall.toFixed(3)}  F1 ${m.f1.toFixed(3)}`,
    ),
    `模型已写入：${out}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
