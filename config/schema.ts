import { z } from 'zod';

// Messages are written for the admin who edits the YAML: they are shown as `file: path: message`.
const str = (what = 'a string') =>
  z.string({ error: `expected ${what}` }).min(1, { error: `expected ${what}` });
const strList = () =>
  z.array(z.string({ error: 'expected a string' }), { error: 'expected a list of strings' });
const isoDate = z
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

// ---------- settings.yaml ----------
export const settingsSchema = z.object({
  timezone: z.string().default('Asia/Shanghai'),
  /** Data directory (store file, later evidence); `--data DIR` overrides it. */
  dataDir: z.string().default('./data'),
  store: z
    .object({
      type: z.literal('sqlite', { error: 'expected "sqlite" (elasticsearch comes later)' }).default('sqlite'),
      /** Defaults to `<dataDir>/yuqing.db`. */
      path: z.string().optional(),
    })
    .prefault({}),
  console: z
    .object({
      port: z.number({ error: 'expected a port number' }).int().min(0).max(65535).default(3000),
      host: z.string().default('127.0.0.1'),
      publicUrl: z.string().optional(),
    })
    .prefault({}),
  crawl: z
    .object({
      userAgent: z.string().default('Mozilla/5.0 (compatible; xuncha-yuqing/0.1; +self-hosted monitor)'),
      respectRobotsTxt: z.boolean({ error: 'expected true or false' }).default(true),
      allowPrivateAddresses: z.boolean({ error: 'expected true or false' }).default(false),
      maxPageBytes: z
        .number()
        .int()
        .positive()
        .default(5 * 1024 * 1024),
      timeoutSecs: z.number().positive().default(30),
      maxConcurrency: z.number().int().positive().default(4),
      /** Items taken from one list page or feed per cycle. */
      maxItemsPerSource: z.number().int().positive().default(100),
      /** Path of the Chromium binary used by `browser` sources. */
      chromiumPath: z.string().optional(),
    })
    .prefault({}),
  alerts: z
    .object({
      /** Seconds between outbox sender runs. */
      sendIntervalSecs: z.number().positive().default(10),
      maxAttempts: z.number().int().positive().default(8),
    })
    .prefault({}),
  /** Serve the bundled offline demo site on this loopback port (the example config uses it). */
  demoSite: z
    .object({
      port: z.number().int().min(0).max(65535),
      /** A loopback SMTP catcher whose mails the demo site lists at /mail/. */
      smtpPort: z.number().int().min(0).max(65535).optional(),
    })
    .optional(),
});

// ---------- sources.yaml ----------
const selectorsSchema = z.object({
  title: z.string().optional(),
  time: z.string().optional(),
  body: z.string().optional(),
});

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
});
export const sourcesFileSchema = z.array(sourceSchema, { error: 'expected a list of sources' });

// ---------- channels.yaml ----------
const emailChannel = z.object({
  type: z.literal('email'),
  to: z
    .array(z.string(), { error: 'expected a list of addresses' })
    .min(1, { error: 'expected at least one address' }),
  from: str('a sender address'),
  /** smtp://user:pass@host:port or smtps://... */
  smtp: str('an SMTP URL such as smtp://user:pass@mail.example.org:587'),
});
const robotChannel = z.object({
  type: z.enum(['wecom', 'dingtalk', 'feishu', 'webhook']),
  url: z.url({ error: 'expected an http(s) URL', protocol: /^https?$/ }),
  secret: z.string().optional(),
});
export const channelSchema = z.discriminatedUnion('type', [emailChannel, robotChannel], {
  error: 'expected type to be one of email, wecom, dingtalk, feishu, webhook',
});
export const channelsFileSchema = z.record(z.string(), channelSchema, {
  error: 'expected a map of channel names',
});

// ---------- lexicon ----------
export const keywordSchema = z.object({
  term: str('a term'),
  category: str('a category'),
  weight: z.number({ error: 'expected a number' }),
  phases: z.array(phaseNameSchema).optional(),
});
export const lexiconFileSchema = z.object({
  terms: z.array(keywordSchema, { error: 'expected a list of terms' }),
});

// ---------- rounds/*.yaml ----------
const windowSchema = z
  .object({ start: isoDate, end: isoDate })
  .refine((w) => w.start <= w.end, { error: 'start must not be after end' });

export const unitSchema = z.object({
  id: str('a unit id'),
  name: str('the unit name'),
  aliases: strList().default([]),
  exclude: strList().default([]),
  people: strList().default([]),
  team: z.string().optional(),
});

export const routeSchema = z.object({
  minLevel: levelSchema,
  channels: z
    .array(z.string(), { error: 'expected a list of channel names' })
    .min(1, { error: 'expected at least one channel name' }),
});

export const roundSchema = z.object({
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
  alerts: z.array(routeSchema, { error: 'expected a list of routes' }).default([]),
  /** Score thresholds of each level (score ≥ threshold). */
  levels: z
    .object({ red: z.number().default(60), orange: z.number().default(35), yellow: z.number().default(15) })
    .prefault({}),
});

export type Settings = z.infer<typeof settingsSchema>;
export type SourceConfig = z.infer<typeof sourceSchema>;
export type ChannelConfig = z.infer<typeof channelSchema>;
export type Keyword = z.infer<typeof keywordSchema>;
export type UnitConfig = z.infer<typeof unitSchema>;
export type RouteConfig = z.infer<typeof routeSchema>;
export type RoundConfig = z.infer<typeof roundSchema>;

/** The whole validated configuration of one instance. */
export interface AppConfig {
  /** Absolute path of the config directory. */
  dir: string;
  settings: Settings & { storePath: string };
  sources: SourceConfig[];
  channels: Record<string, ChannelConfig>;
  rounds: RoundConfig[];
  /** The default lexicon (config/lexicon/*.yaml), before each round's keywords are added. */
  lexicon: Keyword[];
  /** Harmless problems found while loading (unknown keys...), each `file: path: reason`; log them. */
  warnings?: string[];
}
