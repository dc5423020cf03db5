import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { quote } from '../issue-reason.js';

// Messages are written for the admin who edits the YAML, in Chinese: they are shown as `file: path: message`
// after a Chinese, 1-based name of the path (config/human-path.ts). Zod's own English messages never reach a
// reader: config/issue-reason.ts replaces them by code.
/** A non-empty string, with a message naming what was expected. */
export const str = (what = '文字') => z.string({ error: `应填写${what}` }).min(1, { error: `应填写${what}` });
/** A list of strings. */
export const strList = () => z.array(z.string({ error: '应为文字' }), { error: '应为文字列表' });
/** A calendar date, YAML date or `YYYY-MM-DD` string, as `YYYY-MM-DD`. */
export const isoDate = z
  .union([z.string(), z.date()], { error: '应为日期，如 2026-03-02' })
  .transform((v, ctx) => {
    const s = v instanceof Date ? v.toISOString().slice(0, 10) : v;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) {
      ctx.addIssue({ code: 'custom', message: `应为日期，如 2026-03-02，实际为${quote(s)}` });
      return z.NEVER;
    }
    // The pattern alone lets 2026-13-45 and 2026-02-30 through; luxon knows the calendar.
    if (!DateTime.fromISO(s, { zone: 'utc' }).isValid) {
      ctx.addIssue({ code: 'custom', message: `不是真实存在的日期：${quote(s)}` });
      return z.NEVER;
    }
    return s;
  });

export const levelSchema = z.enum(['red', 'orange', 'yellow', 'green'], {
  error: (issue) =>
    `应为 red（红）、orange（橙）、yellow（黄）、green（绿）之一，实际为${quote(issue.input)}`,
});
export const phaseNameSchema = z.enum(['entry', 'feedback', 'rectification'], {
  error: (issue) =>
    `应为 entry（进驻）、feedback（反馈）、rectification（整改）之一，实际为${quote(issue.input)}`,
});

/** An IANA time zone name such as Asia/Shanghai (node-cron and luxon throw at run time on anything else). */
export const timezoneSchema = z
  .string({ error: '应为 IANA 时区名称，如 Asia/Shanghai' })
  .refine((v) => IANAZone.isValidZone(v), {
    error: (issue) => `不是 IANA 时区名称（如 Asia/Shanghai）：${quote(issue.input)}`,
  });

/** A finite number within [min, max]; YAML's 1e308 or .inf must not slip through as a "positive number". */
export const boundedNumber = (min: number, max: number, what = '数字') =>
  z.number({ error: `应为${what}` }).refine((v) => Number.isFinite(v) && v >= min && v <= max, {
    error: (issue) => `应为 ${min} 到 ${max} 之间的${what}，实际为 ${String(issue.input)}`,
  });

/** A whole number within [min, max]. */
export const boundedInt = (min: number, max: number, what = '整数') =>
  boundedNumber(min, max, what).refine((v) => Number.isInteger(v), {
    error: (issue) => `应为整数，实际为 ${String(issue.input)}`,
  });
