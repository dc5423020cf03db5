import { ConfigError } from '../core/errors.js';
import { fileKindOf } from './human-path.js';
import { issueText } from './issue-path.js';

/** One problem in one config file; an absent or empty `path` is about the whole file. */
export interface FileIssue {
  /** Path relative to the config directory, with forward slashes. */
  file: string;
  /** Keys and list indexes (0-based) inside the file, as parsed. */
  path?: readonly PropertyKey[];
  /** Why, in Chinese, quoting the offending value. */
  reason: string;
}

/** The line shown for an issue: `file: 第 2 个单位的名称（name）: reason`. */
export function issueLine(issue: FileIssue): string {
  return `${issue.file}: ${issueText(fileKindOf(issue.file), { path: issue.path ?? [], reason: issue.reason })}`;
}

/**
 * Problems in one or more config files. `file` is the only file when there is one, else the config directory;
 * each message line names its file; `details` keeps the structured issues (the console maps them to fields).
 */
export class ConfigIssuesError extends ConfigError {
  readonly files: readonly string[];
  readonly details: readonly FileIssue[];
  constructor(dir: string, issues: readonly FileIssue[]) {
    const files = [...new Set(issues.map((i) => i.file))];
    const only = files.length === 1 ? files[0] : undefined;
    super(
      only ?? dir,
      issues.map((i) => (only === undefined ? issueLine(i) : issueLine(i).slice(only.length + 2))),
    );
    this.message = issues.map(issueLine).join('\n');
    this.files = files;
    this.details = issues;
  }
}

/** One ConfigError for all issues. */
export function toConfigError(dir: string, issues: readonly FileIssue[]): ConfigError {
  return new ConfigIssuesError(dir, issues);
}
