import { isIP } from 'node:net';
import { z } from 'zod';
import { quote } from '../issue-reason.js';
import { boundedInt, boundedNumber, timezoneSchema } from './common.js';

// A DNS host name (labels of letters, digits and hyphens), as the console may listen on one.
const HOSTNAME =
  /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** settings.yaml: instance-wide settings. */
export const settingsSchema = z.object({
  timezone: timezoneSchema.default('Asia/Shanghai'),
  /** Data directory (store file, later evidence); `--data DIR` overrides it. */
  dataDir: z.string().default('./data'),
  store: z
    .object({
      type: z
        .enum(['sqlite', 'elasticsearch'], {
          error: (issue) => `应为 sqlite 或 elasticsearch，实际为${quote(issue.input)}`,
        })
        .default('sqlite'),
      /** SQLite: defaults to `<dataDir>/yuqing.db`. */
      path: z.string().optional(),
      // ---- Elasticsearch (issue #7) ----
      /** Elasticsearch: URL of one node, or several. */
      node: z.union([z.string().url(), z.array(z.string().url()).min(1)]).optional(),
      /** Elasticsearch: an API key (base64 `id:key`), or a user name and password. */
      auth: z
        .object({
          apiKey: z.string().min(1).optional(),
          username: z.string().min(1).optional(),
          password: z.string().min(1).optional(),
        })
        .optional(),
      /** Elasticsearch TLS: the CA's SHA-256 fingerprint (hex, colons allowed) or a PEM file path. */
      tls: z
        .object({
          caFingerprint: z.string().min(1).optional(),
          ca: z.string().min(1).optional(),
        })
        .optional(),
      /** Elasticsearch: prefix of every index name (`<prefix>-articles`…); one prefix per deployment. */
      indexPrefix: z
        .string()
        .regex(/^[a-z0-9][a-z0-9_-]*$/, {
          error: (issue) => `只能用小写字母、数字、- 和 _，实际为${quote(issue.input)}`,
        })
        .default('yuqing'),
    })
    .superRefine((store, ctx) => {
      if (store.type !== 'elasticsearch') return;
      if (store.node === undefined)
        ctx.addIssue({ code: 'custom', path: ['node'], message: '使用 elasticsearch 时必须填写节点地址' });
      const auth = store.auth;
      if (
        auth &&
        auth.apiKey === undefined &&
        (auth.username === undefined) !== (auth.password === undefined)
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['auth'],
          message: '请填写 apiKey，或同时填写 username 和 password',
        });
      }
    })
    .prefault({}),
  /** Several crawler instances sharing one Elasticsearch: this one fetches the sources hashed to `index`. */
  instance: z
    .object({
      index: boundedInt(0, 1000).default(0),
      count: boundedInt(1, 1000).default(1),
    })
    .refine((i) => i.index < i.count, {
      error: (issue) => {
        const i = issue.input as { index: number; count: number };
        return `序号（${i.index}）应小于总数（${i.count}）`;
      },
      path: ['index'],
    })
    .prefault({}),
  console: z
    .object({
      port: boundedInt(0, 65535, '端口号').default(3000),
      host: z
        .string({ error: '应为 IP 地址或主机名' })
        .refine((h) => isIP(h) !== 0 || HOSTNAME.test(h), {
          error: (issue) => `应为 IP 地址或主机名，实际为${quote(issue.input)}`,
        })
        .default('127.0.0.1'),
      publicUrl: z
        .url({ error: (issue) => `应为 http(s) 网址，实际为${quote(issue.input)}`, protocol: /^https?$/ })
        .optional(),
    })
    .prefault({}),
  crawl: z
    .object({
      userAgent: z.string().default('Mozilla/5.0 (compatible; xuncha-yuqing/0.1; +self-hosted monitor)'),
      respectRobotsTxt: z.boolean({ error: '应为 true 或 false' }).default(true),
      allowPrivateAddresses: z.boolean({ error: '应为 true 或 false' }).default(false),
      maxPageBytes: boundedInt(1024, 1024 * 1024 * 1024, '字节数').default(5 * 1024 * 1024),
      timeoutSecs: boundedNumber(1, 600, '秒数').default(30),
      maxConcurrency: boundedInt(1, 64).default(4),
      /** Items taken from one list page or feed per cycle. */
      maxItemsPerSource: boundedInt(1, 10_000).default(100),
      /** Path of the Chromium binary used by `browser` sources. */
      chromiumPath: z.string().optional(),
      /** Minimum seconds between two requests to the same host (one request per host at a time). */
      delaySecs: boundedNumber(0, 3600, '秒数').default(2),
      /** A 429/503 whose Retry-After asks for a longer wait than this is given up for this cycle. */
      maxRetryAfterSecs: boundedNumber(0, 86_400, '秒数').default(120),
      /** Hosts (`host` or `host:port`) exempt from the private-address guard, e.g. an intranet site to watch. */
      allowPrivateHosts: z.array(z.string()).default([]),
      /** Full-page PNG screenshot of every article rendered by a `browser` source, kept as evidence. */
      screenshots: z.boolean({ error: '应为 true 或 false' }).default(true),
    })
    .prefault({}),
  alerts: z
    .object({
      /**
       * Whether this instance sends alerts at all; false leaves delivery to other instances on the same store
       * (they claim alerts, so several senders never send one twice).
       */
      send: z.boolean({ error: '应为 true 或 false' }).default(true),
      /** Seconds between outbox sender runs. */
      sendIntervalSecs: boundedNumber(1, 86_400, '秒数').default(10),
      maxAttempts: boundedInt(1, 100).default(8),
      /** Channels (names in channels.yaml) that get system notices such as a source failing repeatedly. */
      adminChannels: z.array(z.string({ error: '应填写渠道名称' })).default([]),
      /** A source failing this many cycles in a row raises one notice to the admin channels. */
      sourceFailureThreshold: boundedInt(1, 10_000).default(5),
      /**
       * An item published more than this many days ago (or this long before its round's first phase) is stored
       * and searchable but never alerted: a back catalogue or an old page found late is not news.
       */
      maxAgeDays: boundedNumber(0.01, 3650, '天数').default(7),
    })
    .prefault({}),
  /** Serve the bundled offline demo site on this loopback port (the example config uses it). */
  demoSite: z
    .object({
      port: boundedInt(0, 65535, '端口号'),
      /** A loopback SMTP catcher whose mails the demo site lists at /mail/. */
      smtpPort: boundedInt(0, 65535, '端口号').optional(),
    })
    .optional(),
});

/** Validated settings.yaml. */
export type Settings = z.infer<typeof settingsSchema>;
