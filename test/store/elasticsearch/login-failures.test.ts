// Failed logins on the Elasticsearch store, offline: the login-failure contract against the versioned in-memory
// node (a reopen is a new client on the same node, as after a restart), and the requests the store sends.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../core/log.js';
import { ElasticsearchStore } from '../../../store/elasticsearch/elasticsearch-store.js';
import { loginFailureContract } from '../contract/login-failure-contract.js';
import { openStore } from './offline-store.js';
import { recordingClient } from './recording-connection.js';
import { type VersionedNode, versionedNode } from './versioned-node.js';

function storeOn(node: VersionedNode): ElasticsearchStore {
  const { client } = recordingClient(node.respond);
  return new ElasticsearchStore({ client, indexPrefix: 'yq', logger: silentLogger() });
}

describe('Elasticsearch failed logins (offline, versioned node)', () => {
  let node: VersionedNode;
  let store: ElasticsearchStore | undefined;

  beforeEach(async () => {
    node = versionedNode();
    store = storeOn(node);
    await store.init();
  });

  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  loginFailureContract({
    store: () => {
      if (!store) throw new Error('no store');
      return store;
    },
    reopen: async () => {
      await store?.close();
      store = storeOn(node);
      await store.init();
      return store;
    },
  });
});

describe('Elasticsearch failed-login requests', () => {
  it('writes one document per key, counts with a term+range search, deletes by query', async () => {
    const { store, requests } = await openStore();
    const at = '2026-03-01T08:01:00.000Z';
    await store.loginFailures.addLoginFailure({ id: 'a1', keys: ['user:alice', 'ip:10.0.0.1', 'all'], at });
    const bulk = requests.find((r) => r.path === '/_bulk');
    expect(bulk?.querystring).toContain('refresh=wait_for');
    expect(bulk?.body).toEqual([
      { index: { _index: 'yq-loginfailures', _id: 'a1|user:alice' } },
      { attempt: 'a1', key: 'user:alice', at, atMs: Date.parse(at) },
      { index: { _index: 'yq-loginfailures', _id: 'a1|ip:10.0.0.1' } },
      { attempt: 'a1', key: 'ip:10.0.0.1', at, atMs: Date.parse(at) },
      { index: { _index: 'yq-loginfailures', _id: 'a1|all' } },
      { attempt: 'a1', key: 'all', at, atMs: Date.parse(at) },
    ]);
    requests.length = 0;
    await store.loginFailures.countLoginFailures([{ key: 'user:alice', nth: 5 }], '2026-03-01T08:00:00.000Z');
    expect(requests).toHaveLength(1);
    expect(requests[0]?.path).toBe('/yq-loginfailures/_search');
    expect(requests[0]?.body).toEqual({
      query: {
        bool: {
          filter: [
            { term: { key: 'user:alice' } },
            { range: { atMs: { gt: Date.parse('2026-03-01T08:00:00.000Z') } } },
          ],
        },
      },
      sort: [{ atMs: 'desc' }],
      from: 4,
      size: 1,
      track_total_hits: true,
    });
    requests.length = 0;
    await store.loginFailures.withdrawLoginFailure('a1');
    await store.loginFailures.clearLoginFailures('user:alice');
    await store.loginFailures.pruneLoginFailures(at);
    expect(requests.map((r) => [r.path, r.body])).toEqual([
      ['/yq-loginfailures/_delete_by_query', { query: { term: { attempt: 'a1' } } }],
      ['/yq-loginfailures/_delete_by_query', { query: { term: { key: 'user:alice' } } }],
      ['/yq-loginfailures/_delete_by_query', { query: { range: { atMs: { lte: Date.parse(at) } } } }],
    ]);
    await store.close();
  });
});
