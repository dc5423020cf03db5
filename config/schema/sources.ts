import { load } from 'cheerio';
import { z } from 'zod';
import { boundedNumber, str } from './common.js';

/** An empty document: finding a selector in it compiles the selector the way the crawler's cheerio will. */
const emptyDoc = load('');

/** A CSS selector that cheerio compiles, so a typo fails `config check`, not the crawl. */
const selector = (what = 'a CSS selector') =>
  str(what).superRefine((value, ctx) => {
    try {
      emptyDoc.root().find(value);
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: `invalid CSS selector "${value}" (${(error as Error).message})`,
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
  maxPages: z.number().int().positive().max(100).optional(),
});

/** Field paths (dot-separated, e.g. `data.list` or `attrs.0.value`) of a `json` source. */
const jsonFieldsSchema = z.object({
  /** Path of the array of items in the response; empty for a top-level array. */
  items: z.string().default(''),
  title: str('a field path'),
  url: str('a field path'),
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
  default: str('a cron expression').default('*/15 * * * *'),
  entry: str('a cron expression').optional(),
  feedback: str('a cron expression').optional(),
  rectification: str('a cron expression').optional(),
  intensified: str('a cron expression').optional(),
  outside: str('a cron expression or "pause"').optional(),
});

/** A source's crons by phase. */
export type PhaseSchedule = z.infer<typeof phaseScheduleSchema>;

/** One entry of sources.yaml. */
export const sourceSchema = z
  .object({
    id: str('a source id').regex(/^[A-Za-z0-9_.-]+$/, { error: 'expected letters, digits, "-", "_" or "."' }),
    name: str('a name'),
    type: z.enum(['rss', 'html', 'browser', 'search', 'json'], {
      error: 'expected one of rss, html, browser, search, json',
    }),
    /** List page, feed, API; for `search` a template with {query}. */
    url: z.url({ error: 'expected an http(s) URL', protocol: /^https?$/ }),
    /** One cron, or crons by the phase of the rounds using the source (issue 20; see phaseScheduleSchema). */
    schedule: z
      .union([str('a cron expression such as "*/10 * * * *"'), phaseScheduleSchema], {
        error:
          'expected a cron expression or { default, entry, feedback, rectification, intensified, outside }',
      })
      .default('*/15 * * * *'),
    enabled: z.boolean().default(true),
    list: listSchema.optional(),
    article: selectorsSchema.optional(),
    forum: forumSchema.optional(),
    json: jsonFieldsSchema.optional(),
    encoding: z.string().optional(),
    respectRobotsTxt: z.boolean().optional(),
    /** Why robots.txt is ignored for this source (required when respectRobotsTxt is false). */
    reason: z.string().optional(),
    maxItems: z.number().int().positive().max(10_000).optional(),
    /** Minimum seconds between two requests to the same host (overrides settings.crawl.delaySecs). */
    delaySecs: boundedNumber(0, 3600, 'a number of seconds').optional(),
    /** HTTP proxy for this source, e.g. http://10.0.0.1:3128. */
    proxy: z.url({ error: 'expected an http:// proxy URL', protocol: /^https?$/ }).optional(),
    /** User-Agent for this source (overrides settings.crawl.userAgent). */
    userAgent: z.string().optional(),
    /** `rss`: take title and text from the feed entry instead of fetching the page (RSSHub 微博 routes...). */
    useFeedContent: z.boolean().optional(),
    /** `browser`: wait for this selector on the list page. */
    waitFor: z.string().optional(),
    /** `browser`: scroll to the bottom this many times (infinite lists). */
    scroll: z.number().int().min(0).max(50).optional(),
    /** `search`: at most this many queries per cycle (default 20). */
    queries: z.number().int().positive().optional(),
    /** `search`: words combined with each unit name ("name word"), or `keywords` for the rounds' keywords. */
    riskTerms: z.union([z.array(str('a word')), z.literal('keywords')]).optional(),
    /** Multiplies the risk score of this source's items (an official site < 1, an anonymous forum > 1). */
    weight: boundedNumber(0.01, 100, 'a positive number').default(1),
  })
  .check((ctx) => {
    const s = ctx.value;
    if (s.type === 'search' && !s.url.includes('{query}') && !s.url.includes('%7Bquery%7D')) {
      ctx.issues.push({
        code: 'custom',
        path: ['url'],
        message: 'a search source needs {query} in its url',
        input: s.url,
      });
    }
    if (s.type === 'json' && !s.json) {
      ctx.issues.push({
        code: 'custom',
        path: ['json'],
        message: 'a json source needs json: { items, title, url }',
        input: s,
      });
    }
  });
export const sourcesFileSchema = z.array(sourceSchema, { error: 'expected a list of sources' });

/** Validated source entry. */
export type SourceConfig = z.infer<typeof sourceSchema>;
