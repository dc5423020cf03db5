import { validate as isValidCron } from 'node-cron';
import { z } from 'zod';
import { quote } from '../issue-reason.js';
import { levelSchema, phaseNameSchema } from './common.js';

/** `realert` durations: a number and a unit, e.g. 30m, 6h, 1d. */
const DURATION = /^(\d+)\s*(m|h|d)$/;
const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds of a realert duration (`30m`, `6h`, `1d`); undefined for `never`. */
export function realertMs(realert: string): number | undefined {
  const match = DURATION.exec(realert.trim());
  if (!match) return undefined;
  return Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? 0);
}

/**
 * One alert route of a round (`alerts:` in rounds/*.yaml). A tip goes to `channels` and, with `to: team`, to
 * the channels of its unit's team (`teams:` in channels.yaml). `units`, `teams` and `phases` narrow the route;
 * `digest: CRON` makes it a digest route (collected and sent on the schedule, never immediately).
 */
export const routeSchema = z
  .object({
    minLevel: levelSchema,
    channels: z.array(z.string({ error: '应填写渠道名称' }), { error: '应为渠道名称列表' }).default([]),
    /** `team`: also the channels of the unit's inspection team. */
    to: z
      .literal('team', { error: (issue) => `只能写 team（发给单位所属巡察组），实际为${quote(issue.input)}` })
      .optional(),
    /** Only these unit ids. */
    units: z
      .array(z.string({ error: '应填写单位编号' }), { error: '应为单位编号列表' })
      .min(1, { error: '至少要有一个单位编号' })
      .optional(),
    /** Only units of these teams (the unit's `team`). */
    teams: z
      .array(z.string({ error: '应填写巡察组名称' }), { error: '应为巡察组名称列表' })
      .min(1, { error: '至少要有一个巡察组名称' })
      .optional(),
    /** Only items in these phases. */
    phases: z
      .array(phaseNameSchema, { error: '应为阶段列表' })
      .min(1, { error: '至少要有一个阶段' })
      .optional(),
    /** A cron expression: collect matching tips into a digest sent on this schedule instead of at once. */
    digest: z
      .string({ error: '应为 cron 表达式，如 "0 8 * * *"' })
      .refine((v) => isValidCron(v), {
        error: (issue) => `不是有效的 cron 表达式${quote(issue.input)}（例如 "0 8 * * *"）`,
      })
      .optional(),
    /**
     * Alert the same story again at the same level after this long (a new repost after the wait): `never`
     * (default) or a duration such as 30m, 6h, 1d.
     */
    realert: z
      .string({ error: '应为 never 或时长，如 30m、6h、1d' })
      .refine((v) => v === 'never' || realertMs(v) !== undefined, {
        error: (issue) => `应为 never 或时长（如 30m、6h、1d），实际为${quote(issue.input)}`,
      })
      .optional(),
  })
  .refine((r) => r.channels.length > 0 || r.to === 'team', {
    error: '至少要有一个渠道名称（或写 to: team）',
    path: ['channels'],
  });

/** An alert route of a round. */
export type RouteConfig = z.infer<typeof routeSchema>;
