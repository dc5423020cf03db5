import { z } from 'zod';

/** settings.yaml: instance-wide settings. */
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

/** Validated settings.yaml. */
export type Settings = z.infer<typeof settingsSchema>;
