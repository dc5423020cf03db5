import { load } from 'cheerio';
import { z } from 'zod';
import { quote } from '../issue-reason.js';
import { boundedInt, boundedNumber, str } from './common.js';

/** An empty document: finding a selector in it compiles the selector the way the crawler's cheerio will. */
const emptyDoc = load('');

/** A CSS selector that cheerio compiles, so a typo fails `config check`, not the crawl. */
const selector = (what = 'CSS 选择器') =>
  str(what).superRefine((value, ctx) => {
    try {
      emptyDoc.root().find(value);
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: `CSS 选择器${quote(value)}写法不对（${(error as Error).message}）`,
      });
    }
  });

const selectorsSchema = z.object({
  title: selector().optional(),
  time: selector().optional(),
  body: selector().optional(),
});

const listSchema = z.object({
  /** CSS selector of the article links (or of elements containing one). */
  item: selector(),
  /** CSS selector of the "next page" link; paging stops at the first page whose items are all known. */
  next: selector().optional(),
  /** Pages read per cycle when `next` is set, the first page included (default 5). */
  maxPages: boundedInt(1, 100).optional(),
});

/** Field paths (dot-separated, e.g. `data.list` or `attrs.0.value`) of a `json` source. */
const jsonFieldsSchema = z.object({
  /** Path of the array of items in the response; empty for a top-level array. */
  items: z.string().default(''),
  title: str('字段路径'),
  url: str('字段路径'),
  time: z.string().optional(),
  /** Without a body field, each item's page is fetched and extracted. */
  body: z.string().optional(),
  author: z.string().optional(),
});

/** Selectors of a forum thread page, when the built-in detection (Discuz!, phpBB, 贴吧...) does not fit. */
const forumSchema = z.object({
  /** One element per post, the first post first. */
  post: selector(),
  /** The post's text inside a post element. */
  content: selector(),
  author: selector().optional(),
  time: selector().optional(),
});

/**
 * Crons by phase: the phase of any active round using the source picks its cron (intensified window first, then
 * entry, feedback, rectification); `outside` applies when no such round is in a phase window (`pause` = do not
 * crawl), else `default`.
 */
export const phaseScheduleSchema = z.object({
  default: str('cron 表达式').default('*/15 * * * *'),
  entry: str('cron 表达式').optional(),
  feedback: str('cron 表达式').optional(),
  rectification: str('cron 表达式').optional(),
  intensified: str('cron 表达式').optional(),
  outside: str('cron 表达式或 pause').optional(),
});

/** A source's crons by phase. */
export type PhaseSchedule = z.infer<typeof phaseScheduleSchema>;

/** One entry of sources.yaml. */
export const sourceSchema = z
  .object({
    id: str('信息源编号').regex(/^[A-Za-z0-9_.-]+$/, {
      error: (issue) => `只能用字母、数字、-、_ 和 .，实际为${quote(issue.input)}`,
    }),
    name: str('名称'),
    type: z.enum(['rss', 'html', 'browser', 'search', 'json'], {
      error: (issue) => `应为 rss、html、browser、search、json 之一，实际为${quote(issue.input)}`,
    }),
    /** List page, feed, API; for `search` a template with {query}. */
    url: z.url({ error: (issue) => `应为 http(s) 网址，实际为${quote(issue.input)}`, protocol: /^https?$/ }),
    /** One cron, or crons by the phase of the rounds using the source (issue 20; see phaseScheduleSchema). */
    schedule: z
      .union([str('cron 表达式，如 "*/10 * * * *"'), phaseScheduleSchema], {
        error:
          '应为 cron 表达式，或按阶段写 { default, entry, feedback, rectification, intensified, outside }',
      })
      .default('*/15 * * * *'),
    enabled: z.boolean({ error: '应为 true 或 false' }).default(true),
    list: listSchema.optional(),
    article: selectorsSchema.optional(),
    forum: forumSchema.optional(),
    json: jsonFieldsSchema.optional(),
    encoding: z.string().optional(),
    respectRobotsTxt: z.boolean().optional(),
    /** Why robots.txt is ignored for this source (required when respectRobotsTxt is false). */
    reason: z.string().optional(),
    maxItems: boundedInt(1, 10_000).optional(),
    /** Minimum seconds between two requests to the same host (overrides settings.crawl.delaySecs). */
    delaySecs: boundedNumber(0, 3600, '秒数').optional(),
    /** HTTP proxy for this source, e.g. http://10.0.0.1:3128. */
    proxy: z
      .url({ error: (issue) => `应为 http:// 代理地址，实际为${quote(issue.input)}`, protocol: /^https?$/ })
      .optional(),
    /** User-Agent for this source (overrides settings.crawl.userAgent). */
    userAgent: z.string().optional(),
    /** `rss`: take title and text from the feed entry instead of fetching the page (RSSHub 微博 routes...). */
    useFeedContent: z.boolean().optional(),
    /** `browser`: wait for this selector on the list page. */
    waitFor: z.string().optional(),
    /** `browser`: scroll to the bottom this many times (infinite lists). */
    scroll: boundedInt(0, 50).optional(),
    /** `search`: at most this many queries per cycle (default 20). */
    queries: boundedInt(1, 10_000).optional(),
    /** `search`: words combined with each unit name ("name word"), or `keywords` for the rounds' keywords. */
    riskTerms: z
      .union([z.array(str('词语')), z.literal('keywords')], { error: '应为词语列表，或写 keywords' })
      .optional(),
    /** Multiplies the risk score of this source's items (an official site < 1, an anonymous forum > 1). */
    weight: boundedNumber(0.01, 100, '权重').default(1),
  })
  .check((ctx) => {
    const s = ctx.value;
    if (s.type === 'search' && !s.url.includes('{query}') && !s.url.includes('%7Bquery%7D')) {
      ctx.issues.push({
        code: 'custom',
        path: ['url'],
        message: `search 类型的网址中必须含有 {query}，实际为${quote(s.url)}`,
        input: s.url,
      });
    }
    if (s.type === 'json' && !s.json) {
      ctx.issues.push({
        code: 'custom',
        path: ['json'],
        message: 'json 类型必须写 json: { items, title, url }',
        input: s,
      });
    }
  });
export const sourcesFileSchema = z.array(sourceSchema, { error: '应为信息源列表' });

/** Validated source entry. */
export type SourceConfig = z.infer<typeof sourceSchema>;
