import { ConfigError } from '../core/errors.js';

/** One problem in one file; `issue` is `path: reason` (or just a reason for the whole file). */
export interface FileIssue {
  /** Path relative to the config directory, with forward slashes. */
  file: string;
  issue: string;
}

/** Problems in several config files; `file` is the config directory and each message line names its file. */
export class ConfigIssuesError extends ConfigError {
  readonly files: readonly string[];
  constructor(dir: string, issues: readonly FileIssue[]) {
    const lines = issues.map((i) => `${i.file}: ${i.issue}`);
    super(dir, lines);
    this.message = lines.join('\n');
    this.files = [...new Set(issues.map((i) => i.file))];
  }
}

/** One ConfigError for all issues: a plain ConfigError when they are all in one file. */
export function toConfigError(dir: string, issues: readonly FileIssue[]): ConfigError {
  const files = new Set(issues.map((i) => i.file));
  const [only] = files;
  if (files.size === 1 && only !== undefined) {
    return new ConfigError(
      only,
      issues.map((i) => i.issue),
    );
  }
  return new ConfigIssuesError(dir, issues);
}
