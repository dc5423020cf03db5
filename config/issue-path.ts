import type { z } from 'zod';
import { type FileKind, humanPath } from './human-path.js';
import { reasonOf } from './issue-reason.js';

/** Format a path the way code reads it (`units[2].aliases`, `office-mail.smtp`): used to match paths, not shown. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[^.[\]\s"]+$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** One problem at a path inside a file; an empty path is the whole file. */
export interface PathIssue {
  path: readonly PropertyKey[];
  reason: string;
}

/** `human path: reason` for a reader (the reason alone for the file's root). */
export function issueText(kind: FileKind | undefined, issue: PathIssue): string {
  const where = humanPath(kind, issue.path);
  return where ? `${where}: ${issue.reason}` : issue.reason;
}

/**
 * Turn zod issues into path issues with Chinese reasons. `raw` is the input as written (a key left blank is
 * null there, so missing and empty keys are told apart); `shown` the validated input, whose values are quoted.
 */
export function zodPathIssues(
  issues: readonly z.core.$ZodIssue[],
  raw: unknown,
  shown: unknown = raw,
): PathIssue[] {
  return issues.map((issue) => {
    const written = valueAt(raw, issue.path);
    const lookup = written.found && written.value !== null ? valueAt(shown, issue.path) : written;
    return { path: issue.path, reason: reasonOf(issue, lookup) };
  });
}

/** Find the value at a path; `found` is false when a mapping or list lacks the key. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): { found: boolean; value: unknown } {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object' || !(key in cur)) return { found: false, value: undefined };
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return { found: cur !== undefined, value: cur };
}
