import { z } from 'zod';
import { str } from './common.js';

const selectorsSchema = z.object({
  title: z.string().optional(),
  time: z.string().optional(),
  body: z.string().optional(),
});

/** One entry of sources.yaml. */
export const sourceSchema = z.object({
  id: str('a source id').regex(/^[A-Za-z0-9_.-]+$/, { error: 'expected letters, digits, "-", "_" or "."' }),
  name: str('a name'),
  type: z.enum(['rss', 'html', 'browser'], { error: 'expected one of rss, html, browser' }),
  url: z.url({ error: 'expected an http(s) URL', protocol: /^https?$/ }),
  schedule: str('a cron expression such as "*/10 * * * *"').default('*/15 * * * *'),
  enabled: z.boolean().default(true),
  list: z.object({ item: str('a CSS selector') }).optional(),
  article: selectorsSchema.optional(),
  encoding: z.string().optional(),
  respectRobotsTxt: z.boolean().optional(),
  /** Why robots.txt is ignored for this source (required when respectRobotsTxt is false). */
  reason: z.string().optional(),
  maxItems: z.number().int().positive().optional(),
  /** Multiplies the risk score of this source's items (an official site < 1, an anonymous forum > 1). */
  weight: z
    .number({ error: 'expected a number' })
    .positive({ error: 'expected a positive number' })
    .default(1),
});
export const sourcesFileSchema = z.array(sourceSchema, { error: 'expected a list of sources' });

/** Validated source entry. */
export type SourceConfig = z.infer<typeof sourceSchema>;
