import robotsParserModule from 'robots-parser';
import type { Logger } from '../core/log.js';
import { fetchRaw, type RawFetchOptions } from './http-fetch.js';

// robots-parser is CommonJS (`module.exports = fn`) but its typings declare an ES default export: under NodeNext
// the default import is the function at runtime while TypeScript sees the namespace.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;
type Robot = ReturnType<typeof robotsParser>;

/** robots.txt rules, fetched once per host and crawl; a missing or unreadable robots.txt allows everything. */
export class RobotsCache {
  private readonly byOrigin = new Map<string, Promise<Robot | undefined>>();
  private readonly fetchOptions: Omit<RawFetchOptions, 'accept'>;
  private readonly logger: Logger;

  constructor(fetchOptions: Omit<RawFetchOptions, 'accept'>, logger: Logger) {
    this.fetchOptions = fetchOptions;
    this.logger = logger;
  }

  /** Whether our User-Agent (or `userAgent`) may fetch the URL. */
  async isAllowed(url: string, userAgent = this.fetchOptions.userAgent): Promise<boolean> {
    const origin = new URL(url).origin;
    let robot = this.byOrigin.get(origin);
    if (!robot) {
      robot = this.load(origin);
      this.byOrigin.set(origin, robot);
    }
    const rules = await robot;
    return rules?.isAllowed(url, userAgent) ?? true;
  }

  private async load(origin: string): Promise<Robot | undefined> {
    const robotsUrl = `${origin}/robots.txt`;
    try {
      const res = await fetchRaw(robotsUrl, { ...this.fetchOptions, accept: 'text', maxBytes: 512 * 1024 });
      return robotsParser(robotsUrl, res.bytes.toString('utf8'));
    } catch (err) {
      this.logger.debug({ url: robotsUrl, err: (err as Error).message }, 'no usable robots.txt; all allowed');
      return undefined;
    }
  }
}
