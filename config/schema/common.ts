import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';

// Messages are written for the admin who edits the YAML: they are shown as `file: path: message`.
/** A non-empty string, with a message naming what was expected. */
export const str = (what = 'a string') =>
  z.string({ error: `expected ${what}` }).min(1, { error: `expected ${what}` });
/** A list of strings. */
export const strList = () =>
  z.array(z.string({ error: 'expected a string' }), { error: 'expected a list of strings' });
/** A calendar date, YAML date or `YYYY-MM-DD` string, as `YYYY-MM-DD`. */
export const isoDate = z
  .union([z.string(), z.date()], { error: 'expected a date like 2026-03-02' })
  .transform((v, ctx) => {
    const s = v instanceof Date ? v.toISOString().slice(0, 10) : v;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) {
      ctx.addIssue({ code: 'custom', message: `expected a date like 2026-03-02, got "${s}"` });
      return z.NEVER;
    }
    // The pattern alone lets 2026-13-45 and 2026-02-30 through; luxon knows the calendar.
    if (!DateTime.fromISO(s, { zone: 'utc' }).isValid) {
      ctx.addIssue({ code: 'custom', message: `not a real calendar date, got "${s}"` });
      return z.NEVER;
    }
    return s;
  });

export const levelSchema = z.enum(['red', 'orange', 'yellow', 'green'], {
  error: 'expected one of red, orange, yellow, green',
});
export const phaseNameSchema = z.enum(['entry', 'feedback', 'rectification'], {
  error: 'expected one of entry, feedback, rectification',
});

/** An IANA time zone name such as Asia/Shanghai (node-cron and luxon throw at run time on anything else). */
export const timezoneSchema = z
  .string({ error: 'expected an IANA time zone such as Asia/Shanghai' })
  .refine((v) => IANAZone.isValidZone(v), {
    error: (issue) => `not an IANA time zone such as Asia/Shanghai, got "${String(issue.input)}"`,
  });

/** A finite number within [min, max]; YAML's 1e308 or .inf must not slip through as a "positive number". */
export const boundedNumber = (min: number, max: number, what = 'a number') =>
  z.number({ error: `expected ${what}` }).refine((v) => Number.isFinite(v) && v >= min && v <= max, {
    error: (issue) => `expected ${what} between ${min} and ${max}, got ${String(issue.input)}`,
  });

/** A whole number within [min, max]. */
export const boundedInt = (min: number, max: number, what = 'a whole number') =>
  boundedNumber(min, max, what).refine((v) => Number.isInteger(v), { error: `expected ${what}` });
