// Chinese reasons for zod issues: a schema's own (Chinese) message is kept, zod's English defaults are replaced
// by a reason built from the issue code, always quoting the offending value.
import type { z } from 'zod';

const CJK = /[\u3400-\u9fff]/;

/** A value quoted for a message: strings in 「」 (cut at 60 characters), others as written in YAML. */
export function quote(value: unknown): string {
  if (typeof value === 'string') return `「${value.length > 60 ? `${value.slice(0, 60)}…` : value}」`;
  return describe(value);
}

/** Short Chinese description of a YAML value. */
export function describe(value: unknown): string {
  if (value === undefined || value === null) return '空';
  if (Array.isArray(value)) return '一个列表';
  if (value instanceof Date) return `日期 ${value.toISOString().slice(0, 10)}`;
  if (typeof value === 'object') return '一组键值';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number') return `数字 ${String(value)}`;
  if (typeof value === 'boolean') return ` ${String(value)}`;
  return String(value);
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: 'true 或 false',
  array: '列表（以 "- " 开头的各行，或 [a, b]）',
  object: '一组键值（key: value）',
  record: '一组键值（key: value）',
  date: '日期',
};

/** Where a value sits in the raw file: found (possibly null) or missing. */
export interface Lookup {
  found: boolean;
  value: unknown;
}

/** The Chinese reason of one zod issue; `lookup` is the value at its path in the file as written. */
export function reasonOf(issue: z.core.$ZodIssue, lookup: Lookup): string {
  const own = CJK.test(issue.message) ? issue.message : undefined;
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && isAbsent(lookup)) {
    const what = lookup.found ? '未填写（值为空）' : '缺少必填项';
    return own ? `${what}，${own}` : what;
  }
  const value = lookup.value;
  // A schema's own wording says what was expected; the value found is added unless it already says it.
  if (own) return own.includes('实际为') || issue.code === 'custom' ? own : `${own}，${actual(issue, value)}`;
  switch (issue.code) {
    case 'invalid_type':
      return `应为${TYPE_NAMES[issue.expected] ?? issue.expected}，实际为${describe(value)}`;
    case 'too_small':
    case 'too_big':
      return boundReason(issue, value);
    case 'invalid_value':
      return `应为 ${issue.values.map((v) => quote(v)).join('、')} 之一，实际为${quote(value)}`;
    case 'invalid_format':
      return issue.format === 'url'
        ? `应为 http:// 或 https:// 开头的网址，实际为${quote(value)}`
        : `格式不正确，实际为${quote(value)}`;
    case 'not_multiple_of':
      return `应为 ${String(issue.divisor)} 的整数倍，实际为${quote(value)}`;
    default:
      return `取值无效，实际为${describe(value)}`;
  }
}

function actual(issue: z.core.$ZodIssue, value: unknown): string {
  if ((issue.code === 'too_small' || issue.code === 'too_big') && Array.isArray(value)) {
    return `实际为 ${value.length} 项`;
  }
  return `实际为${describe(value)}`;
}

function isAbsent(lookup: Lookup): boolean {
  return !lookup.found || lookup.value === null || lookup.value === undefined;
}

function boundReason(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, value: unknown): string {
  const small = issue.code === 'too_small';
  const bound = String(small ? issue.minimum : issue.maximum);
  const op = small ? (issue.inclusive ? '不小于' : '大于') : issue.inclusive ? '不大于' : '小于';
  if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') {
    return `应${op} ${bound}，实际为 ${String(value)}`;
  }
  if (issue.origin === 'array' || issue.origin === 'set') {
    const n = Array.isArray(value) ? value.length : 0;
    return small ? `至少需要 ${bound} 项，实际为 ${n} 项` : `最多 ${bound} 项，实际为 ${n} 项`;
  }
  const n = typeof value === 'string' ? value.length : 0;
  return `长度应${op} ${bound} 个字符，实际为 ${n} 个字符`;
}
