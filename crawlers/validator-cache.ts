import type { ValidatorCache, Validators } from './types.js';

/** A ValidatorCache kept in memory (tests, one process); the store can provide a persistent one. */
export function createMemoryValidatorCache(): ValidatorCache & { readonly entries: Map<string, Validators> } {
  const entries = new Map<string, Validators>();
  return {
    entries,
    get: async (url) => entries.get(url),
    set: async (url, validators) => {
      entries.set(url, validators);
    },
  };
}
