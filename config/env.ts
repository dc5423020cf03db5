import { formatPath, type PathIssue } from './issue-path.js';

const REFERENCE = /\$\$\{|\$\{([^}]*)\}/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SYNTAX = `应写成 \${变量名} 或 \${变量名:-默认值}`;

/** Result of expanding `${VAR}` references in one parsed YAML tree. */
export interface Expanded {
  value: unknown;
  /** One per bad or unset reference. */
  issues: PathIssue[];
  /** Formatted paths of the strings that had a bad reference, so later checks do not report them twice. */
  badPaths: Set<string>;
}

/**
 * Expand `${VAR}` and `${VAR:-default}` in every string of a parsed YAML tree and drop mapping keys whose value
 * is null, so that a key left blank (`team:`) counts as absent. `$${` stands for a literal `${`.
 */
export function expandTree(root: unknown, env: NodeJS.ProcessEnv): Expanded {
  const issues: PathIssue[] = [];
  const badPaths = new Set<string>();
  const report = (path: PropertyKey[], reason: string) => {
    issues.push({ path, reason });
    badPaths.add(formatPath(path));
  };
  const walk = (node: unknown, path: PropertyKey[]): unknown => {
    if (typeof node === 'string') return expandString(node, env, (reason) => report(path, reason));
    if (Array.isArray(node)) return node.map((item, i) => walk(item, [...path, i]));
    if (node !== null && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(node)) {
        if (value !== null && value !== undefined) out[key] = walk(value, [...path, key]);
      }
      return out;
    }
    return node;
  };
  return { value: walk(root, []), issues, badPaths };
}

/** Expand the references of one string; each problem is reported and replaced by an empty string. */
export function expandString(text: string, env: NodeJS.ProcessEnv, report: (reason: string) => void): string {
  if (!text.includes('${')) return text;
  const unterminated = text.replace(REFERENCE, '').includes('${');
  if (unterminated) report(`\${ 没有闭合（${SYNTAX}）`);
  return text.replace(REFERENCE, (match, body: string | undefined) => {
    if (body === undefined) return '${';
    const sep = body.indexOf(':-');
    const name = sep === -1 ? body : body.slice(0, sep);
    if (!NAME.test(name)) {
      report(`无效的变量引用 ${match}（${SYNTAX}）`);
      return '';
    }
    const value = env[name];
    if (sep !== -1) return value === undefined || value === '' ? body.slice(sep + 2) : value;
    if (value === undefined) {
      report(`环境变量 ${name} 未设置（请设置它，或写成 \${${name}:-默认值}）`);
      return '';
    }
    return value;
  });
}
