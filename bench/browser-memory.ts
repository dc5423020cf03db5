// Finding 2 of issue 23: a page fetching huge sub-responses in parallel grew the Chromium process tree to 2.77 GB.
// This figure crawls such a page and a plain one with the same settings and compares the tree's peak RSS.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { settingsSchema, sourceSchema } from '../config/schema.js';
import { silentLogger } from '../core/log.js';
import { chromiumExecutablePath } from '../crawlers/chromium.js';
import { crawlSource } from '../crawlers/index.js';
import type { CrawlSink } from '../crawlers/types.js';
import { bounded, type Figure } from './figures.js';

/** Hostile sub-responses the page asks for in parallel, each this many bytes. */
const HOSTILE_FETCHES = 4;
const HOSTILE_BYTES = 512 * 1024 * 1024;
const MAX_PAGE_BYTES = 5 * 1024 * 1024;

const PARAGRAPH = '<p>这是一篇用于测量浏览器内存的普通文章，正文足够长以便提取器识别为正文内容。</p>';

function page(hostile: boolean): string {
  const script = hostile
    ? `<script>for (let i = 0; i < ${HOSTILE_FETCHES}; i++) fetch('/huge/' + i).then((r) => r.arrayBuffer()).catch(() => {});</script>`
    : '';
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>内存测量文章</title></head><body>
<h1>内存测量文章</h1><div class="content">${PARAGRAPH.repeat(8)}</div>${script}</body></html>`;
}

async function startSite(): Promise<{ origin: string; close(): Promise<void> }> {
  const chunk = Buffer.alloc(256 * 1024, 120);
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path.startsWith('/huge/')) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      let sent = 0;
      const pump = () => {
        while (sent < HOSTILE_BYTES) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('error', () => undefined);
      return pump();
    }
    const list = (name: string) =>
      `<html><body><ul><li><a class="item" href="/${name}.html">内存测量文章标题在这里</a></li></ul></body></html>`;
    const body =
      path === '/plain-list.html'
        ? list('plain')
        : path === '/hostile-list.html'
          ? list('hostile')
          : path === '/plain.html'
            ? page(false)
            : path === '/hostile.html'
              ? page(true)
              : undefined;
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** RSS (MB) of every process below `root` (not root itself), from /proc. */
export function descendantRssMb(root: number): number {
  const parents = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      rss.set(Number(entry), kb);
    } catch {
      // The process ended while we looked.
    }
  }
  let totalKb = 0;
  for (const [pid, kb] of rss) {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) {
      if (p === root) {
        totalKb += kb;
        break;
      }
    }
  }
  return totalKb / 1024;
}

async function peakWhileCrawling(origin: string, name: 'plain' | 'hostile'): Promise<number> {
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, descendantRssMb(process.pid));
  }, 100);
  const sink: CrawlSink = {
    knownUrls: async () => new Set(),
    onArticle: async () => undefined,
    onSkip: () => undefined,
  };
  try {
    const source = sourceSchema.parse({
      id: `bench-${name}`,
      name: `浏览器内存${name}`,
      type: 'browser',
      url: `${origin}/${name}-list.html`,
      list: { item: 'a.item' },
    });
    const crawl = {
      ...settingsSchema.parse({}).crawl,
      allowPrivateAddresses: true,
      delaySecs: 0,
      timeoutSecs: 30,
      maxPageBytes: MAX_PAGE_BYTES,
      screenshots: false,
      chromiumPath: chromiumExecutablePath(),
    };
    await crawlSource(source, sink, { crawl, timezone: 'Asia/Shanghai', logger: silentLogger() });
  } finally {
    clearInterval(timer);
  }
  return peak;
}

/**
 * Peak RSS of the Chromium process tree crawling a page that fetches 4 × 512 MB in parallel, against the same
 * crawl of a plain page; bounded to twice the plain page's peak (the page is aborted past maxPageBytes).
 */
export async function measureBrowserMemory(): Promise<Figure> {
  const site = await startSite();
  try {
    const plain = await peakWhileCrawling(site.origin, 'plain');
    const hostile = await peakWhileCrawling(site.origin, 'hostile');
    return bounded(
      'Chromium process tree peak RSS, hostile page (4 × 512 MB sub-responses)',
      'MB',
      hostile,
      'the same crawl of a plain page',
      plain,
      plain * 2,
      { maxPageBytes: MAX_PAGE_BYTES, hostileBytesAsked: HOSTILE_FETCHES * HOSTILE_BYTES },
    );
  } finally {
    await site.close();
  }
}
