// `yuqing store restore`: check every file of a backup against its manifest and the store's own records,
// then put the database and the evidence files in place (an existing store only with force, moved aside).
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { BackupError } from '../../core/errors.js';
import { createEvidenceFiles } from '../evidence/evidence-files.js';
import { verifyEvidence } from '../evidence/verify.js';
import { getEvidence } from '../sqlite/evidence-records.js';
import { SCHEMA_VERSION } from '../sqlite/schema.js';
import { statementCache } from '../sqlite/statements.js';
import { copyHashed, exists, nonEmptyDir, reason, stamp } from './files.js';
import { type BackupManifest, DATABASE_FILE, readManifest } from './manifest.js';

/** What restoreBackup needs. */
export interface RestoreOptions {
  /** `--from`: a directory written by createBackup. */
  from: string;
  /** Where the database goes (settings.storePath). */
  storePath: string;
  /** Where the evidence files go (`<dataDir>/evidence`). */
  evidenceRoot: string;
  /** Folder for what an overwritten store is moved to (the data directory). */
  dataDir: string;
  /** `--force`: replace an existing store (it is moved aside, not deleted). */
  force?: boolean;
  clock?: () => Date;
}

/** The outcome of a restore. */
export interface RestoreSummary {
  from: string;
  storePath: string;
  evidenceRoot: string;
  /** Schema version of the restored database (the next start upgrades it when older than the program's). */
  schemaVersion: number;
  articles: number;
  /** Evidence records checked against their files after the copy. */
  evidenceVerified: number;
  /** Evidence files copied, each matching the manifest's SHA-256. */
  evidenceFiles: number;
  /** Where the replaced store was moved (with force on an existing store). */
  replacedTo?: string;
  /** Items the backup already recorded as damaged when it was made (restored as they were). */
  knownProblems: BackupManifest['problems'];
}

/**
 * Restore a backup. Nothing in the data directory is touched until every file has been copied to a staging
 * area next to its destination and has matched both the manifest's SHA-256 and (for evidence) the SHA-256 the
 * database recorded at ingest; any mismatch raises E_BACKUP_HASH_MISMATCH naming each file.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreSummary> {
  const from = resolve(options.from);
  await requireBackupDir(from);
  const manifest = await readManifest(from);
  if (manifest.schemaVersion > SCHEMA_VERSION) {
    throw new BackupError(
      'E_BACKUP_VERSION',
      `备份的数据库为第 ${manifest.schemaVersion} 版，比本程序支持的第 ${SCHEMA_VERSION} 版新：请用较新版本的程序恢复`,
    );
  }
  const storePath = resolve(options.storePath);
  const evidenceRoot = resolve(options.evidenceRoot);
  const occupied = await existingStore(storePath, evidenceRoot);
  if (occupied.length > 0 && !options.force) {
    throw new BackupError(
      'E_BACKUP_TARGET_EXISTS',
      `目标位置已有数据，未恢复：${occupied.join('、')}\n确认要用备份替换时加 --force（原有数据会移到数据目录下的 replaced-by-restore-<时间>/，不会删除）`,
    );
  }
  const tag = randomBytes(4).toString('hex');
  const stagedDb = join(dirname(storePath), `.${basename(storePath)}.restore-${tag}`);
  const stagedEvidence = join(dirname(evidenceRoot), `.${basename(evidenceRoot)}.restore-${tag}`);
  try {
    await stageFiles(from, manifest, stagedDb, stagedEvidence);
    const checked = checkRestoredDatabase(stagedDb);
    const evidenceVerified = await verifyRecords(from, stagedDb, stagedEvidence, evidenceRoot, manifest);
    const replacedTo =
      occupied.length > 0
        ? await moveAside(storePath, evidenceRoot, options.dataDir, options.clock?.() ?? new Date())
        : undefined;
    await mkdir(dirname(storePath), { recursive: true, mode: 0o700 });
    await rename(stagedDb, storePath);
    if (await exists(stagedEvidence)) await rename(stagedEvidence, evidenceRoot);
    return {
      from,
      storePath,
      evidenceRoot,
      schemaVersion: checked.schemaVersion,
      articles: checked.articles,
      evidenceVerified,
      evidenceFiles: manifest.evidence.length,
      ...(replacedTo ? { replacedTo } : {}),
      knownProblems: manifest.problems,
    };
  } finally {
    await rm(stagedDb, { force: true });
    await rm(stagedEvidence, { recursive: true, force: true });
  }
}

async function requireBackupDir(from: string): Promise<void> {
  const info = await stat(from).catch(() => undefined);
  if (!info) {
    throw new BackupError('E_BACKUP_NOT_FOUND', `--from ${from}：备份目录不存在`);
  }
  if (!info.isDirectory()) {
    throw new BackupError(
      'E_BACKUP_NOT_FOUND',
      `--from ${from}：不是目录（应为 yuqing store backup 生成的备份目录，内含 manifest.json）`,
    );
  }
}

/** The paths of an existing store at the destination, empty when there is none. */
async function existingStore(storePath: string, evidenceRoot: string): Promise<string[]> {
  const found: string[] = [];
  const db = await stat(storePath).catch(() => undefined);
  if ((db && db.size > 0) || (await exists(`${storePath}-wal`))) found.push(`数据库 ${storePath}`);
  if (await nonEmptyDir(evidenceRoot)) found.push(`取证目录 ${evidenceRoot}`);
  return found;
}

/** Copy every file of the manifest into the staging paths, comparing each SHA-256 as it is copied. */
async function stageFiles(
  from: string,
  manifest: BackupManifest,
  stagedDb: string,
  stagedEvidence: string,
): Promise<void> {
  const mismatched: string[] = [];
  const lines: string[] = [];
  const check = async (name: string, source: string, target: string, sha256: string, bytes: number) => {
    try {
      const digest = await copyHashed(source, target);
      if (digest.sha256 !== sha256 || digest.bytes !== bytes) {
        mismatched.push(name);
        lines.push(
          `${name}：SHA-256 与备份清单不一致（清单 ${sha256}，实际 ${digest.sha256}），文件可能已被改动`,
        );
      }
    } catch (error) {
      mismatched.push(name);
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      lines.push(missing ? `${name}：文件缺失` : `${name}：无法读取（${reason(error)}）`);
    }
  };
  await mkdir(dirname(stagedDb), { recursive: true, mode: 0o700 });
  await check(
    DATABASE_FILE,
    join(from, DATABASE_FILE),
    stagedDb,
    manifest.database.sha256,
    manifest.database.bytes,
  );
  for (const file of manifest.evidence) {
    const inside = file.path.slice('evidence/'.length);
    await check(file.path, join(from, file.path), join(stagedEvidence, inside), file.sha256, file.bytes);
  }
  if (mismatched.length > 0) throw hashMismatch(from, mismatched, lines);
}

function hashMismatch(from: string, files: string[], lines: string[]): BackupError {
  const shown = lines.slice(0, 20).map((l) => `  - ${l}`);
  if (lines.length > shown.length) shown.push(`  …… 另有 ${lines.length - shown.length} 处`);
  return new BackupError(
    'E_BACKUP_HASH_MISMATCH',
    `备份 ${from} 中 ${files.length} 个文件校验失败，未恢复任何数据：\n${shown.join('\n')}`,
    { files },
  );
}

/** Integrity check of the staged copy; its schema version and article count. */
function checkRestoredDatabase(path: string): { schemaVersion: number; articles: number } {
  const db = new Database(path, { fileMustExist: true });
  try {
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') {
      throw new BackupError(
        'E_BACKUP_HASH_MISMATCH',
        `备份中的数据库 ${DATABASE_FILE} 未通过完整性检查（${String(result)}），未恢复任何数据`,
        { files: [DATABASE_FILE] },
      );
    }
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    const hasArticles = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'articles'").get() !== undefined;
    const articles = hasArticles
      ? (db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n
      : 0;
    return { schemaVersion, articles };
  } finally {
    db.close();
  }
}

/**
 * Check every evidence record of the restored database against the staged files (the SHA-256 recorded at
 * ingest). Items the manifest lists as already damaged at backup time are not failures. Returns how many
 * records were checked.
 */
async function verifyRecords(
  from: string,
  stagedDb: string,
  stagedEvidence: string,
  evidenceRoot: string,
  manifest: BackupManifest,
): Promise<number> {
  const known = new Set(manifest.problems.map((p) => p.articleId));
  const db = new Database(stagedDb, { readonly: true, fileMustExist: true });
  const files = createEvidenceFiles({ root: stagedEvidence });
  const failed: string[] = [];
  const lines: string[] = [];
  let checked = 0;
  try {
    const hasEvidence = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'evidence'").get() !== undefined;
    if (!hasEvidence) return 0;
    const prep = statementCache(db);
    const ids = db.prepare('SELECT article_id FROM evidence ORDER BY article_id').pluck().all() as string[];
    for (const id of ids) {
      const record = getEvidence(prep, id);
      if (!record || known.has(id)) continue;
      checked++;
      const check = await verifyEvidence(files, record);
      if (check.ok) continue;
      failed.push(`evidence/${record.path}`);
      // Name the files where they will be, not in the staging folder.
      lines.push(...check.problems.map((p) => p.split(stagedEvidence).join(evidenceRoot)));
    }
  } finally {
    db.close();
  }
  if (failed.length > 0) {
    throw hashMismatch(from, failed, lines);
  }
  return checked;
}

/** Move the existing database (with its -wal/-shm) and evidence folder into a dated folder of the data dir. */
async function moveAside(
  storePath: string,
  evidenceRoot: string,
  dataDir: string,
  at: Date,
): Promise<string> {
  const aside = join(resolve(dataDir), `replaced-by-restore-${stamp(at)}`);
  await mkdir(aside, { recursive: true, mode: 0o700 });
  for (const path of [storePath, `${storePath}-wal`, `${storePath}-shm`, evidenceRoot]) {
    if (await exists(path)) await rename(path, join(aside, basename(path)));
  }
  return aside;
}
