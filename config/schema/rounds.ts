import { z } from 'zod';
import { boundedNumber, isoDate, str, strList } from './common.js';
import { keywordSchema } from './lexicon.js';
import { routeSchema } from './routes.js';

const windowSchema = z.object({ start: isoDate, end: isoDate }).refine((w) => w.start <= w.end, {
  error: (issue) => {
    const w = issue.input as { start: string; end: string };
    return `start must not be after end (${w.start} is after ${w.end})`;
  },
});

/** What a unit is; a `place` is only a location (never the one an allegation is about). */
export const unitKindSchema = z.enum(['gov', 'company', 'institution', 'village', 'place', 'other'], {
  error: 'expected one of gov, company, institution, village, place, other',
});

/** A subordinate unit (下属单位): its mentions count as mentions of the parent. */
export const childUnitSchema = z.object({
  name: str('the subordinate unit name'),
  aliases: strList().default([]),
});

export const unitSchema = z.object({
  id: str('a unit id'),
  name: str('the unit name'),
  aliases: strList().default([]),
  exclude: strList().default([]),
  people: strList().default([]),
  team: z.string().optional(),
  kind: unitKindSchema.optional(),
  /** Derive abbreviations (市住建局, 明州住建局) from the full name; on unless false. */
  derive: z.boolean().optional(),
  children: z.array(childUnitSchema, { error: 'expected a list of subordinate units' }).optional(),
});

export const roundSchema = z
  .object({
    id: str('a round id'),
    name: str('a round name'),
    /** A round can be switched off without deleting its file. */
    active: z.boolean().default(true),
    phases: z
      .object({
        entry: windowSchema.optional(),
        feedback: windowSchema.optional(),
        rectification: windowSchema.optional(),
      })
      .default({}),
    units: z
      .array(unitSchema, { error: 'expected a list of units' })
      .min(1, { error: 'a round needs at least one unit' }),
    keywords: z.array(keywordSchema, { error: 'expected a list of keywords' }).default([]),
    sources: strList().default([]),
    /** Intensified monitoring (issue 20): the first N days of entry / after the feedback start use `intensified` crons. */
    intensify: z
      .object({
        afterEntryDays: z
          .number()
          .int()
          .positive({ error: 'expected a positive whole number of days' })
          .optional(),
        afterFeedbackDays: z
          .number()
          .int()
          .positive({ error: 'expected a positive whole number of days' })
          .optional(),
      })
      .optional(),
    alerts: z.array(routeSchema, { error: 'expected a list of routes' }).default([]),
    /** Score thresholds of each level (score ≥ threshold). */
    levels: z
      .object({
        red: boundedNumber(0, 10_000, 'a score').default(60),
        orange: boundedNumber(0, 10_000, 'a score').default(35),
        yellow: boundedNumber(0, 10_000, 'a score').default(15),
        /** Red also needs one risk term at least this heavy (a serious allegation) or a story that spread; default 8. */
        redMinTermWeight: boundedNumber(0, 100, 'a weight').optional(),
      })
      .check(levelOrder)
      .prefault({}),
  })
  .check(phaseOrder);

/** Level lines must be ordered red > orange > yellow, or a higher level could never be reached. */
function levelOrder(ctx: z.core.ParsePayload<{ red: number; orange: number; yellow: number }>): void {
  const { red, orange, yellow } = ctx.value;
  if (!(red > orange)) {
    ctx.issues.push({
      code: 'custom',
      path: ['red'],
      message: `red (${red}) must be above orange (${orange})`,
      input: red,
    });
  }
  if (!(orange > yellow)) {
    ctx.issues.push({
      code: 'custom',
      path: ['orange'],
      message: `orange (${orange}) must be above yellow (${yellow})`,
      input: orange,
    });
  }
}

const PHASE_ORDER = ['entry', 'feedback', 'rectification'] as const;

/** Phases come in order: 反馈 does not start before 进驻 starts, nor 整改 before 反馈 (windows may overlap, as before). */
function phaseOrder(
  ctx: z.core.ParsePayload<{ phases: Partial<Record<string, { start: string; end: string }>> }>,
): void {
  const present = PHASE_ORDER.filter((name) => ctx.value.phases[name] !== undefined);
  for (let i = 1; i < present.length; i++) {
    const prev = present[i - 1] ?? '';
    const name = present[i] ?? '';
    const before = ctx.value.phases[prev];
    const window = ctx.value.phases[name];
    if (before && window && window.start < before.start) {
      ctx.issues.push({
        code: 'custom',
        path: ['phases', name, 'start'],
        message: `${name} must not start before ${prev} starts (${window.start} is before ${before.start})`,
        input: window.start,
      });
    }
  }
}

/** A subordinate unit of a watched unit. */
export type ChildUnitConfig = z.infer<typeof childUnitSchema>;
/** Kind of a watched unit. */
export type UnitKind = z.infer<typeof unitKindSchema>;
/** A watched unit. */
export type UnitConfig = z.infer<typeof unitSchema>;
/** A validated round file. */
export type RoundConfig = z.infer<typeof roundSchema>;
