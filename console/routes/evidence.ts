import { InputError } from '../../core/errors.js';
import {
  createEvidenceFiles,
  type EvidenceContent,
  type EvidenceFiles,
  evidenceRoot,
} from '../../store/evidence/evidence-files.js';
import { responseFileName } from '../../store/evidence/export.js';
import { FRAME_CONTENT_TYPE, frameDocument } from '../../store/evidence/frame.js';
import { verifyEvidence } from '../../store/evidence/verify.js';
import type { EvidenceRecord } from '../../store/store.js';
import { type Access, allowsArticle } from '../auth/access.js';
import type { ConsoleDeps } from '../deps.js';
import { NotFoundError } from '../errors.js';
import type { RouteFn, RouteSpec } from '../router.js';

/** The evidence summary answered by GET /api/articles/:id/evidence. */
export interface EvidenceDetail {
  evidence: EvidenceRecord;
  /** Download links of the raw response and, for browser sources, the screenshot. */
  files: { response: string; responseFileName: string; frame: string; screenshot?: string };
}

/** CSP of the evidence frame: an opaque-origin sandbox where no script runs and nothing loads from outside. */
export const FRAME_CSP =
  "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'";

const base = (id: string) => `/api/articles/${encodeURIComponent(id)}/evidence`;

/** The evidence summary of an item, or undefined when none was saved. */
export async function evidenceDetail(
  deps: Pick<ConsoleDeps, 'store'>,
  articleId: string,
): Promise<EvidenceDetail | undefined> {
  const record = await deps.store.getEvidence(articleId);
  return record && detailOf(record);
}

function detailOf(record: EvidenceRecord): EvidenceDetail {
  return {
    evidence: record,
    files: {
      response: `${base(record.articleId)}/response`,
      responseFileName: responseFileName(record.contentType),
      frame: `${base(record.articleId)}/frame`,
      ...(record.screenshotSha256 ? { screenshot: `${base(record.articleId)}/screenshot` } : {}),
    },
  };
}

/**
 * GET /api/articles/:id/evidence (the record), …/frame (the raw page for a sandboxed iframe), …/response (the
 * raw response as a download), …/screenshot (PNG) and …/verify (recomputed SHA-256 against the recorded one).
 */
export function registerEvidenceRoutes(route: RouteFn, deps: ConsoleDeps): void {
  const files = createEvidenceFiles({ root: evidenceRoot(deps.config.settings.dataDir) });
  const record = (access: Access, id: string | undefined) => loadRecord(deps, access, id ?? '');
  const get = (path: string, summary: string, handler: RouteSpec['handler'], contentType?: string) =>
    route({
      method: 'GET',
      path: `/api/articles/:id/evidence${path}`,
      summary,
      tag: '详情',
      auth: 'session',
      response: { description: summary, ...(contentType ? { contentType } : {}) },
      handler,
    });

  get('', '取证记录（SHA-256、抓取时间、文件链接）', async ({ access, params }) =>
    detailOf(await record(access, params.id)),
  );

  get(
    '/frame',
    '原始页面（供 sandbox iframe 显示；禁止脚本、不同源）',
    async ({ access, params }, _request, reply) => {
      const rec = await record(access, params.id);
      const content = await readContent(files, rec);
      // The page as fetched is hostile until proven otherwise: CSP sandbox (no allow-scripts, no allow-same-origin)
      // makes the browser run it in an opaque origin with scripts, forms and plugins off, and it is always served
      // as UTF-8 HTML (re-encoded) so no crawled Content-Type or charset reaches the browser. The SHA-256 header
      // still names the stored bytes (…/response gives them unchanged).
      return reply
        .type(FRAME_CONTENT_TYPE)
        .header('Content-Security-Policy', FRAME_CSP)
        .header('X-Frame-Options', 'SAMEORIGIN')
        .header('X-Content-Type-Options', 'nosniff')
        .header('X-Evidence-SHA256', rec.sha256)
        .send(frameDocument(content.body, rec.contentType));
    },
    'text/html',
  );

  get(
    '/response',
    '原始响应（下载）',
    async ({ access, params }, _request, reply) => {
      const rec = await record(access, params.id);
      const content = await readContent(files, rec);
      // The page as fetched may carry scripts: here it is only ever offered as a download, never rendered.
      return reply
        .type('application/octet-stream')
        .header(
          'Content-Disposition',
          `attachment; filename="${rec.articleId}-${responseFileName(rec.contentType)}"`,
        )
        .header('X-Evidence-SHA256', rec.sha256)
        .send(content.body);
    },
    'application/octet-stream',
  );

  get(
    '/screenshot',
    '页面截图（浏览器来源）',
    async ({ access, params }, _request, reply) => {
      const rec = await record(access, params.id);
      if (!rec.screenshotSha256) throw new NotFoundError(`信息「${rec.articleId}」没有页面截图`);
      const content = await readContent(files, rec);
      if (!content.screenshot) throw new NotFoundError(`信息「${rec.articleId}」的截图文件缺失`);
      return reply
        .type('image/png')
        .header('Content-Disposition', `inline; filename="${rec.articleId}-screenshot.png"`)
        .header('X-Evidence-SHA256', rec.screenshotSha256)
        .send(content.screenshot);
    },
    'image/png',
  );

  get('/verify', '重新计算 SHA-256 并与入库时记录比对', async ({ access, params }) =>
    verifyEvidence(files, await record(access, params.id)),
  );
}

async function loadRecord(
  deps: Pick<ConsoleDeps, 'store'>,
  access: Access,
  id: string,
): Promise<EvidenceRecord> {
  if (id.length === 0 || id.length > 200) throw new InputError('参数 id 无效：长度应为 1 到 200 个字符');
  const article = await deps.store.getArticle(id);
  if (!article || !allowsArticle(access, article)) throw new NotFoundError(`未找到文章「${id}」`);
  const record = await deps.store.getEvidence(id);
  if (record) return record;
  throw new NotFoundError(`信息「${id}」没有保存取证材料`);
}

async function readContent(files: EvidenceFiles, record: EvidenceRecord): Promise<EvidenceContent> {
  try {
    return await files.read(record);
  } catch {
    throw new NotFoundError(
      `信息「${record.articleId}」的取证文件缺失或已损坏（可运行 yuqing evidence ${record.articleId} --verify 检查）`,
    );
  }
}
