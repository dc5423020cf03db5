// The shared Store contract against a live Elasticsearch when ELASTICSEARCH_URL is set (see cluster-env.ts);
// each test gets its own index prefix, deleted afterwards. Without a cluster the suite is skipped, and says so.
import { describe } from 'vitest';
import { silentLogger } from '../../../core/log.js';
import { ElasticsearchStore } from '../../../store/elasticsearch/elasticsearch-store.js';
import { runStoreContract } from '../store-contract.js';
import { clusterUrl, dropPrefix, testClusterOptions, testPrefix } from './cluster-env.js';

if (!clusterUrl) process.stdout.write('Elasticsearch contract skipped: ELASTICSEARCH_URL not set\n');

describe.skipIf(!clusterUrl)(
  clusterUrl ? 'Elasticsearch contract' : 'Elasticsearch contract (skipped: ELASTICSEARCH_URL not set)',
  () => {
    runStoreContract('ElasticsearchStore', async () => {
      const prefix = testPrefix();
      const open = () =>
        new ElasticsearchStore({
          client: testClusterOptions(),
          indexPrefix: prefix,
          logger: silentLogger(),
          templates: { replicas: 0 },
        });
      const opened = [open()];
      return {
        store: opened[0] as ElasticsearchStore,
        reopen: async () => {
          const store = open();
          opened.push(store);
          return store;
        },
        cleanup: async () => {
          for (const store of opened) await store.close();
          await dropPrefix(prefix);
        },
      };
    });
  },
);
