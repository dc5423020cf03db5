// Saving a round from the console: validate like the YAML loader, write the file atomically, reload.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { ConfigIssuesError, issueLine } from '../config/config-error.js';
import { issueText, zodPathIssues } from '../config/issue-path.js';
import { loadConfig } from '../config/loader.js';
import { type AppConfig, type RoundConfig, roundSchema } from '../config/schema.js';
import { parseYaml } from '../config/yaml-file.js';
import { type FieldError, FieldsError } from './errors.js';
import { patchRoundYaml, savedByLine } from './round-yaml-patch.js';

/**
 * One field error: `path` is the form's field (`units.1.name`, 0-based as the form holds it) and `message` the
 * same Chinese text `config check` prints for the YAML (第 2 个单位的名称（name）: reason).
 */
function fieldError(path: readonly PropertyKey[], reason: string): FieldError {
  return { path: path.map(String).join('.'), message: issueText('round', { path, reason }) };
}

/** Validate a submitted round with the YAML schema; FieldsError E_CONFIG with one entry per bad field. */
export function validateRound(input: unknown, expectedId?: string): RoundConfig {
  const result = roundSchema.safeParse(input);
  const fields: FieldError[] = result.success
    ? []
    : zodPathIssues(result.error.issues, input).map((i) => fieldError(i.path, i.reason));
  if (result.success && expectedId !== undefined && result.data.id !== expectedId) {
    fields.push(fieldError(['id'], `轮次编号不能修改（应为「${expectedId}」），实际为「${result.data.id}」`));
  }
  if (!result.success || fields.length > 0) throw configError(fields);
  return result.data;
}

function configError(fields: readonly FieldError[]): FieldsError {
  const first = fields[0];
  return new FieldsError(
    'E_CONFIG',
    `轮次配置无效：${first ? first.message : ''}${fields.length > 1 ? `（共 ${fields.length} 处）` : ''}`,
    fields,
  );
}

/** The file under rounds/ that holds a round id (by its `id:`), or `<id>.yaml` for a new round. */
export async function roundFileName(configDir: string, roundId: string): Promise<string> {
  const dir = path.join(configDir, 'rounds');
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /\.ya?ml$/i.test(n)).sort();
  for (const name of names) {
    const parsed = parseYaml(await readFile(path.join(dir, name), 'utf8'));
    const data = parsed.data as { id?: unknown } | undefined;
    if (data && typeof data === 'object' && data.id === roundId) return name;
  }
  return `${roundId.replace(/[^\p{L}\p{N}._-]/gu, '_')}.yaml`;
}

/** The current text of a round's file, or undefined when the round has no file yet. */
export async function roundFileText(configDir: string, roundId: string): Promise<string | undefined> {
  const file = path.join(configDir, 'rounds', await roundFileName(configDir, roundId));
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The YAML text written for a round. Given the file's current text, only what changed is patched into it
 * (comments, order and unwritten defaults kept as they are); otherwise, or when that text cannot be patched,
 * the whole round is written.
 */
export function roundYaml(round: RoundConfig, savedBy: string, at: string, existing?: string): string {
  const header = savedByLine(savedBy, at);
  const patched = existing === undefined ? undefined : patchRoundYaml(existing, round, header);
  return patched ?? `${header}\n${stringify(round, { lineWidth: 0 })}`;
}

/**
 * Validate the whole config with the round replaced (through a staging directory of symlinks, so the loader
 * checks sources, channels and duplicates exactly as at start-up), then write the file atomically (tmp +
 * rename). Returns the new config; FieldsError E_CONFIG naming fields when anything is wrong.
 */
export async function saveRound(
  config: AppConfig,
  round: RoundConfig,
  text: string,
): Promise<{ config: AppConfig; file: string }> {
  const file = await roundFileName(config.dir, round.id);
  const staged = await stageConfig(config.dir, file, text);
  let loaded: AppConfig;
  try {
    loaded = await loadConfig(staged);
  } catch (error) {
    if (error instanceof ConfigIssuesError) throw loaderFields(error, file);
    throw error;
  } finally {
    await rm(staged, { recursive: true, force: true });
  }
  const target = path.join(config.dir, 'rounds', file);
  const tmp = path.join(config.dir, 'rounds', `.${file}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(tmp, text, 'utf8');
  await rename(tmp, target);
  // The running service keeps its resolved settings (paths, --data); only rounds/lexicon change here.
  return { config: { ...loaded, dir: config.dir, settings: config.settings }, file: `rounds/${file}` };
}

async function stageConfig(configDir: string, file: string, text: string): Promise<string> {
  const staged = await mkdtemp(path.join(tmpdir(), 'yuqing-config-'));
  for (const entry of await readdir(configDir)) {
    if (entry === 'rounds') continue;
    await symlink(path.join(configDir, entry), path.join(staged, entry));
  }
  const rounds = path.join(staged, 'rounds');
  await mkdir(rounds);
  for (const name of await readdir(path.join(configDir, 'rounds')).catch(() => [] as string[])) {
    if (name === file || !/\.ya?ml$/i.test(name)) continue;
    await symlink(path.join(configDir, 'rounds', name), path.join(rounds, name));
  }
  await writeFile(path.join(rounds, file), text, 'utf8');
  return staged;
}

/** The loader's issues in our file become fields; issues in other files go in the message. */
function loaderFields(error: ConfigIssuesError, file: string): FieldsError {
  const label = `rounds/${file}`;
  const ours = error.details.filter((d) => d.file === label);
  const other = error.details.filter((d) => d.file !== label).map(issueLine);
  if (ours.length === 0) return new FieldsError('E_CONFIG', `配置校验失败：${other.join('；')}`, []);
  return configError(ours.map((d) => fieldError(d.path ?? [], d.reason)));
}
