// `yuqing store backup`: a consistent copy of the SQLite store and of the evidence files its records name,
// made while the service may be running, with a manifest of SHA-256 sums.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import Database from 'better-sqlite3';
import { BackupError } from '../../core/errors.js';
import { createEvidenceFiles, type EVIDENCE_FILES } from '../evidence/evidence-files.js';
import { verifyEvidence } from '../evidence/verify.js';
import { getEvidence } from '../sqlite/evidence-records.js';
import { statementCache } from '../sqlite/statements.js';
import type { EvidenceRecord } from '../store.js';
import { copyHashed, exists, hashFile, nonEmptyDir, reason, stamp } from './files.js';
import {
  type BackupFileEntry,
  type BackupManifest,
  type BackupProblem,
  DATABASE_FILE,
  EVIDENCE_DIR,
  MANIFEST_FILE,
} from './manifest.js';

/** What createBackup needs. */
export interface BackupOptions {
  /** The live SQLite file. */
  storePath: string;
  /** The live evidence root (`<dataDir>/evidence`). */
  evidenceRoot: string;
  /** `--out`: a new or empty directory becomes the backup; into a non-empty one a dated folder is written. */
  out: string;
  clock?: () => Date;
  /** How long to wait for another connection's lock, in ms (default 5000). */
  busyTimeoutMs?: number;
}

/** The outcome of a backup. */
export interface BackupSummary {
  /** The backup directory written. */
  dir: string;
  manifest: BackupManifest;
}

// Copy the whole database in one backup step: a step holds one read transaction, so the copy is one consistent
// snapshot; copying in small steps would restart every time the running service commits (WAL readers never
// block the writer, so the service is not held up either way).
const ALL_PAGES = 0x7fffffff;

/**
 * Snapshot the database with SQLite's online backup, then copy the evidence files of every record in the
 * snapshot (files are written before their record, so each recorded item's files are complete), verifying
 * each item against its recorded SHA-256. The directory appears only when complete (written under a temporary
 * name, then renamed). Items whose evidence is missing or altered are listed in `manifest.problems`.
 */
export async function createBackup(options: BackupOptions): Promise<BackupSummary> {
  const clock = options.clock ?? (() => new Date());
  const createdAt = clock();
  const storePath = resolve(options.storePath);
  const evidenceRoot = resolve(options.evidenceRoot);
  if (!(await exists(storePath))) {
    throw new BackupError('E_BACKUP_SOURCE', `数据库文件不存在：${storePath}（请检查 --config / --data）`);
  }
  const dir = await chooseBackupDir(resolve(options.out), createdAt, evidenceRoot);
  const work = join(dirname(dir), `.${basename(dir)}.partial-${randomBytes(4).toString('hex')}`);
  await mkdir(work, { recursive: true, mode: 0o700 });
  try {
    const dbCopy = join(work, DATABASE_FILE);
    await snapshotDatabase(storePath, dbCopy, options.busyTimeoutMs ?? 5000);
    const snapshot = readSnapshot(dbCopy);
    const copied = await copyEvidence(snapshot.records, evidenceRoot, join(work, EVIDENCE_DIR));
    const manifest: BackupManifest = {
      format: 'yuqing-backup',
      formatVersion: 1,
      createdAt: createdAt.toISOString(),
      schemaVersion: snapshot.schemaVersion,
      database: { file: DATABASE_FILE, ...(await hashFile(dbCopy)) },
      counts: { articles: snapshot.articles, evidence: snapshot.records.length },
      evidence: copied.files,
      problems: copied.problems.map((p) => ({
        articleId: p.articleId,
        problems: p.problems.map((text) => text.split(work).join(dir)),
      })),
    };
    await writeFile(join(work, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    await rename(work, dir);
    return { dir, manifest };
  } catch (error) {
    await rm(work, { recursive: true, force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError('E_BACKUP_SOURCE', `备份失败：${reason(error)}`, { cause: error });
  }
}

/** The backup directory for `--out`: itself when new or empty, else a dated folder inside it. */
async function chooseBackupDir(out: string, at: Date, evidenceRoot: string): Promise<string> {
  if (out === evidenceRoot || out.startsWith(evidenceRoot + sep)) {
    throw new BackupError('E_BACKUP_OUT', `--out ${out}：不能把备份写在取证目录 ${evidenceRoot} 里`);
  }
  const info = await stat(out).catch(() => undefined);
  if (!info) return out;
  if (!info.isDirectory()) {
    throw new BackupError('E_BACKUP_OUT', `--out ${out}：已存在同名文件，请指定一个新的或空的目录`);
  }
  if (!(await nonEmptyDir(out))) {
    await rm(out, { recursive: true });
    return out;
  }
  const dated = join(out, `yuqing-backup-${stamp(at)}`);
  if (await exists(dated)) {
    throw new BackupError('E_BACKUP_OUT', `--out ${out}：${dated} 已存在（同一秒内重复备份？）`);
  }
  return dated;
}

async function snapshotDatabase(storePath: string, to: string, busyTimeoutMs: number): Promise<void> {
  let source: Database.Database | undefined;
  try {
    // Not through SqliteStore: a backup must never migrate the file the (maybe older) service has open.
    source = new Database(storePath, { fileMustExist: true });
    source.pragma(`busy_timeout = ${busyTimeoutMs}`);
    await source.backup(to, { progress: () => ALL_PAGES });
  } catch (cause) {
    throw new BackupError('E_BACKUP_SOURCE', `无法读取数据库 ${storePath}：${reason(cause)}`, { cause });
  } finally {
    source?.close();
  }
}

/** What the backup needs from its own database copy. */
interface Snapshot {
  schemaVersion: number;
  articles: number;
  records: EvidenceRecord[];
}

function readSnapshot(path: string): Snapshot {
  const db = new Database(path);
  try {
    // A single self-contained file: no -wal beside the copy.
    db.pragma('journal_mode = DELETE');
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    const has = (table: string) =>
      db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
    const articles = has('articles')
      ? (db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n
      : 0;
    const prep = statementCache(db);
    const ids = has('evidence')
      ? (db.prepare('SELECT article_id FROM evidence ORDER BY article_id').pluck().all() as string[])
      : [];
    const records = ids.flatMap((id) => getEvidence(prep, id) ?? []);
    return { schemaVersion, articles, records };
  } finally {
    db.close();
  }
}

/** The files of one record, as keys of EVIDENCE_FILES. */
export function recordFiles(record: EvidenceRecord): (keyof typeof EVIDENCE_FILES)[] {
  return record.screenshotSha256 === undefined ? ['response', 'meta'] : ['response', 'screenshot', 'meta'];
}

async function copyEvidence(
  records: readonly EvidenceRecord[],
  fromRoot: string,
  toRoot: string,
): Promise<{ files: BackupFileEntry[]; problems: BackupProblem[] }> {
  const source = createEvidenceFiles({ root: fromRoot });
  const copy = createEvidenceFiles({ root: toRoot });
  const files: BackupFileEntry[] = [];
  const problems: BackupProblem[] = [];
  for (const record of records) {
    const missing: string[] = [];
    for (const kind of recordFiles(record)) {
      const from = source.pathOf(record, kind);
      const to = copy.pathOf(record, kind);
      try {
        const digest = await copyHashed(from, to);
        files.push({ path: relative(dirname(toRoot), to).split(sep).join('/'), ...digest });
      } catch (error) {
        missing.push(`无法复制 ${from}：${reason(error)}`);
      }
    }
    const check = missing.length === 0 ? await verifyEvidence(copy, record) : undefined;
    if (missing.length > 0) problems.push({ articleId: record.articleId, problems: missing });
    else if (check && !check.ok) problems.push({ articleId: record.articleId, problems: check.problems });
  }
  return { files, problems };
}
