import { z } from 'zod';
import { quote } from '../issue-reason.js';
import { boundedNumber, isoDate, str, strList } from './common.js';
import { keywordSchema } from './lexicon.js';
import { routeSchema } from './routes.js';

const windowSchema = z.object({ start: isoDate, end: isoDate }).refine((w) => w.start <= w.end, {
  error: (issue) => {
    const w = issue.input as { start: string; end: string };
    return `开始日期 ${w.start} 晚于结束日期 ${w.end}`;
  },
});

/** What a unit is; a `place` is only a location (never the one an allegation is about). */
export const unitKindSchema = z.enum(['gov', 'company', 'institution', 'village', 'place', 'other'], {
  error: (issue) =>
    `应为 gov（机关）、company（企业）、institution（事业单位）、village（村社区）、place（地名）、other（其他）之一，实际为${quote(issue.input)}`,
});

/** A subordinate unit (下属单位): its mentions count as mentions of the parent. */
export const childUnitSchema = z.object({
  name: str('下属单位名称'),
  aliases: strList().default([]),
});

export const unitSchema = z.object({
  id: str('单位编号'),
  name: str('单位名称'),
  aliases: strList().default([]),
  exclude: strList().default([]),
  people: strList().default([]),
  team: z.string({ error: '应填写巡察组名称' }).optional(),
  kind: unitKindSchema.optional(),
  /** Derive abbreviations (市住建局, 明州住建局) from the full name; on unless false. */
  derive: z.boolean({ error: '应为 true 或 false' }).optional(),
  children: z.array(childUnitSchema, { error: '应为下属单位列表' }).optional(),
});

export const roundSchema = z.object({
  id: str('轮次编号'),
  name: str('轮次名称'),
  /** A round can be switched off without deleting its file. */
  active: z.boolean({ error: '应为 true 或 false' }).default(true),
  phases: z
    .object({
      entry: windowSchema.optional(),
      feedback: windowSchema.optional(),
      rectification: windowSchema.optional(),
    })
    // Checked on the phases alone, so that a bad unit elsewhere does not hide a phase order problem.
    .check(phaseOrder)
    .default({}),
  units: z.array(unitSchema, { error: '应为单位列表' }).min(1, { error: '一个轮次至少要有一个被巡察单位' }),
  keywords: z.array(keywordSchema, { error: '应为关注词列表' }).default([]),
  sources: strList().default([]),
  /** Intensified monitoring (issue 20): the first N days of entry / after the feedback start use `intensified` crons. */
  intensify: z
    .object({
      afterEntryDays: z
        .number()
        .int({ error: '应为正整数（天数）' })
        .positive({ error: '应为正整数（天数）' })
        .optional(),
      afterFeedbackDays: z
        .number()
        .int({ error: '应为正整数（天数）' })
        .positive({ error: '应为正整数（天数）' })
        .optional(),
    })
    .optional(),
  alerts: z.array(routeSchema, { error: '应为推送规则列表' }).default([]),
  /** Score thresholds of each level (score ≥ threshold). */
  levels: z
    .object({
      red: boundedNumber(0, 10_000, '分数').default(60),
      orange: boundedNumber(0, 10_000, '分数').default(35),
      yellow: boundedNumber(0, 10_000, '分数').default(15),
      /** Red also needs one risk term at least this heavy (a serious allegation) or a story that spread; default 8. */
      redMinTermWeight: boundedNumber(0, 100, '权重').optional(),
    })
    .check(levelOrder)
    .prefault({}),
});

/** Level lines must be ordered red > orange > yellow, or a higher level could never be reached. */
function levelOrder(ctx: z.core.ParsePayload<{ red: number; orange: number; yellow: number }>): void {
  const { red, orange, yellow } = ctx.value;
  if (!(red > orange)) {
    ctx.issues.push({
      code: 'custom',
      path: ['red'],
      message: `红色分数线（${red}）应高于橙色分数线（${orange}）`,
      input: red,
    });
  }
  if (!(orange > yellow)) {
    ctx.issues.push({
      code: 'custom',
      path: ['orange'],
      message: `橙色分数线（${orange}）应高于黄色分数线（${yellow}）`,
      input: orange,
    });
  }
}

const PHASE_ORDER = ['entry', 'feedback', 'rectification'] as const;
const PHASE_NAMES: Readonly<Record<string, string>> = {
  entry: '进驻',
  feedback: '反馈',
  rectification: '整改',
};

/** Phases come in order: 反馈 does not start before 进驻 starts, nor 整改 before 反馈 (windows may overlap, as before). */
function phaseOrder(ctx: z.core.ParsePayload<Partial<Record<string, { start: string; end: string }>>>): void {
  const phases = ctx.value;
  const present = PHASE_ORDER.filter((name) => phases[name] !== undefined);
  for (let i = 1; i < present.length; i++) {
    const prev = present[i - 1] ?? '';
    const name = present[i] ?? '';
    const before = phases[prev];
    const window = phases[name];
    if (before && window && window.start < before.start) {
      ctx.issues.push({
        code: 'custom',
        path: [name, 'start'],
        message: `${PHASE_NAMES[name]}阶段的开始日期 ${window.start} 早于${PHASE_NAMES[prev]}阶段的开始日期 ${before.start}`,
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
