// `yuqing store backup|restore` (issue 25): wiring only; the work is in store/backup/.
import { resolve } from 'node:path';
import { loadConfig } from '../../config/loader.js';
import type { AppConfig } from '../../config/schema.js';
import { BackupError } from '../../core/errors.js';
import { type BackupSummary, createBackup } from '../../store/backup/backup.js';
import { type RestoreSummary, restoreBackup } from '../../store/backup/restore.js';
import { evidenceRoot } from '../../store/evidence/evidence-files.js';
import { SCHEMA_VERSION } from '../../store/sqlite/schema.js';
import { type GlobalOptions, printJson } from '../command-context.js';

/** Options of `yuqing store backup`. */
export interface StoreBackupOptions extends GlobalOptions {
  out: string;
  json?: boolean;
}

/** Options of `yuqing store restore`. */
export interface StoreRestoreOptions extends GlobalOptions {
  from: string;
  force?: boolean;
  json?: boolean;
}

function requireSqlite(config: AppConfig, command: string): void {
  if (config.settings.store.type !== 'sqlite') {
    throw new BackupError(
      'E_BACKUP_SOURCE',
      `yuqing store ${command} 只用于内嵌 SQLite 存储；Elasticsearch 请用快照（snapshot）备份 yuqing-* 索引，并另行备份数据目录中的 evidence/`,
    );
  }
}

/** Back up the configured SQLite store and its evidence files. */
export async function runStoreBackup(config: AppConfig, out: string): Promise<BackupSummary> {
  requireSqlite(config, 'backup');
  return createBackup({
    storePath: config.settings.storePath,
    evidenceRoot: evidenceRoot(config.settings.dataDir),
    out,
  });
}

/** Restore a backup into the configured store's place. */
export async function runStoreRestore(
  config: AppConfig,
  options: Pick<StoreRestoreOptions, 'from' | 'force'>,
): Promise<RestoreSummary> {
  requireSqlite(config, 'restore');
  return restoreBackup({
    from: options.from,
    force: options.force === true,
    storePath: config.settings.storePath,
    evidenceRoot: evidenceRoot(config.settings.dataDir),
    dataDir: config.settings.dataDir,
  });
}

/** `yuqing store backup --out DIR [--json]`; exit code 1 when some evidence could not be copied intact. */
export async function storeBackupCommand(options: StoreBackupOptions): Promise<void> {
  const config = await loadConfig(resolve(options.config), { dataDir: options.data });
  const summary = await runStoreBackup(config, options.out);
  const { manifest } = summary;
  if (manifest.problems.length > 0) process.exitCode = 1;
  if (options.json) {
    printJson({ dir: summary.dir, ...manifest, evidence: manifest.evidence.length });
    return;
  }
  const lines = [
    `备份完成：${summary.dir}`,
    `  数据库：第 ${manifest.schemaVersion} 版，${manifest.counts.articles} 条信息，${manifest.database.bytes} 字节`,
    `  取证材料：${manifest.counts.evidence} 条记录，${manifest.evidence.length} 个文件（SHA-256 见 manifest.json）`,
  ];
  if (manifest.problems.length > 0) {
    lines.push(`注意：${manifest.problems.length} 条信息的取证材料缺失或与入库记录不一致，已照原样备份：`);
    for (const p of manifest.problems) lines.push(...p.problems.map((text) => `  - ${p.articleId}：${text}`));
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** `yuqing store restore --from DIR [--force] [--json]`. */
export async function storeRestoreCommand(options: StoreRestoreOptions): Promise<void> {
  const config = await loadConfig(resolve(options.config), { dataDir: options.data });
  const summary = await runStoreRestore(config, options);
  if (options.json) {
    printJson(summary);
    return;
  }
  const lines = [
    `恢复完成：${summary.storePath}`,
    `  ${summary.articles} 条信息；${summary.evidenceFiles} 个取证文件与备份清单的 SHA-256 一致，${summary.evidenceVerified} 条取证记录与入库时的 SHA-256 一致`,
  ];
  if (summary.schemaVersion < SCHEMA_VERSION) {
    lines.push(`  备份的数据库为第 ${summary.schemaVersion} 版，下次启动时自动升级到第 ${SCHEMA_VERSION} 版`);
  }
  if (summary.replacedTo) lines.push(`  原有数据已移到 ${summary.replacedTo}`);
  if (summary.knownProblems.length > 0) {
    lines.push(
      `注意：${summary.knownProblems.length} 条信息的取证材料在备份时已缺失或不一致（见 manifest.json）`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
