// The one behaviour suite every Store backend must pass. A backend test file calls runStoreContract with a
// factory; each test gets a fresh, empty store.
import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from '../../store/store.js';
import { articleContract } from './contract/article-contract.js';
import { claimsContract } from './contract/claims-contract.js';
import { consoleContract } from './contract/console-contract.js';
import type { ContractContext } from './contract/context.js';
import { evidenceHealthContract } from './contract/evidence-health-contract.js';
import { ledgerContract } from './contract/ledger-contract.js';
import { loginFailureContract } from './contract/login-failure-contract.js';
import { noticeContract } from './contract/notice-contract.js';
import { outboxContract } from './contract/outbox-contract.js';
import { searchContract } from './contract/search-contract.js';
import { sourceStateContract } from './contract/source-state-contract.js';
import { tipContract } from './contract/tip-contract.js';
import { tipWorkflowContract } from './contract/tip-workflow-contract.js';

/** One backend instance under test, over its own empty data (file, index...). */
export interface StoreHarness {
  /** A store over the harness's data, not yet initialized (the suite calls init()). */
  store: Store;
  /**
   * Another store over the same data, not yet initialized, as after a process restart; the suite closes the
   * previous store first. An Elasticsearch harness returns a new client on the same index names.
   */
  reopen: () => Promise<Store>;
  /** Close whatever is still open and delete the data. */
  cleanup: () => Promise<void>;
}

/** Makes a fresh harness for each test. */
export type StoreFactory = () => Promise<StoreHarness>;

export type { ContractContext } from './contract/context.js';

/** Define the Store contract tests for one backend. */
export function runStoreContract(name: string, makeStore: StoreFactory): void {
  describe(`Store contract: ${name}`, () => {
    let harness: StoreHarness | undefined;
    let current: Store | undefined;

    beforeEach(async () => {
      harness = await makeStore();
      current = harness.store;
      await current.init();
    });

    afterEach(async () => {
      await harness?.cleanup();
      harness = undefined;
      current = undefined;
    });

    const ctx: ContractContext = {
      store: () => {
        if (!current) throw new Error('store contract: no store (used outside a test?)');
        return current;
      },
      reopen: async () => {
        if (!harness || !current) throw new Error('store contract: no store to reopen');
        await current.close();
        current = await harness.reopen();
        await current.init();
        return current;
      },
    };

    articleContract(ctx);
    tipContract(ctx);
    searchContract(ctx);
    outboxContract(ctx);
    sourceStateContract(ctx);
    evidenceHealthContract(ctx);
    tipWorkflowContract(ctx);
    noticeContract(ctx);
    claimsContract(ctx);
    consoleContract(ctx);
    ledgerContract(ctx);
    loginFailureContract(ctx);
  });
}
