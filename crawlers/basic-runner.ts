import { BasicCrawler, type Request } from 'crawlee';
import type { Settings } from '../config/schema.js';
import { runUntilAborted } from './crawl-abort.js';
import { type CrawlRun, MAX_RETRIES } from './crawl-run.js';
import type { CrawleeEnv } from './crawlee-env.js';
import { isRetryable } from './http-fetch.js';

/** Handles one request of a given label; throws FetchError (or anything) on failure. */
export type LabelHandler = (request: Request) => Promise<void>;

/** Called once per request that failed for good (after the retry, or at once for final answers such as 404). */
export type FailureHandler = (request: Request, error: unknown) => Promise<void>;

/**
 * Runs a crawlee BasicCrawler over the env's queue, dispatching on request labels. Fetching is ours (fetchRaw),
 * so decoding, the size cap and the address guard see the raw bytes; crawlee brings the queue, concurrency and
 * retries. Only network errors, timeouts and 5xx/429 are retried, once.
 */
export async function runBasicCrawler(
  run: CrawlRun,
  env: CrawleeEnv,
  handlers: Record<string, LabelHandler>,
  onFailure: FailureHandler,
): Promise<void> {
  const { crawl } = run.context;
  const crawler = new BasicCrawler(
    {
      requestQueue: env.queue,
      log: env.log,
      maxRequestRetries: MAX_RETRIES,
      maxConcurrency: crawl.maxConcurrency,
      // crawlee starts at one task and adds one every 10 s; a crawl is over before that ramp ends, and the host
      // gate already keeps each site at one request at a time, so start at the configured concurrency.
      autoscaledPoolOptions: { desiredConcurrency: crawl.maxConcurrency },
      // Every fetch has its own timeout; this bound also covers waiting for a busy host (gate, Retry-After).
      requestHandlerTimeoutSecs: handlerTimeoutSecs(crawl),
      useSessionPool: false,
      retryOnBlocked: false,
      statusMessageLoggingInterval: 3600,
      requestHandler: async ({ request }) => {
        const handler = handlers[request.label ?? ''];
        if (!handler) return;
        try {
          await handler(request);
        } catch (err) {
          if (isRetryable(err) && request.retryCount < MAX_RETRIES) throw err;
          await onFailure(request, err);
        }
      },
      failedRequestHandler: async ({ request }, error) => {
        await onFailure(request, error);
      },
    },
    env.config,
  );
  await runUntilAborted(crawler, run.context.signal);
}

/** Time one request handler may take: robots + page fetches, backoffs, and a wait for the host's queue. */
export function handlerTimeoutSecs(crawl: Settings['crawl']): number {
  return crawl.timeoutSecs * 3 + crawl.maxRetryAfterSecs * 2 + 3600;
}
