// The composition root's one place that picks the Store backend from settings.store.type (issue #7).
import type { AppConfig } from '../config/schema.js';
import type { Logger } from '../core/log.js';
import { elasticsearchClientOptions } from './elasticsearch/client-options.js';
import { ElasticsearchStore } from './elasticsearch/elasticsearch-store.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

/** The store the settings ask for, not yet initialized (call init()). */
export function createStore(config: Pick<AppConfig, 'settings'>, logger: Logger): Store {
  const settings = config.settings;
  if (settings.store.type === 'elasticsearch') {
    return new ElasticsearchStore({
      client: elasticsearchClientOptions(settings.store),
      indexPrefix: settings.store.indexPrefix,
      logger,
    });
  }
  return new SqliteStore({ path: settings.storePath, logger });
}
