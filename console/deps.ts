import type { AppConfig } from '../config/schema.js';
import type { Logger } from '../core/log.js';
import type { Store } from '../store/store.js';
import type { LoginThrottlePolicy } from './auth/rate-limit.js';

/** What the console needs from the composition root. */
export interface ConsoleDeps {
  store: Store;
  /** The current config; replaced in place when a round is saved from the console (hot reload). */
  config: AppConfig;
  /** Turns the search box text into index terms (jieba search mode in production). */
  queryTerms: (text: string) => string[];
  /**
   * The words of a title the dashboard's word cloud may show; jieba content words without stop words
   * (pipeline/word-cloud.ts) when absent.
   */
  cloudWords?: (text: string) => string[];
  logger: Logger;
  /** Clock for sessions, audit and defaults; the system clock when absent. */
  clock?: () => Date;
  /**
   * Applies a config saved from the round setup to the running service (rebuilds scoring, dictionary, query
   * terms) so it takes effect without restart; absent = only the console's own view changes.
   */
  applyConfig?: (config: AppConfig) => Promise<void>;
  /** Limits of the login throttle; LOGIN_POLICY when absent (tests pass smaller ones). */
  loginPolicy?: LoginThrottlePolicy;
  /**
   * Where the built SPA lives (index.html + assets); defaults to dist/console-web of the package. `null`: the
   * API only, no page (API tests, the bench).
   */
  webRoot?: string | null;
}
