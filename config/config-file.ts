import type { z } from 'zod';
import { type FileIssue, issueLine } from './config-error.js';
import { expandTree } from './env.js';
import { formatPath, zodPathIssues } from './issue-path.js';
import { unknownKeys } from './unknown-keys.js';
import { readYamlFile } from './yaml-file.js';

/** Shared state of one load: the environment and everything found wrong so far. */
export interface LoadContext {
  env: NodeJS.ProcessEnv;
  errors: FileIssue[];
  warnings: string[];
}

/** How to load one file. */
export interface FileSpec<T extends z.ZodType> {
  schema: T;
  /** Absolute path. */
  path: string;
  /** Path shown in messages, relative to the config directory. */
  label: string;
  /** Value used when the file is absent or empty; without it the file is required and must not be empty. */
  empty?: unknown;
  /** Checks the top-level shape before zod does, for a clearer message than a type mismatch. */
  shape?: 'mapping' | 'list';
}

/** Read, expand and validate one YAML file; returns undefined (and records why) when it is not usable. */
export async function loadYamlFile<T extends z.ZodType>(
  spec: FileSpec<T>,
  ctx: LoadContext,
): Promise<z.output<T> | undefined> {
  const fail = (reason: string, path: readonly PropertyKey[] = []) => {
    ctx.errors.push({ file: spec.label, path, reason });
    return undefined;
  };
  const parsed = await readYamlFile(spec.path);
  if (parsed === undefined && spec.empty === undefined) return fail('文件不存在');
  for (const w of parsed?.warnings ?? []) ctx.warnings.push(`${spec.label}: ${w}`);
  if (parsed && parsed.errors.length > 0) {
    for (const e of parsed.errors) fail(e);
    return undefined;
  }
  let raw = parsed?.data;
  if (raw === undefined || raw === null) {
    if (spec.empty === undefined) return fail('文件是空的');
    raw = spec.empty;
  }
  const shapeError = checkShape(raw, spec.shape);
  if (shapeError) return fail(shapeError);
  const expanded = expandTree(raw, ctx.env);
  for (const issue of expanded.issues) fail(issue.reason, issue.path);
  const result = spec.schema.safeParse(expanded.value);
  if (!result.success) {
    const issues = result.error.issues.filter((i) => !expanded.badPaths.has(formatPath(i.path)));
    for (const issue of zodPathIssues(issues, raw, expanded.value)) fail(issue.reason, issue.path);
    return undefined;
  }
  for (const path of unknownKeys(expanded.value, result.data)) {
    ctx.warnings.push(issueLine({ file: spec.label, path, reason: '未知的键，已忽略（是否拼错？）' }));
  }
  return expanded.issues.length > 0 ? undefined : result.data;
}

function checkShape(raw: unknown, shape: FileSpec<z.ZodType>['shape']): string | undefined {
  if (shape === 'list' && !Array.isArray(raw)) return '整个文件应为 YAML 列表（每项以 "- " 开头）';
  if (shape === 'mapping' && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) {
    return '整个文件应为 YAML 键值（形如 "key: value" 的各行）';
  }
  return undefined;
}
