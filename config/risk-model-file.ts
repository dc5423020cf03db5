import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { YuqingError } from '../core/errors.js';
import { FEATURE_NAMES } from '../pipeline/features.js';
import { RISK_MODEL_VERSION, type RiskModel } from '../pipeline/risk-model.js';

/** Stable codes of a risk model file that cannot be used. */
export type RiskModelErrorCode = 'E_MODEL_MISSING' | 'E_MODEL_CORRUPT' | 'E_MODEL_VERSION';

/** The risk model file is missing, not a valid model, or from another format version; names the file. */
export class RiskModelError extends YuqingError {
  readonly file: string;
  constructor(code: RiskModelErrorCode, file: string, message: string) {
    super(code, `${file}: ${message}`);
    this.file = file;
  }
}

/** The model file's name inside a model folder. */
export const RISK_MODEL_FILE = 'risk-model.json';

/** The shipped model folder (config/model), found from the source tree or from a build in dist/. */
export function defaultModelDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const beside = path.join(here, 'model');
  if (existsSync(path.join(beside, RISK_MODEL_FILE))) return beside;
  return path.resolve(here, '..', '..', 'config', 'model');
}

/** The model a config dir uses: its own model/risk-model.json when present, else the shipped one. */
export function riskModelPath(configDir?: string): string {
  if (configDir !== undefined) {
    const own = path.join(configDir, 'model', RISK_MODEL_FILE);
    if (existsSync(own)) return own;
  }
  return path.join(defaultModelDir(), RISK_MODEL_FILE);
}

const modelSchema = z
  .object({
    version: z.number(),
    features: z.array(z.string()).min(1),
    weights: z.array(z.number().finite()),
    vocabulary: z.array(z.string()).default([]),
    vocabularyWeights: z.array(z.number().finite()).default([]),
    intercept: z.number().finite(),
    threshold: z.number().finite(),
    redLine: z.number().finite(),
    base: z.number().finite(),
    redSpan: z.number().positive(),
    training: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((m) => m.weights.length === m.features.length, {
    message: 'weights and features differ in length',
  })
  .refine((m) => m.vocabularyWeights.length === m.vocabulary.length, {
    message: 'vocabularyWeights and vocabulary differ in length',
  })
  .refine((m) => m.redLine > m.threshold, { message: 'redLine must lie above threshold' });

/** Check a parsed model file; throws RiskModelError naming `file`. */
export function parseRiskModel(raw: unknown, file: string): RiskModel {
  const version = (raw as { version?: unknown } | null)?.version;
  if (
    typeof raw === 'object' &&
    raw !== null &&
    typeof version === 'number' &&
    version !== RISK_MODEL_VERSION
  )
    throw new RiskModelError(
      'E_MODEL_VERSION',
      file,
      `模型文件版本 ${version} 与本程序（版本 ${RISK_MODEL_VERSION}）不兼容，请用 yuqing train 重新训练`,
    );
  const parsed = modelSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new RiskModelError('E_MODEL_CORRUPT', file, `不是有效的风险模型文件（${where}${issue?.message}）`);
  }
  const known = new Set<string>(FEATURE_NAMES);
  const unknown = parsed.data.features.filter((f) => !known.has(f));
  if (unknown.length > 0)
    throw new RiskModelError(
      'E_MODEL_VERSION',
      file,
      `模型使用了本程序不认识的特征：${unknown.join(', ')}，请用 yuqing train 重新训练`,
    );
  return parsed.data;
}

/** Read and check a risk model file; a missing, unparsable or incompatible file throws RiskModelError. */
export function loadRiskModel(file: string): RiskModel {
  if (!existsSync(file))
    throw new RiskModelError('E_MODEL_MISSING', file, '风险模型文件不存在（可用 yuqing train 生成）');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new RiskModelError('E_MODEL_CORRUPT', file, `不是合法的 JSON（${(err as Error).message}）`);
  }
  return parseRiskModel(raw, file);
}
