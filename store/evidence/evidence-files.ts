// The file side of evidence (取证): one folder per stored item under `<dataDir>/evidence/`.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { StoreError } from '../../core/errors.js';
import type { FetchEvidence } from '../../core/types.js';
import type { EvidenceRecord } from '../store.js';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** File names inside an item's evidence folder. */
export const EVIDENCE_FILES = {
  response: 'response.gz',
  screenshot: 'screenshot.png',
  meta: 'meta.json',
} as const;

/** What meta.json holds: the store's record plus the compressed size, so a copied folder explains itself. */
export interface EvidenceMeta extends EvidenceRecord {
  /** Compressed size of response.gz in bytes. */
  compressedSize: number;
}

/** An item's evidence as read back: the original bytes and the metadata beside them. */
export interface EvidenceContent {
  body: Buffer;
  screenshot?: Buffer;
  meta: EvidenceMeta;
}

/** The evidence root of a data directory. */
export function evidenceRoot(dataDir: string): string {
  return join(dataDir, 'evidence');
}

/** SHA-256 (hex) of some bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

// Ids become folder names: anything but a plain token could climb out of the root.
const SAFE_ID = /^[A-Za-z0-9_-]{1,200}$/;

/** Folder of an item relative to the root: `<first two characters>/<id>`; E_STORE_INPUT on an unsafe id. */
export function evidenceFolder(articleId: string): string {
  if (!SAFE_ID.test(articleId)) {
    throw new StoreError('E_STORE_INPUT', `evidence: item id "${articleId}" is not a plain id`);
  }
  return `${articleId.slice(0, 2)}/${articleId}`;
}

/** Reads and writes evidence folders under one root. */
export interface EvidenceFiles {
  /** Evidence root (absolute when built from the resolved dataDir). */
  readonly root: string;
  /** Write the compressed response, the screenshot and meta.json; returns the record for the store. */
  save(articleId: string, evidence: FetchEvidence): Promise<EvidenceRecord>;
  /** Read a recorded item's files back (response decompressed); E_STORE_IO naming the file when one is gone. */
  read(record: EvidenceRecord): Promise<EvidenceContent>;
  /** Absolute path of one of a record's files. */
  pathOf(record: EvidenceRecord, file: keyof typeof EVIDENCE_FILES): string;
}

/** Options of createEvidenceFiles. */
export interface EvidenceFilesOptions {
  root: string;
  /** Clock for savedAt; defaults to the system clock. */
  clock?: () => Date;
}

/** Evidence files under `root`; every file is written to a temp name and renamed, so none is ever half-written. */
export function createEvidenceFiles(options: EvidenceFilesOptions): EvidenceFiles {
  const { root } = options;
  const clock = options.clock ?? (() => new Date());
  const pathOf = (record: EvidenceRecord, file: keyof typeof EVIDENCE_FILES) =>
    join(root, evidenceFolder(record.articleId), EVIDENCE_FILES[file]);

  return {
    root,
    pathOf,
    async save(articleId, evidence) {
      const folder = evidenceFolder(articleId);
      const dir = join(root, folder);
      const body = Buffer.from(evidence.body);
      const compressed = await gzipAsync(body);
      const screenshot = evidence.screenshot ? Buffer.from(evidence.screenshot) : undefined;
      const record: EvidenceRecord = {
        articleId,
        sha256: sha256Hex(body),
        size: body.length,
        contentType: evidence.contentType,
        status: evidence.status,
        finalUrl: evidence.finalUrl,
        fetchedAt: evidence.fetchedAt,
        path: folder,
        ...(screenshot ? { screenshotSha256: sha256Hex(screenshot), screenshotSize: screenshot.length } : {}),
        savedAt: clock().toISOString(),
      };
      const meta: EvidenceMeta = { ...record, compressedSize: compressed.length };
      // Evidence is as sensitive as the database: folders 0700, files 0600 (see writeAtomic).
      await ioStep(`create ${dir}`, () => mkdir(dir, { recursive: true, mode: 0o700 }));
      await writeAtomic(join(dir, EVIDENCE_FILES.response), compressed);
      if (screenshot) await writeAtomic(join(dir, EVIDENCE_FILES.screenshot), screenshot);
      // meta.json last: a folder with meta.json is complete.
      await writeAtomic(join(dir, EVIDENCE_FILES.meta), Buffer.from(`${JSON.stringify(meta, null, 2)}\n`));
      return record;
    },
    async read(record) {
      const compressed = await readRequired(pathOf(record, 'response'));
      const body = await ioStep(`decompress ${pathOf(record, 'response')}`, () => gunzipAsync(compressed));
      const screenshot =
        record.screenshotSha256 === undefined ? undefined : await readRequired(pathOf(record, 'screenshot'));
      const metaPath = pathOf(record, 'meta');
      const metaText = (await readRequired(metaPath)).toString('utf8');
      const meta = await ioStep(`parse ${metaPath}`, async () => JSON.parse(metaText) as EvidenceMeta);
      return { body, meta, ...(screenshot ? { screenshot } : {}) };
    },
  };
}

/** Write to `<path>.<random>.tmp`, then rename over `path`; the temp file is removed on failure. */
export async function writeAtomic(path: string, data: Uint8Array): Promise<void> {
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, data, { mode: 0o600 });
    await rename(tmp, path);
  } catch (cause) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw new StoreError('E_STORE_IO', `cannot write ${path}: ${message(cause)}`, { cause });
  }
}

async function readRequired(path: string): Promise<Buffer> {
  return ioStep(`read ${path}`, () => readFile(path));
}

async function ioStep<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (cause) {
    throw new StoreError('E_STORE_IO', `evidence: cannot ${what}: ${message(cause)}`, { cause });
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
