import type { Request, RequestQueue } from 'crawlee';
import type { CrawlRun } from './crawl-run.js';
import { parseChineseDate } from './dates.js';
import type { FeedEntry } from './feed.js';
import type { FetchedPage } from './fetch-page.js';
import { ARTICLE } from './list-pages.js';
import { extractPageItems } from './page-articles.js';
import type { ExtractedPage } from './types.js';

/** Hosts whose pages need a login or scripts: a bridge's feed (RSSHub 微博 routes) is the only readable copy. */
const FEED_ONLY_HOSTS = /(^|\.)(weibo\.com|weibo\.cn|t\.cn|douyin\.com|xiaohongshu\.com)$/i;

/**
 * Feed entries of `rss` and `search` sources: unknown entries are queued as article requests, or delivered from
 * the feed itself (useFeedContent, or links to login-walled hosts). An article page that fails or has no text
 * falls back to the entry's own title and description, with the feed as evidence.
 */
export class FeedEntries {
  /** Fetched feeds by URL, the evidence of entries delivered from the feed. */
  private readonly feeds = new Map<string, FetchedPage>();
  private readonly run: CrawlRun;

  constructor(run: CrawlRun) {
    this.run = run;
  }

  /** Queues (or delivers) the unknown entries of one fetched feed. */
  async take(queue: RequestQueue, feed: FetchedPage, entries: FeedEntry[]): Promise<void> {
    this.feeds.set(feed.finalUrl, feed);
    const fresh = new Set(await this.run.selectNew(entries.map((e) => e.url)));
    const wanted = entries.filter((e) => fresh.has(e.url));
    const fromFeed = (e: FeedEntry) =>
      this.run.source.useFeedContent === true || FEED_ONLY_HOSTS.test(new URL(e.url).hostname);
    for (const entry of wanted.filter(fromFeed)) await this.deliverEntry(entry, feed.finalUrl);
    await queue.addRequests(
      wanted
        .filter((e) => !fromFeed(e))
        .map((entry) => ({ url: entry.url, label: ARTICLE, userData: { entry, feedUrl: feed.finalUrl } })),
    );
  }

  /** Fetches and extracts an entry's page; the feed's title and date win for the main item. */
  async handleArticle(request: Request): Promise<void> {
    const entry = request.userData.entry as FeedEntry;
    const page = await this.run.fetchArticle(request.url);
    const items = extractPageItems(page.html, page.finalUrl, this.run.source, this.dateOptions());
    const [main, ...rest] = items;
    if (!main?.page.body.trim()) {
      await this.fallBack(request, new Error('no article text on the page'));
      return;
    }
    const feedDate = entry.date ? parseChineseDate(entry.date, this.dateOptions()) : undefined;
    const publishedAt = feedDate ?? main.page.publishedAt;
    const page0: ExtractedPage = {
      ...main.page,
      title: entry.title || main.page.title,
      ...(publishedAt ? { publishedAt } : {}),
    };
    await this.run.deliverItems([{ ...main, page: page0 }, ...rest], page);
  }

  /** After an article page failed for good: the entry itself when it has text, else a skip. */
  async fallBack(request: Request, error: unknown): Promise<void> {
    const entry = request.userData.entry as FeedEntry;
    const feedUrl = request.userData.feedUrl as string;
    if (!entry.description.trim() || !this.feeds.has(feedUrl)) {
      this.run.skip(request.url, error);
      return;
    }
    this.run.logger.warn(
      { url: request.url, reason: (error as Error).message },
      'article page failed; using the feed entry',
    );
    await this.deliverEntry(entry, feedUrl);
  }

  private async deliverEntry(entry: FeedEntry, feedUrl: string): Promise<void> {
    const feed = this.feeds.get(feedUrl);
    if (!feed) return;
    const publishedAt = entry.date ? parseChineseDate(entry.date, this.dateOptions()) : undefined;
    const page = { title: entry.title, body: entry.description, ...(publishedAt ? { publishedAt } : {}) };
    await this.run.deliver(entry.url, page, feed);
  }

  private dateOptions() {
    return { timezone: this.run.context.timezone, now: this.run.now() };
  }
}
