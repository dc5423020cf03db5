import type { Store } from '../../../store/store.js';

/** What each contract section sees: the current test's initialized store, and a restart. */
export interface ContractContext {
  store(): Store;
  /** Close the store and open the same data again (initialized); later store() calls return the new one. */
  reopen(): Promise<Store>;
}
