import { z } from 'zod';
import { levelSchema } from './common.js';

/** One alert route of a round (`alerts:` in rounds/*.yaml). */
export const routeSchema = z.object({
  minLevel: levelSchema,
  channels: z
    .array(z.string(), { error: 'expected a list of channel names' })
    .min(1, { error: 'expected at least one channel name' }),
});

/** An alert route of a round. */
export type RouteConfig = z.infer<typeof routeSchema>;
