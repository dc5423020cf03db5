import type { z } from 'zod';

/** Format a path inside a file the way a JS reader expects it: `units[2].aliases`, `office-mail.smtp`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[^.[\]\s"]+$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** Prefix a reason with its path, leaving it bare for the file's root. */
export function atPath(path: readonly PropertyKey[], reason: string): string {
  const p = formatPath(path);
  return p ? `${p}: ${reason}` : reason;
}

/** Turn zod issues into `path: reason` lines; `raw` is the validated input, used to tell missing keys apart. */
export function formatZodIssues(issues: readonly z.core.$ZodIssue[], raw: unknown): string[] {
  return issues.map((issue) => atPath(issue.path, reasonOf(issue, raw)));
}

function reasonOf(issue: z.core.$ZodIssue, raw: unknown): string {
  const generic = issue.message.startsWith('Invalid input') || /^Too (small|big)/.test(issue.message);
  const lookup = valueAt(raw, issue.path);
  if (issue.code === 'invalid_type' && (!lookup.found || lookup.value === null)) {
    const what = lookup.found ? 'value is empty' : 'required key is missing';
    return generic ? what : `${what} (${issue.message})`;
  }
  if (issue.code === 'invalid_type' && generic)
    return `expected ${article(issue.expected)}, got ${describe(lookup.value)}`;
  if ((issue.code === 'too_small' || issue.code === 'too_big') && generic) return boundReason(issue);
  if (
    (issue.code === 'invalid_value' || issue.code === 'invalid_format') &&
    typeof lookup.value === 'string'
  ) {
    return `${issue.message}, got ${JSON.stringify(lookup.value)}`;
  }
  return issue.message;
}

function boundReason(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === 'too_small';
  const bound = small
    ? (issue as z.core.$ZodIssueTooSmall).minimum
    : (issue as z.core.$ZodIssueTooBig).maximum;
  const op = small ? (issue.inclusive ? '>=' : '>') : issue.inclusive ? '<=' : '<';
  if (issue.origin === 'number' || issue.origin === 'int') return `expected a number ${op} ${bound}`;
  return `expected a length ${op} ${bound}`;
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

function article(type: string): string {
  const names: Record<string, string> = {
    string: 'a string',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    array: 'a list',
    object: 'a mapping (key: value)',
    record: 'a mapping (key: value)',
  };
  return names[type] ?? type;
}

/** Short description of a YAML value for error messages. */
export function describe(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value === 'number' ? 'the number' : 'the value'} ${String(value)}`;
}
