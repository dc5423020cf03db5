// `yuqing store backup` / `restore` (issue 25): an online-consistent backup of a real SQLite file and real
// evidence files, taken while another process writes, restored into an empty directory with every hash checked.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { BackupError } from '../../../core/errors.js';
import { silentLogger } from '../../../core/log.js';
import { createBackup } from '../../../store/backup/backup.js';
import { hashFile } from '../../../store/backup/files.js';
import { type BackupManifest, readManifest } from '../../../store/backup/manifest.js';
import { type RestoreSummary, restoreBackup } from '../../../store/backup/restore.js';
import { createEvidenceFiles, evidenceRoot, sha256Hex } from '../../../store/evidence/evidence-files.js';
import { verifyEvidence } from '../../../store/evidence/verify.js';
import { SCHEMA_VERSION } from '../../../store/sqlite/schema.js';
import { SqliteStore } from '../../../store/sqlite/sqlite-store.js';
import { ROOT } from '../../helpers/cli.js';
import { type DataDir, makeDataDir } from './backup-fixture.js';

const dirs: string[] = [];
const stores: SqliteStore[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill();
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

async function dataDir(count: number): Promise<DataDir> {
  const data = await makeDataDir(count, dirs);
  stores.push(data.store);
  return data;
}

/** Another process writing to the store in a loop (its own connection, as a running service would). */
function startWriter(storePath: string): Promise<ChildProcess> {
  const code = `
    const Database = require('better-sqlite3');
    const db = new Database(process.env.DB_PATH);
    db.pragma('busy_timeout = 5000');
    const put = db.prepare('INSERT INTO http_validators (url, etag, last_modified, updated_at) VALUES (?, ?, NULL, ?)');
    let i = 0;
    const tick = () => { for (let k = 0; k < 20; k++) { i++; put.run('https://w.example.cn/' + i, 'e' + i, new Date().toISOString()); } setImmediate(tick); };
    process.stdout.write('ready\\n');
    tick();`;
  const child = spawn(process.execPath, ['-e', code], {
    cwd: ROOT,
    env: { ...process.env, DB_PATH: storePath },
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout.once('data', () => resolve(child));
    child.once('exit', (c) => reject(new Error(`writer exited with ${c}`)));
  });
}

function validatorCount(storePath: string): number {
  const db = new Database(storePath, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM http_validators').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** An empty data directory to restore into. */
interface Target {
  dir: string;
  storePath: string;
  root: string;
  restore(from: string): Promise<RestoreSummary>;
}

async function restoredTarget(): Promise<Target> {
  const dir = tempDir('yuqing-restore-');
  const storePath = join(dir, 'yuqing.db');
  const root = evidenceRoot(dir);
  return {
    dir,
    storePath,
    root,
    restore: (from) => restoreBackup({ from, storePath, evidenceRoot: root, dataDir: dir }),
  };
}

async function backupOf(data: DataDir): Promise<{ dir: string; manifest: BackupManifest }> {
  const out = join(tempDir('yuqing-backups-'), 'b1');
  return createBackup({ storePath: data.storePath, evidenceRoot: evidenceRoot(data.dir), out });
}

async function catchError(promise: Promise<unknown>): Promise<BackupError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackupError);
  return error as BackupError;
}

describe('store backup', () => {
  it('takes a consistent snapshot while another process and the store itself keep writing', async () => {
    const data = await dataDir(60);
    const writer = await startWriter(data.storePath);
    const before = validatorCount(data.storePath);
    // The store goes on ingesting items with evidence while the backup copies files.
    let adding = true;
    let added = 0;
    const ingesting = (async () => {
      while (adding) await data.add(`late${added++}`);
    })();
    const out = join(tempDir('yuqing-backups-'), 'live');
    const { dir, manifest } = await createBackup({
      storePath: data.storePath,
      evidenceRoot: evidenceRoot(data.dir),
      out,
    });
    adding = false;
    await ingesting;
    const after = validatorCount(data.storePath);
    writer.kill();

    expect(dir).toBe(out);
    expect(after).toBeGreaterThan(before);
    expect(manifest.problems).toEqual([]);
    expect(manifest.schemaVersion).toBe(SCHEMA_VERSION);
    expect(manifest.counts.articles).toBeGreaterThanOrEqual(60);
    // Every evidence record in the snapshot has its files, and no file of a later item slipped in (the last
    // item may be in the snapshot before its evidence record: files first, then the record).
    expect(manifest.counts.evidence).toBeGreaterThanOrEqual(manifest.counts.articles - 1);
    expect(manifest.counts.evidence).toBeLessThanOrEqual(manifest.counts.articles);
    const shots = manifest.evidence.filter((f) => f.path.endsWith('screenshot.png')).length;
    expect(manifest.evidence.length).toBe(manifest.counts.evidence * 2 + shots);
    expect(await hashFile(join(dir, 'yuqing.db'))).toEqual({
      sha256: manifest.database.sha256,
      bytes: manifest.database.bytes,
    });
    // The copy is one self-contained, intact file holding a count between the two reads.
    expect(readdirSync(dir).sort()).toEqual(['evidence', 'manifest.json', 'yuqing.db']);
    const copy = new Database(join(dir, 'yuqing.db'), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    const copied = (copy.prepare('SELECT count(*) AS n FROM http_validators').get() as { n: number }).n;
    copy.close();
    expect(copied).toBeGreaterThanOrEqual(before);
    expect(copied).toBeLessThanOrEqual(after);
  }, 60_000);

  it('writes a dated folder inside a non-empty --out and refuses a file as --out', async () => {
    const data = await dataDir(3);
    const parent = tempDir('yuqing-backups-');
    writeFileSync(join(parent, 'older.txt'), 'x');
    const at = new Date('2026-12-07T16:05:12.345Z');
    const { dir } = await createBackup({
      storePath: data.storePath,
      evidenceRoot: evidenceRoot(data.dir),
      out: parent,
      clock: () => at,
    });
    expect(dir).toBe(join(parent, 'yuqing-backup-20261207T160512Z'));
    const error = await catchError(
      createBackup({
        storePath: data.storePath,
        evidenceRoot: evidenceRoot(data.dir),
        out: join(parent, 'older.txt'),
      }),
    );
    expect(error.code).toBe('E_BACKUP_OUT');
    expect(error.message).toContain('已存在同名文件');
  });

  it('lists an item whose evidence was already altered, and still backs up the rest', async () => {
    const data = await dataDir(4);
    const victim = data.records[1];
    if (!victim) throw new Error('no record');
    writeFileSync(data.files.pathOf(victim, 'response'), Buffer.from('not gzip'));
    const { manifest } = await backupOf(data);
    expect(manifest.problems.map((p) => p.articleId)).toEqual([victim.articleId]);
    expect(manifest.problems[0]?.problems.join('\n')).toMatch(/无法解压/);
    expect(manifest.counts.evidence).toBe(4);
  });
});

describe('store restore', () => {
  it('restores into an empty data directory with every evidence hash verified', async () => {
    const data = await dataDir(12);
    const { dir: backup, manifest } = await backupOf(data);
    const target = await restoredTarget();
    const summary = await target.restore(backup);
    expect(summary).toMatchObject({
      articles: 12,
      evidenceVerified: 12,
      evidenceFiles: manifest.evidence.length,
      schemaVersion: SCHEMA_VERSION,
      knownProblems: [],
    });
    expect(summary.replacedTo).toBeUndefined();
    const store = new SqliteStore({ path: target.storePath, logger: silentLogger() });
    stores.push(store);
    await store.init();
    expect(await store.countArticles()).toBe(12);
    const files = createEvidenceFiles({ root: target.root });
    for (const original of data.records) {
      const record = await store.getEvidence(original.articleId);
      expect(record).toEqual(original);
      if (!record) continue;
      expect((await verifyEvidence(files, record)).ok).toBe(true);
      const body = (await files.read(record)).body;
      expect(sha256Hex(body)).toBe(original.sha256);
    }
  });

  it('refuses a tampered evidence file, names it, and restores nothing', async () => {
    const data = await dataDir(6);
    const { dir: backup, manifest } = await backupOf(data);
    const shot = manifest.evidence.find((f) => f.path.endsWith('screenshot.png'));
    if (!shot) throw new Error('no screenshot in the backup');
    const bytes = readFileSync(join(backup, shot.path));
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    writeFileSync(join(backup, shot.path), bytes);
    const target = await restoredTarget();
    const error = await catchError(target.restore(backup));
    expect(error.code).toBe('E_BACKUP_HASH_MISMATCH');
    expect(error.files).toEqual([shot.path]);
    expect(error.message).toContain(shot.path);
    expect(error.message).toContain('未恢复任何数据');
    expect(readdirSync(target.dir)).toEqual([]);
  });

  it('refuses a response altered together with its manifest entry: the store recorded the hash at ingest', async () => {
    const data = await dataDir(3);
    const { dir: backup, manifest } = await backupOf(data);
    const record = data.records[0];
    if (!record) throw new Error('no record');
    const path = `evidence/${record.path}/response.gz`;
    const { gzipSync } = await import('node:zlib');
    const forged = gzipSync(Buffer.from('<html>改过的原文</html>'));
    writeFileSync(join(backup, path), forged);
    const edited = {
      ...manifest,
      evidence: manifest.evidence.map((f) =>
        f.path === path ? { ...f, sha256: sha256Hex(forged), bytes: forged.length } : f,
      ),
    };
    writeFileSync(join(backup, 'manifest.json'), JSON.stringify(edited));
    const target = await restoredTarget();
    const error = await catchError(target.restore(backup));
    expect(error.code).toBe('E_BACKUP_HASH_MISMATCH');
    expect(error.files).toEqual([`evidence/${record.path}`]);
    expect(error.message).toMatch(/SHA-256 与入库时记录的不一致/);
    expect(readdirSync(target.dir)).toEqual([]);
  });

  it('gives a clear Chinese message for a missing, non-directory or non-backup --from', async () => {
    const target = await restoredTarget();
    const attempt = (from: string) => catchError(target.restore(from));
    const missing = join(target.dir, 'no-such-backup');
    const gone = await attempt(missing);
    expect(gone.code).toBe('E_BACKUP_NOT_FOUND');
    expect(gone.message).toBe(`--from ${missing}：备份目录不存在`);
    const file = join(tempDir('yuqing-notbackup-'), 'backup.tar');
    writeFileSync(file, 'x');
    expect((await attempt(file)).message).toContain('不是目录');
    const plain = tempDir('yuqing-notbackup-');
    const noManifest = await attempt(plain);
    expect(noManifest.code).toBe('E_BACKUP_NOT_FOUND');
    expect(noManifest.message).toContain('没有 manifest.json');
    writeFileSync(
      join(plain, 'manifest.json'),
      JSON.stringify({ format: 'yuqing-backup', formatVersion: 1 }),
    );
    const bad = await attempt(plain);
    expect(bad.code).toBe('E_BACKUP_MANIFEST');
    expect(bad.message).toMatch(/schemaVersion/);
  });

  it('refuses a newer schema and an escaping evidence path in the manifest', async () => {
    const data = await dataDir(2);
    const { dir: backup, manifest } = await backupOf(data);
    const target = await restoredTarget();
    const attempt = () => catchError(target.restore(backup));
    writeFileSync(
      join(backup, 'manifest.json'),
      JSON.stringify({ ...manifest, schemaVersion: SCHEMA_VERSION + 1 }),
    );
    expect((await attempt()).code).toBe('E_BACKUP_VERSION');
    const climbing = { path: 'evidence/../../etc/passwd', sha256: '0'.repeat(64), bytes: 1 };
    writeFileSync(join(backup, 'manifest.json'), JSON.stringify({ ...manifest, evidence: [climbing] }));
    const error = await attempt();
    expect(error.code).toBe('E_BACKUP_MANIFEST');
    expect(error.message).toContain('evidence.0.path');
  });

  it('refuses to overwrite an existing store without --force, and moves it aside with --force', async () => {
    const data = await dataDir(5);
    const { dir: backup } = await backupOf(data);
    const other = await dataDir(2);
    await other.store.close();
    const options = {
      from: backup,
      storePath: other.storePath,
      evidenceRoot: evidenceRoot(other.dir),
      dataDir: other.dir,
    };
    const error = await catchError(restoreBackup(options));
    expect(error.code).toBe('E_BACKUP_TARGET_EXISTS');
    expect(error.message).toContain(other.storePath);
    expect(error.message).toContain('--force');
    expect(await readManifest(backup)).toBeDefined();
    const summary = await restoreBackup({
      ...options,
      force: true,
      clock: () => new Date('2026-12-07T08:00:00Z'),
    });
    expect(summary.articles).toBe(5);
    expect(summary.replacedTo).toBe(join(other.dir, 'replaced-by-restore-20261207T080000Z'));
    const aside = new Database(join(summary.replacedTo ?? '', 'yuqing.db'), { readonly: true });
    expect((aside.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n).toBe(2);
    aside.close();
  });
});
