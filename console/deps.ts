import type { AppConfig } from '../config/schema.js';
import type { Logger } from '../core/log.js';
import type { Store } from '../store/store.js';

/** What the console needs from the composition root. */
export interface ConsoleDeps {
  store: Store;
  config: AppConfig;
  /** Turns the search box text into index terms (jieba search mode in production). */
  queryTerms: (text: string) => string[];
  logger: Logger;
}
