// Alert claims on the Elasticsearch store, offline: the claim contract against an in-memory node that enforces
// seq_no-conditional writes, and two store instances (two clients) racing for the same alerts on one node.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../core/log.js';
import { ElasticsearchStore } from '../../../store/elasticsearch/elasticsearch-store.js';
import type { Store } from '../../../store/store.js';
import { claimsContract } from '../contract/claims-contract.js';
import { recordingClient } from './recording-connection.js';
import { type VersionedNode, versionedNode } from './versioned-node.js';

function openStore(node: VersionedNode): ElasticsearchStore {
  const { client } = recordingClient(node.respond);
  return new ElasticsearchStore({ client, indexPrefix: 'yq', logger: silentLogger() });
}

describe('Elasticsearch alert claims (offline, versioned node)', () => {
  let node: VersionedNode;
  let store: Store | undefined;

  beforeEach(async () => {
    node = versionedNode();
    store = openStore(node);
    await store.init();
  });

  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  claimsContract({
    store: () => {
      if (!store) throw new Error('no store');
      return store;
    },
    reopen: async () => {
      throw new Error('the claim contract does not reopen');
    },
  });

  it('two instances claiming at once split the alerts: none twice, none lost', async () => {
    const other = openStore(node);
    await other.init();
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      ids.push(
        ...(await other.enqueueNotice(['hook'], { kind: 'test', title: `消息${i}`, lines: [] }, `k${i}`)),
      );
    }
    const now = new Date(Date.now() + 60_000).toISOString();
    const [a, b] = await Promise.all([
      store?.claimAlerts(now, 'a', 60_000, 50),
      other.claimAlerts(now, 'b', 60_000, 50),
    ]);
    const got = [...(a ?? []), ...(b ?? [])].map((x) => x.id);
    expect(got.sort()).toEqual([...ids].sort());
    // Both read the same due alerts; the node refused the second instance's writes (the race really ran).
    expect(node.conflicts()).toBeGreaterThan(0);
    await other.close();
  });
});
