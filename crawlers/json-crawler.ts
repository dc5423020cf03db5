import { DateTime } from 'luxon';
import type { SourceConfig } from '../config/schema.js';
import { FetchError } from '../core/errors.js';
import { runBasicCrawler } from './basic-runner.js';
import { CrawlRun } from './crawl-run.js';
import { createCrawleeEnv } from './crawlee-env.js';
import { type DateParseOptions, parseChineseDate } from './dates.js';
import { htmlToText } from './feed.js';
import type { FetchedPage } from './fetch-page.js';
import { textAt, valueAt } from './json-path.js';
import { absoluteUrl } from './links.js';
import { ARTICLE } from './list-pages.js';
import { extractPageItems } from './page-articles.js';
import type { SourceCrawler } from './types.js';

const API = 'api';

/** One item read from a JSON API answer. */
interface ApiItem {
  url: string;
  title: string;
  body?: string;
  publishedAt?: string;
  author?: string;
}

/**
 * Crawls a `json` source: the API (conditional GET), its items at json.items, each item's url/title/time/body
 * by field path. Items with a body are delivered from the API answer (its bytes are the evidence); items
 * without one have their page fetched and extracted, the API's title and time winning.
 */
export const crawlJson: SourceCrawler = async (source, sink, context) => {
  const run = new CrawlRun(source, sink, context);
  const env = await createCrawleeEnv(run.logger);
  const dateOptions = () => ({ timezone: context.timezone, now: run.now() });
  try {
    await env.queue.addRequest({ url: source.url, label: API });
    await runBasicCrawler(
      run,
      env,
      {
        [API]: async (request) => {
          const page = await run.fetchList(request.url, 'json');
          if (page.notModified) return;
          const items = readItems(page, source.json, dateOptions());
          if (items.length === 0) {
            run.emptyList(request.url, `no items with a url at "${source.json?.items || '(top level)'}"`);
            return;
          }
          const fresh = new Set(await run.selectNew(items.map((i) => i.url)));
          for (const item of items.filter((i) => fresh.has(i.url))) {
            if (item.body) await run.deliver(item.url, { ...item, body: item.body }, page);
            else await env.queue.addRequest({ url: item.url, label: ARTICLE, userData: { item } });
          }
          await run.remember(request.url, page);
        },
        [ARTICLE]: async (request) => {
          const item = request.userData.item as ApiItem;
          const page = await run.fetchArticle(request.url);
          const [main, ...rest] = extractPageItems(page.html, page.finalUrl, source, dateOptions());
          if (!main) return;
          const publishedAt = item.publishedAt ?? main.page.publishedAt;
          const first = {
            ...main,
            page: {
              ...main.page,
              title: item.title || main.page.title,
              ...(publishedAt ? { publishedAt } : {}),
            },
          };
          await run.deliverItems([first, ...rest], page);
        },
      },
      async (request, error) => run.skip(request.url, error, request.label === API),
    );
  } finally {
    await env.dispose();
    await run.dispose();
  }
  return run.stats;
};

/** Items of the API answer; throws E_FETCH_PARSE when it is not JSON. */
function readItems(page: FetchedPage, fields: ApiFields | undefined, dates: DateParseOptions): ApiItem[] {
  if (!fields) return [];
  let doc: unknown;
  try {
    doc = JSON.parse(page.html);
  } catch (err) {
    throw new FetchError('E_FETCH_PARSE', page.finalUrl, `not valid JSON: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const list = valueAt(doc, fields.items);
  if (!Array.isArray(list)) return [];
  return list.flatMap((raw): ApiItem[] => {
    const url = absoluteUrl(textAt(raw, fields.url), page.finalUrl);
    if (!url) return [];
    const body = textAt(raw, fields.body);
    const time = textAt(raw, fields.time);
    const publishedAt = time ? parseApiTime(time, dates) : undefined;
    const author = textAt(raw, fields.author);
    return [
      {
        url,
        title: htmlToText(textAt(raw, fields.title) ?? ''),
        ...(body ? { body: htmlToText(body) } : {}),
        ...(publishedAt ? { publishedAt } : {}),
        ...(author ? { author } : {}),
      },
    ];
  });
}

type ApiFields = NonNullable<SourceConfig['json']>;

/** Epoch seconds or milliseconds (APIs often send them), else any date text parseChineseDate reads. */
function parseApiTime(text: string, dates: DateParseOptions): string | undefined {
  if (/^\d{10}(\d{3})?$/.test(text)) {
    const ms = text.length === 13 ? Number(text) : Number(text) * 1000;
    return DateTime.fromMillis(ms).setZone(dates.timezone).toISO({ suppressMilliseconds: true }) ?? undefined;
  }
  return parseChineseDate(text, dates);
}
