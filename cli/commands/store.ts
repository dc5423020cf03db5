// `yuqing store migrate|reindex` (issue #7): move an embedded store to Elasticsearch (or another SQLite file)
// and rebuild search tokens after a lexicon or dictionary change.
import { join, resolve } from 'node:path';
import { loadConfig } from '../../config/loader.js';
import type { AppConfig } from '../../config/schema.js';
import { InputError } from '../../core/errors.js';
import type { Logger } from '../../core/log.js';
import { createJiebaSegmenter } from '../../pipeline/segmenter.js';
import type { Segmenter } from '../../pipeline/types.js';
import { userDictionary } from '../../pipeline/user-dictionary.js';
import { elasticsearchClientOptions } from '../../store/elasticsearch/client-options.js';
import { ElasticsearchStore } from '../../store/elasticsearch/elasticsearch-store.js';
import { elasticsearchTarget } from '../../store/elasticsearch/migrate-target.js';
import { reindexElasticsearch } from '../../store/elasticsearch/reindex.js';
import { type MigrationSummary, migrateStore } from '../../store/migrate/migrate.js';
import { reindexSqlite } from '../../store/migrate/reindex.js';
import { sqliteTarget } from '../../store/migrate/target.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { commandLogger, type GlobalOptions, printJson } from '../command-context.js';

/** Options of `yuqing store migrate`. */
export interface StoreMigrateOptions extends GlobalOptions {
  from: string;
  to: string;
  /** Source SQLite file (default: the configured store path). */
  fromPath?: string;
  /** Target SQLite file (`--to sqlite`). */
  toPath?: string;
  batch?: string;
  json?: boolean;
}

/** Options of `yuqing store reindex`. */
export interface StoreReindexOptions extends GlobalOptions {
  json?: boolean;
}

/** The search segmenter of the current config (its rounds' names and the lexicon as user words). */
export function configSegmenter(config: AppConfig): Segmenter {
  return createJiebaSegmenter(userDictionary(config.rounds, config.lexicon));
}

/** An Elasticsearch store from settings.store, for maintenance (writes not waited for; refreshed at the end). */
function maintenanceEsStore(config: AppConfig, logger: Logger): ElasticsearchStore {
  const store = config.settings.store;
  if (store.type !== 'elasticsearch' || store.node === undefined) {
    throw new InputError(
      'settings.yaml 的 store 需为 type: elasticsearch 并配置 node，才能迁移到 Elasticsearch',
    );
  }
  return new ElasticsearchStore({
    client: elasticsearchClientOptions(store),
    indexPrefix: store.indexPrefix,
    logger,
    refresh: false,
  });
}

function progressLine(quiet: boolean) {
  return (table: string, done: number, total: number) => {
    if (!quiet) process.stderr.write(`  ${table}: ${done}/${total}\n`);
  };
}

/** Copy the SQLite store into the target; resumes from the checkpoint of an interrupted run. */
export async function runStoreMigration(
  config: AppConfig,
  options: Omit<StoreMigrateOptions, keyof GlobalOptions>,
  logger: Logger,
  onProgress: (table: string, done: number, total: number) => void = () => {},
): Promise<MigrationSummary> {
  if (options.from !== 'sqlite') throw new InputError(`--from ${options.from}：目前只能从 sqlite 迁移`);
  if (options.to !== 'elasticsearch' && options.to !== 'sqlite') {
    throw new InputError(`--to ${options.to}：应为 elasticsearch 或 sqlite`);
  }
  const segmenter = configSegmenter(config);
  const source = new SqliteStore({ path: resolve(options.fromPath ?? config.settings.storePath), logger });
  await source.init();
  const target =
    options.to === 'sqlite'
      ? new SqliteStore({ path: resolve(requirePath(options.toPath)), logger })
      : maintenanceEsStore(config, logger);
  try {
    await target.init();
    const writer =
      target instanceof SqliteStore
        ? sqliteTarget(target.database, segmenter)
        : elasticsearchTarget(target.context, segmenter);
    return await migrateStore({
      source: source.database,
      target: writer,
      checkpointPath: join(config.settings.dataDir, `store-migrate-${options.to}.checkpoint.json`),
      batchSize: Number(options.batch ?? 500),
      onProgress: (p) => onProgress(p.table, p.copied, p.total),
    });
  } finally {
    await target.close();
    await source.close();
  }
}

function requirePath(path: string | undefined): string {
  if (!path) throw new InputError('--to sqlite 需要 --to-path 指定目标数据库文件');
  return path;
}

/** Re-segment every stored article of the configured store with the current dictionary. */
export async function runStoreReindex(
  config: AppConfig,
  logger: Logger,
  onProgress: (table: string, done: number, total: number) => void = () => {},
): Promise<number> {
  const segmenter = configSegmenter(config);
  if (config.settings.store.type === 'elasticsearch') {
    const store = maintenanceEsStore(config, logger);
    try {
      await store.init();
      return await reindexElasticsearch(store.context, segmenter, (d, t) => onProgress('articles', d, t));
    } finally {
      await store.close();
    }
  }
  const store = new SqliteStore({ path: config.settings.storePath, logger });
  try {
    await store.init();
    return reindexSqlite(store.database, segmenter, (d, t) => onProgress('articles', d, t));
  } finally {
    await store.close();
  }
}

/** `yuqing store migrate --from sqlite --to elasticsearch|sqlite`. */
export async function storeMigrateCommand(options: StoreMigrateOptions): Promise<void> {
  const config = await loadConfig(resolve(options.config), { dataDir: options.data });
  const summary = await runStoreMigration(
    config,
    options,
    commandLogger(false),
    progressLine(options.json === true),
  );
  if (options.json) printJson(summary);
  else {
    const lines = summary.tables.map((t) => `  ${t.table}: ${t.copied}/${t.total}`);
    process.stdout.write(`迁移完成${summary.resumed ? '（从上次中断处继续）' : ''}：\n${lines.join('\n')}\n`);
  }
}

/** `yuqing store reindex`. */
export async function storeReindexCommand(options: StoreReindexOptions): Promise<void> {
  const config = await loadConfig(resolve(options.config), { dataDir: options.data });
  const count = await runStoreReindex(config, commandLogger(false), progressLine(options.json === true));
  if (options.json) printJson({ reindexed: count });
  else process.stdout.write(`已按当前词典重建 ${count} 条信息的检索索引\n`);
}
