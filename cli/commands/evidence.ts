import { resolve } from 'node:path';
import { createEvidenceFiles, evidenceRoot } from '../../store/evidence/evidence-files.js';
import { type ExportedFile, exportEvidence } from '../../store/evidence/export.js';
import { type EvidenceCheck, verifyEvidence } from '../../store/evidence/verify.js';
import type { EvidenceRecord } from '../../store/store.js';
import type { App } from '../app.js';
import { commandLogger, type GlobalOptions, withApp } from '../command-context.js';

/** Options of `yuqing evidence ITEM_ID`. */
export interface EvidenceOptions extends GlobalOptions {
  /** Write the raw response, the screenshot and meta.json into this directory. */
  out?: string;
  /** Recompute the SHA-256 and compare it with the value recorded at save time. */
  verify?: boolean;
  json?: boolean;
}

/** What a command prints and its exit code (kept apart from process I/O so tests can read it). */
export interface CommandOutput {
  stdout: string;
  stderr: string;
  code: number;
}

/** `yuqing evidence ITEM_ID [--out DIR] [--verify] [--json]`: show, export or check an item's evidence. */
export async function evidenceCommand(id: string, options: EvidenceOptions): Promise<void> {
  const output = await withApp(options, commandLogger(false), (app) => evidenceReport(app, id, options));
  if (output.stdout) process.stdout.write(output.stdout);
  if (output.stderr) process.stderr.write(output.stderr);
  if (output.code !== 0) process.exitCode = output.code;
}

/**
 * The work of `yuqing evidence`: exit code 1 for an unknown item, an item without evidence, or evidence that
 * fails verification (an export is always verified too, so a copied-out file is known to be the original).
 */
export async function evidenceReport(
  app: Pick<App, 'store' | 'config'>,
  id: string,
  options: Pick<EvidenceOptions, 'out' | 'verify' | 'json'>,
): Promise<CommandOutput> {
  const article = await app.store.getArticle(id);
  const record = article ? await app.store.getEvidence(id) : undefined;
  if (!article) return failure(`未找到信息「${id}」（ID 可从 yuqing search --json 或控制台获得）`);
  if (!record) return failure(`信息「${id}」没有保存取证材料（入库时未取得原始响应）`);
  const files = createEvidenceFiles({ root: evidenceRoot(app.config.settings.dataDir) });
  const written = options.out
    ? await exportEvidence(files, record, resolve(options.out), { url: article.url, title: article.title })
    : undefined;
  const check = options.verify || written ? await verifyEvidence(files, record) : undefined;
  const code = check && !check.ok ? 1 : 0;
  const stderr = check && !check.ok ? checkFailure(check) : '';
  if (options.json) {
    const value = { evidence: record, ...(written ? { written } : {}), ...(check ? { verify: check } : {}) };
    return { stdout: `${JSON.stringify(value, null, 2)}\n`, stderr, code };
  }
  const lines = [`信息：${article.title}`, `网址：${article.url}`, ...describe(record)];
  if (written)
    for (const file of written)
      lines.push(`已写出${KIND_LABELS[file.kind]}：${file.path}（${file.bytes} 字节）`);
  if (check?.ok) lines.push(`校验通过：原始响应的 SHA-256 与入库时记录的一致（${check.expectedSha256}）`);
  return { stdout: `${lines.join('\n')}\n`, stderr, code };
}

const KIND_LABELS: Readonly<Record<ExportedFile['kind'], string>> = {
  response: '原始响应',
  screenshot: '页面截图',
  meta: '取证信息',
};

function describe(record: EvidenceRecord): string[] {
  return [
    `抓取时间：${record.fetchedAt}`,
    `最终网址：${record.finalUrl}`,
    `响应：HTTP ${record.status}，${record.contentType || '未知类型'}，${record.size} 字节`,
    `SHA-256：${record.sha256}`,
    record.screenshotSha256 ? `截图 SHA-256：${record.screenshotSha256}` : '截图：无',
    `保存时间：${record.savedAt}`,
  ];
}

function checkFailure(check: EvidenceCheck): string {
  return `校验失败：信息「${check.articleId}」的取证材料与入库时记录的不一致\n${check.problems.map((p) => `  - ${p}`).join('\n')}\n`;
}

function failure(message: string): CommandOutput {
  return { stdout: '', stderr: `${message}\n`, code: 1 };
}
