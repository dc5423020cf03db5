import { settingsSchema, sourceSchema } from '../config/schema.js';
import { silentLogger } from '../core/log.js';
import { crawlSource, type HostGate } from '../crawlers/index.js';
import { extractPageItems } from '../crawlers/page-articles.js';
import type { BenchArticle } from './corpus.js';
import { compared, type Figure, round } from './figures.js';
import { mapConcurrent } from './fixture/pool.js';
import { type FixtureItem, startFixtureSite } from './fixture/site.js';
import { nowMs } from './timing.js';

/** What the crawl figure runs on. */
export interface CrawlBenchDeps {
  /** Article texts, served round-robin as `pages` distinct URLs. */
  articles: readonly BenchArticle[];
  pages: number;
  concurrency: number;
}

const PAGE_SIZE = 1000;
const TARGET_RATIO = 0.7;

/** Politeness off: no per-host serialisation and no delay. */
const OPEN_GATE: HostGate = { run: (_url, _delay, task) => task(), pause: () => {} };

/**
 * Pages/s of crawlSource on an `html` source (list pages with 下一页, then every article fetched, decoded and
 * extracted; robots and delay off, no store) against a bare fetch loop reading the same article URLs at the
 * same concurrency, the ceiling of any crawler on this site. Each side runs twice, alternating.
 */
export async function measureCrawl(deps: CrawlBenchDeps): Promise<Figure> {
  const items: FixtureItem[] = Array.from({ length: deps.pages }, (_, i) => {
    const a = deps.articles[i % deps.articles.length] as BenchArticle;
    return {
      id: i + 1,
      title: `${a.title}（${i + 1}）`,
      body: a.body,
      shown: a.publishedAt.slice(0, 16).replace('T', ' '),
    };
  });
  const site = await startFixtureSite({ pageSize: PAGE_SIZE, initial: items });
  try {
    const source = sourceSchema.parse({
      id: 'bench-crawl',
      name: '明州新闻网',
      type: 'html',
      url: site.listUrl,
      schedule: '* * * * *',
      list: {
        item: 'ul.news-list li a',
        next: 'div.pager a.next',
        maxPages: Math.ceil(deps.pages / PAGE_SIZE),
      },
      article: { title: 'h1', body: 'div.content' },
      maxItems: deps.pages,
    });
    const crawl = settingsSchema.parse({
      crawl: {
        respectRobotsTxt: false,
        allowPrivateAddresses: true,
        delaySecs: 0,
        maxConcurrency: deps.concurrency,
        maxItemsPerSource: deps.pages,
      },
    }).crawl;
    const urls = items.map((i) => `${site.url}/news/${i.id}.html`);
    let crawlMs = 0;
    let bareMs = 0;
    let extractLoopMs = 0;
    let delivered = 0;
    let bytes = 0;
    for (let pass = 0; pass < 2; pass++) {
      const runCrawl = async () => {
        let n = 0;
        const t = nowMs();
        const stats = await crawlSource(
          source,
          { knownUrls: async () => new Set(), onArticle: async () => void n++, onSkip: () => {} },
          { crawl, timezone: 'Asia/Shanghai', logger: silentLogger(), hostGate: OPEN_GATE },
        );
        crawlMs += nowMs() - t;
        if (stats.error) throw new Error(`crawl bench: ${stats.error}`);
        delivered += n;
      };
      const runBare = async () => {
        const t = nowMs();
        await mapConcurrent(urls, deps.concurrency, async (url) => {
          const res = await fetch(url);
          bytes += (await res.arrayBuffer()).byteLength;
        });
        bareMs += nowMs() - t;
      };
      // What bounds any crawler that extracts: the same loop, each page also decoded and extracted.
      const runBareExtract = async () => {
        const t = nowMs();
        const options = { timezone: 'Asia/Shanghai', now: new Date() };
        await mapConcurrent(urls, deps.concurrency, async (url) => {
          const html = await (await fetch(url)).text();
          extractPageItems(html, url, source, options);
        });
        extractLoopMs += nowMs() - t;
      };
      if (pass % 2 === 0) {
        await runCrawl();
        await runBare();
        await runBareExtract();
      } else {
        await runBareExtract();
        await runBare();
        await runCrawl();
      }
    }
    const pages = 2 * deps.pages;
    const extractLoopPagesPerSec = (pages * 1000) / extractLoopMs;
    return compared(
      'crawl throughput (html)',
      'pages/s',
      (pages * 1000) / crawlMs,
      `bare fetch loop, concurrency ${deps.concurrency}`,
      (pages * 1000) / bareMs,
      {
        target: TARGET_RATIO,
        detail: {
          pages: deps.pages,
          passes: 2,
          delivered: delivered / 2,
          meanPageKb: round(bytes / pages / 1024, 1),
          listPages: Math.ceil(deps.pages / PAGE_SIZE),
          crawlSeconds: round(crawlMs / 1000, 1),
          fetchAndExtractLoopPagesPerSec: round(extractLoopPagesPerSec, 1),
          ratioToFetchAndExtractLoop: round((pages * 1000) / crawlMs / extractLoopPagesPerSec, 3),
        },
      },
    );
  } finally {
    await site.close();
  }
}
