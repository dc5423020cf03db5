import { randomUUID } from 'node:crypto';
import { Configuration, Log, Logger, LogLevel, RequestQueue } from 'crawlee';
import type { Logger as PinoLogger } from '../core/log.js';

/** Per-crawl crawlee plumbing: in-memory storage, a private queue and a log routed to pino. */
export interface CrawleeEnv {
  config: Configuration;
  queue: RequestQueue;
  log: Log;
  /** Drops the queue; call in `finally`. */
  dispose(): Promise<void>;
}

/** Forwards crawlee's own log lines to pino at debug: they are noise to the operator, useful when debugging. */
class PinoForwarder extends Logger {
  private readonly target: PinoLogger;
  constructor(target: PinoLogger) {
    super({});
    this.target = target;
  }
  override _log(level: LogLevel, message: string, data?: unknown, exception?: unknown): void {
    if (!this.target.isLevelEnabled('debug')) return;
    this.target.debug({ crawleeLevel: LogLevel[level], data, err: exception }, message);
  }
}

/**
 * Builds a self-contained crawlee environment: `persistStorage: false` keeps everything in memory (no ./storage
 * directory), and a uniquely named queue keeps concurrent crawls apart.
 */
export async function createCrawleeEnv(logger: PinoLogger): Promise<CrawleeEnv> {
  const config = new Configuration({
    persistStorage: false,
    purgeOnStart: false,
  });
  const queue = await RequestQueue.open(`crawl-${randomUUID()}`, { config });
  const log = new Log({
    level: LogLevel.DEBUG,
    logger: new PinoForwarder(logger.child({ component: 'crawlee' })),
  });
  return {
    config,
    queue,
    log,
    dispose: async () => {
      await queue.drop().catch(() => undefined);
    },
  };
}
