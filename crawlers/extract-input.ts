import { isAbsolute, resolve } from 'node:path';
import type { Settings } from '../config/schema.js';
import type { Logger } from '../core/log.js';
import { extractFile, fetchPage, mainItem } from './fetch-page.js';
import type { ExtractedPage } from './types.js';

/** Options of extractFromInput (what `yuqing extract` has at hand). */
export interface ExtractInputOptions {
  crawl: Settings['crawl'];
  timezone: string;
  logger: Logger;
  now?: Date;
  encoding?: string;
}

/** Extracts one page given as a local file path or an http(s) URL; throws FetchError when it cannot be read. */
export async function extractFromInput(
  fileOrUrl: string,
  options: ExtractInputOptions,
): Promise<ExtractedPage> {
  const { timezone, now } = options;
  if (/^https?:\/\//i.test(fileOrUrl)) {
    const page = await fetchPage(fileOrUrl, {
      crawl: options.crawl,
      timezone,
      logger: options.logger,
      encoding: options.encoding,
    });
    return mainItem(page.html, page.finalUrl, { timezone, now });
  }
  const path = isAbsolute(fileOrUrl) ? fileOrUrl : resolve(fileOrUrl);
  return extractFile(path, { timezone, now, encoding: options.encoding });
}
