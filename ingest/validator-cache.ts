import type { ValidatorCache } from '../crawlers/types.js';
import type { Store } from '../store/store.js';

/** A ValidatorCache kept in the store, so conditional GETs survive restarts; store errors read as "none". */
export function storeValidatorCache(store: Pick<Store, 'getValidators' | 'putValidators'>): ValidatorCache {
  return {
    // Without validators the crawler simply fetches in full, so a failing lookup must not fail the crawl.
    get: (url) => store.getValidators(url).catch(() => undefined),
    set: (url, validators) => store.putValidators(url, validators).catch(() => undefined),
  };
}
