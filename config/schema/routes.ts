import { validate as isValidCron } from 'node-cron';
import { z } from 'zod';
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
    channels: z.array(z.string(), { error: 'expected a list of channel names' }).default([]),
    /** `team`: also the channels of the unit's inspection team. */
    to: z.literal('team', { error: 'expected "team" (the unit\'s team recipients)' }).optional(),
    /** Only these unit ids. */
    units: z.array(z.string(), { error: 'expected a list of unit ids' }).min(1).optional(),
    /** Only units of these teams (the unit's `team`). */
    teams: z.array(z.string(), { error: 'expected a list of team names' }).min(1).optional(),
    /** Only items in these phases. */
    phases: z.array(phaseNameSchema, { error: 'expected a list of phases' }).min(1).optional(),
    /** A cron expression: collect matching tips into a digest sent on this schedule instead of at once. */
    digest: z
      .string({ error: 'expected a cron expression such as "0 8 * * *"' })
      .refine((v) => isValidCron(v), { error: 'not a valid cron expression (e.g. "0 8 * * *")' })
      .optional(),
    /**
     * Alert the same story again at the same level after this long (a new repost after the wait): `never`
     * (default) or a duration such as 30m, 6h, 1d.
     */
    realert: z
      .string()
      .refine((v) => v === 'never' || realertMs(v) !== undefined, {
        error: 'expected "never" or a duration such as 30m, 6h, 1d',
      })
      .optional(),
  })
  .refine((r) => r.channels.length > 0 || r.to === 'team', {
    error: 'expected at least one channel name (or to: team)',
    path: ['channels'],
  });

/** An alert route of a round. */
export type RouteConfig = z.infer<typeof routeSchema>;
