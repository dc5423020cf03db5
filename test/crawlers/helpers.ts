import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import { type Settings, type SourceConfig, settingsSchema, sourceSchema } from '../../config/schema.js';
import { silentLogger } from '../../core/log.js';
import type { ExtractedArticle } from '../../core/types.js';
import type { CrawlContext, CrawlSink, SkippedPage } from '../../crawlers/types.js';

/** What a fixture route answers. */
export interface FixtureResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Wait this long before answering (timeouts). */
  delayMs?: number;
}

/** A loopback HTTP server answering fixed routes; records every path requested and its User-Agent. */
export interface FixtureServer {
  origin: string;
  hits: { path: string; userAgent: string | undefined }[];
  close(): Promise<void>;
}

/** Starts a fixture server on 127.0.0.1, port 0. Unknown paths answer 404. */
export async function startServer(
  routes: Record<string, FixtureResponse | ((req: IncomingMessage) => FixtureResponse)>,
): Promise<FixtureServer> {
  const hits: FixtureServer['hits'] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    hits.push({ path, userAgent: req.headers['user-agent'] });
    const route = routes[path];
    const r = typeof route === 'function' ? route(req) : (route ?? { status: 404, body: 'not found' });
    const send = () => {
      if (res.destroyed) return;
      res.writeHead(r.status ?? 200, { 'content-type': 'text/html; charset=utf-8', ...r.headers });
      res.end(r.body ?? '');
    };
    if (r.delayMs) setTimeout(send, r.delayMs);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port that was just free: nothing listens there. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Crawl settings for tests: loopback allowed, short timeouts. */
export function testCrawl(overrides: Partial<Settings['crawl']> = {}): Settings['crawl'] {
  const base = settingsSchema.parse({}).crawl;
  return {
    ...base,
    allowPrivateAddresses: true,
    timeoutSecs: 5,
    userAgent: 'yuqing-test/1.0',
    delaySecs: 0,
    ...overrides,
  };
}

/** A crawl context with a silent logger and a fixed clock. */
export function testContext(overrides: Partial<Settings['crawl']> = {}): CrawlContext {
  return {
    crawl: testCrawl(overrides),
    timezone: 'Asia/Shanghai',
    logger: silentLogger(),
    now: () => new Date('2025-05-13T10:00:00+08:00'),
  };
}

/** A validated source. */
export function testSource(
  fields: Partial<z.input<typeof sourceSchema>> & Pick<SourceConfig, 'id' | 'type' | 'url'>,
): SourceConfig {
  return sourceSchema.parse({ name: `测试源${fields.id}`, ...fields });
}

/** A sink that records what it gets; `known` lists URLs reported as already stored. */
export class RecordingSink implements CrawlSink {
  readonly articles: ExtractedArticle[] = [];
  readonly skips: SkippedPage[] = [];
  readonly asked: string[][] = [];
  constructor(private readonly known: readonly string[] = []) {}
  async knownUrls(urls: readonly string[]): Promise<Set<string>> {
    this.asked.push([...urls]);
    return new Set(urls.filter((u) => this.known.includes(u)));
  }
  async onArticle(article: ExtractedArticle): Promise<void> {
    this.articles.push(article);
  }
  onSkip(skip: SkippedPage): void {
    this.skips.push(skip);
  }
}
