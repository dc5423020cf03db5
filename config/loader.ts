import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../core/errors.js';
import type { RiskModel } from '../pipeline/risk-model.js';
import { toConfigError } from './config-error.js';
import { type LoadContext, loadYamlFile } from './config-file.js';
import { crossCheck, type RoundFile } from './cross-checks.js';
import { collectLexicon, yamlFilesIn } from './lexicon.js';
import { collectRecurrenceWording } from './recurrence-wording.js';
import { loadRiskModel, RiskModelError, riskModelPath } from './risk-model-file.js';
import {
  type AppConfig,
  channelsFileSchema,
  roundSchema,
  type Settings,
  settingsSchema,
  sourcesFileSchema,
  splitChannelsFile,
} from './schema.js';

/** Options of loadConfig. */
export interface LoadConfigOptions {
  /** `--data DIR`: replaces settings.dataDir, and the store becomes `<DIR>/yuqing.db`. */
  dataDir?: string;
  /** Variables for `${VAR}` references; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Read and validate a config directory (settings.yaml, sources.yaml, channels.yaml, rounds/*.yaml and an
 * optional lexicon/). Throws one ConfigError listing every problem found, each as `file: path: reason`.
 */
export async function loadConfig(dir: string, options: LoadConfigOptions = {}): Promise<AppConfig> {
  const root = path.resolve(dir);
  await requireDirectory(root, dir);
  const ctx: LoadContext = { env: options.env ?? process.env, errors: [], warnings: [] };
  const at = (name: string) => path.join(root, name);

  const settings = await loadYamlFile(
    {
      schema: settingsSchema,
      path: at('settings.yaml'),
      label: 'settings.yaml',
      empty: {},
      shape: 'mapping',
    },
    ctx,
  );
  const sources = await loadYamlFile(
    { schema: sourcesFileSchema, path: at('sources.yaml'), label: 'sources.yaml', empty: [], shape: 'list' },
    ctx,
  );
  const channelsFile = await loadYamlFile(
    {
      schema: channelsFileSchema,
      path: at('channels.yaml'),
      label: 'channels.yaml',
      empty: {},
      shape: 'mapping',
    },
    ctx,
  );
  const { channels, teams } = channelsFile ? splitChannelsFile(channelsFile) : {};
  const rounds = await loadRounds(root, ctx);
  const lexicon = await collectLexicon(root, ctx);
  const model = loadModelInto(root, ctx);
  const recurrenceWording = await collectRecurrenceWording(root, ctx);
  ctx.errors.push(
    ...crossCheck({
      sourcesLabel: 'sources.yaml',
      sources,
      channels,
      rounds,
      ...(channelsFile && { teams: teams ?? {} }),
      ...(settings && { adminChannels: settings.alerts.adminChannels }),
    }),
  );

  if (ctx.errors.length > 0 || !settings || !sources || !channels) throw toConfigError(root, ctx.errors);
  return {
    dir: root,
    settings: resolvePaths(settings, options.dataDir),
    sources,
    channels,
    teams: teams ?? {},
    rounds: rounds.map((r) => r.round),
    lexicon,
    ...(model !== undefined && { model }),
    recurrenceWording,
    warnings: ctx.warnings,
  };
}

/** The risk model, or undefined with the problem (code, file, reason) recorded in `ctx`. */
function loadModelInto(root: string, ctx: LoadContext): RiskModel | undefined {
  const file = riskModelPath(root);
  try {
    return loadRiskModel(file);
  } catch (err) {
    if (!(err instanceof RiskModelError)) throw err;
    const rel = path.relative(root, file);
    const label = rel.startsWith('..') ? file : rel.split(path.sep).join('/');
    ctx.errors.push({ file: label, reason: `[${err.code}] ${err.message.slice(file.length + 2)}` });
    return undefined;
  }
}

async function requireDirectory(root: string, given: string): Promise<void> {
  const info = await stat(root).catch(() => undefined);
  if (!info) throw new ConfigError(given, ['配置目录不存在']);
  if (!info.isDirectory()) throw new ConfigError(given, ['不是目录（应为配置目录）']);
}

async function loadRounds(root: string, ctx: LoadContext): Promise<RoundFile[]> {
  const files = await yamlFilesIn(path.join(root, 'rounds'));
  if (files.length === 0) {
    ctx.errors.push({ file: 'rounds/', reason: '没有轮次文件（请至少添加一个 rounds/<编号>.yaml）' });
    return [];
  }
  const rounds: RoundFile[] = [];
  for (const file of files) {
    const label = `rounds/${path.basename(file)}`;
    const round = await loadYamlFile({ schema: roundSchema, path: file, label, shape: 'mapping' }, ctx);
    if (round) rounds.push({ label, round });
  }
  return rounds;
}

/** Resolve the data dir and store path against the working directory; `--data` wins over the file. */
function resolvePaths(settings: Settings, dataDirOverride: string | undefined): AppConfig['settings'] {
  const dataDir = path.resolve(dataDirOverride ?? settings.dataDir);
  const storePath =
    dataDirOverride === undefined && settings.store.path !== undefined
      ? path.resolve(settings.store.path)
      : path.join(dataDir, 'yuqing.db');
  return { ...settings, dataDir, store: { ...settings.store, path: storePath }, storePath };
}
