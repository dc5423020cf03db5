// The manifest of a backup directory: what it holds, each file's SHA-256, and the schema version of its database.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { BackupError } from '../../core/errors.js';

/** File name of the manifest inside a backup directory. */
export const MANIFEST_FILE = 'manifest.json';
/** File name of the database copy inside a backup directory. */
export const DATABASE_FILE = 'yuqing.db';
/** Folder of the evidence copies inside a backup directory (same layout as `<dataDir>/evidence`). */
export const EVIDENCE_DIR = 'evidence';

const SHA256 = z.string().regex(/^[0-9a-f]{64}$/, '应为 64 位十六进制 SHA-256');
// Only the files evidence folders hold, so a crafted manifest cannot name a path outside the backup.
const EVIDENCE_PATH = z
  .string()
  .regex(
    /^evidence\/[A-Za-z0-9_-]{1,2}\/[A-Za-z0-9_-]{1,200}\/(response\.gz|screenshot\.png|meta\.json)$/,
    '应为 evidence/<前两位>/<信息ID>/response.gz|screenshot.png|meta.json',
  );

const fileEntry = z.object({ path: EVIDENCE_PATH, sha256: SHA256, bytes: z.number().int().nonnegative() });

const manifestSchema = z.object({
  format: z.literal('yuqing-backup'),
  formatVersion: z.literal(1),
  createdAt: z.string(),
  schemaVersion: z.number().int().nonnegative(),
  database: z.object({
    file: z.literal(DATABASE_FILE),
    sha256: SHA256,
    bytes: z.number().int().nonnegative(),
  }),
  counts: z.object({ articles: z.number().int().nonnegative(), evidence: z.number().int().nonnegative() }),
  evidence: z.array(fileEntry),
  problems: z.array(z.object({ articleId: z.string(), problems: z.array(z.string()) })),
});

/** What manifest.json of a backup holds. */
export type BackupManifest = z.infer<typeof manifestSchema>;
/** One copied evidence file and its SHA-256. */
export type BackupFileEntry = z.infer<typeof fileEntry>;
/** An item whose evidence could not be copied intact when the backup was made (kept as a warning). */
export type BackupProblem = BackupManifest['problems'][number];

/** Read and check `<dir>/manifest.json`; E_BACKUP_NOT_FOUND when absent, E_BACKUP_MANIFEST naming the field. */
export async function readManifest(dir: string): Promise<BackupManifest> {
  const path = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new BackupError(
      'E_BACKUP_NOT_FOUND',
      `${dir} 中没有 ${MANIFEST_FILE}，不是 yuqing store backup 生成的备份目录`,
      { cause },
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new BackupError('E_BACKUP_MANIFEST', `${path} 不是有效的 JSON（备份清单已损坏）`, { cause });
  }
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `  ${i.path.join('.') || '（根）'}：${i.message}`);
    throw new BackupError('E_BACKUP_MANIFEST', `${path} 不是有效的备份清单：\n${issues.join('\n')}`);
  }
  return parsed.data;
}
