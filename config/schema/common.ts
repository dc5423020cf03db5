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
    return s;
  });

export const levelSchema = z.enum(['red', 'orange', 'yellow', 'green'], {
  error: 'expected one of red, orange, yellow, green',
});
export const phaseNameSchema = z.enum(['entry', 'feedback', 'rectification'], {
  error: 'expected one of entry, feedback, rectification',
});
