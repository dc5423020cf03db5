// Recompute an item's evidence hashes against the values recorded in the store when it was saved.
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { EvidenceRecord } from '../store.js';
import { type EvidenceFiles, type EvidenceMeta, sha256Hex } from './evidence-files.js';

const gunzipAsync = promisify(gunzip);

/** The outcome of checking one item's evidence. */
export interface EvidenceCheck {
  articleId: string;
  ok: boolean;
  /** SHA-256 recorded in the store when the evidence was saved. */
  expectedSha256: string;
  /** SHA-256 of response.gz's content now; absent when it cannot be read. */
  actualSha256?: string;
  /** Each problem found, in Chinese, naming the file; empty when ok. */
  problems: string[];
}

/**
 * Recompute the SHA-256 of the stored response (and of the screenshot) and compare them, and meta.json,
 * with the store's record. Never throws for missing or damaged files: they are problems in the result.
 */
export async function verifyEvidence(files: EvidenceFiles, record: EvidenceRecord): Promise<EvidenceCheck> {
  const problems: string[] = [];
  const responsePath = files.pathOf(record, 'response');
  let actualSha256: string | undefined;
  const compressed = await readOrProblem(responsePath, problems);
  if (compressed) {
    try {
      const body = await gunzipAsync(compressed);
      actualSha256 = sha256Hex(body);
      if (actualSha256 !== record.sha256) {
        problems.push(
          `原始响应 ${responsePath} 的 SHA-256 与入库时记录的不一致（记录 ${record.sha256}，实际 ${actualSha256}），文件可能已被改动`,
        );
      } else if (body.length !== record.size) {
        problems.push(
          `原始响应 ${responsePath} 的大小与记录不符（记录 ${record.size}，实际 ${body.length} 字节）`,
        );
      }
    } catch (error) {
      problems.push(`原始响应 ${responsePath} 无法解压（文件已损坏或被改动）：${message(error)}`);
    }
  }
  if (record.screenshotSha256 !== undefined) {
    const shotPath = files.pathOf(record, 'screenshot');
    const shot = await readOrProblem(shotPath, problems);
    if (shot && sha256Hex(shot) !== record.screenshotSha256) {
      problems.push(`截图 ${shotPath} 的 SHA-256 与入库时记录的不一致，文件可能已被改动`);
    }
  }
  const metaPath = files.pathOf(record, 'meta');
  const metaBytes = await readOrProblem(metaPath, problems);
  if (metaBytes) {
    const meta = parseMeta(metaBytes);
    if (!meta) problems.push(`${metaPath} 不是有效的 JSON`);
    else if (meta.sha256 !== record.sha256) problems.push(`${metaPath} 中的 SHA-256 与入库时记录的不一致`);
  }
  return {
    articleId: record.articleId,
    ok: problems.length === 0,
    expectedSha256: record.sha256,
    ...(actualSha256 === undefined ? {} : { actualSha256 }),
    problems,
  };
}

async function readOrProblem(path: string, problems: string[]): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    problems.push(missing ? `文件缺失：${path}` : `无法读取 ${path}：${message(error)}`);
    return undefined;
  }
}

function parseMeta(bytes: Buffer): Partial<EvidenceMeta> | undefined {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return value !== null && typeof value === 'object' ? (value as Partial<EvidenceMeta>) : undefined;
  } catch {
    return undefined;
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
