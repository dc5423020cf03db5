import type { FastifyInstance } from 'fastify';
import { InputError } from '../../core/errors.js';
import {
  createEvidenceFiles,
  type EvidenceContent,
  type EvidenceFiles,
  evidenceRoot,
} from '../../store/evidence/evidence-files.js';
import { responseFileName } from '../../store/evidence/export.js';
import { verifyEvidence } from '../../store/evidence/verify.js';
import type { EvidenceRecord } from '../../store/store.js';
import type { ConsoleDeps } from '../deps.js';
import { NotFoundError } from '../errors.js';

/** The evidence summary answered by GET /api/articles/:id/evidence. */
export interface EvidenceDetail {
  evidence: EvidenceRecord;
  /** Download links of the raw response and, for browser sources, the screenshot. */
  files: { response: string; responseFileName: string; screenshot?: string };
}

type IdParams = { Params: { id: string } };

/**
 * GET /api/articles/:id/evidence (the record), …/evidence/response (the raw response as a download),
 * …/evidence/screenshot (PNG) and …/evidence/verify (recomputed SHA-256 against the recorded one).
 */
export function registerEvidenceRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  const files = createEvidenceFiles({ root: evidenceRoot(deps.config.settings.dataDir) });
  const base = (id: string) => `/api/articles/${encodeURIComponent(id)}/evidence`;

  app.get<IdParams>('/api/articles/:id/evidence', async (request): Promise<EvidenceDetail> => {
    const record = await loadRecord(deps, request.params.id);
    return {
      evidence: record,
      files: {
        response: `${base(record.articleId)}/response`,
        responseFileName: responseFileName(record.contentType),
        ...(record.screenshotSha256 ? { screenshot: `${base(record.articleId)}/screenshot` } : {}),
      },
    };
  });

  app.get<IdParams>('/api/articles/:id/evidence/response', async (request, reply) => {
    const record = await loadRecord(deps, request.params.id);
    const content = await readContent(files, record);
    // The page as fetched may carry scripts: it is only ever offered as a download, never rendered here.
    return reply
      .type('application/octet-stream')
      .header(
        'Content-Disposition',
        `attachment; filename="${record.articleId}-${responseFileName(record.contentType)}"`,
      )
      .header('X-Evidence-SHA256', record.sha256)
      .send(content.body);
  });

  app.get<IdParams>('/api/articles/:id/evidence/screenshot', async (request, reply) => {
    const record = await loadRecord(deps, request.params.id);
    if (!record.screenshotSha256) throw new NotFoundError(`信息「${record.articleId}」没有页面截图`);
    const content = await readContent(files, record);
    if (!content.screenshot) throw new NotFoundError(`信息「${record.articleId}」的截图文件缺失`);
    return reply
      .type('image/png')
      .header('Content-Disposition', `inline; filename="${record.articleId}-screenshot.png"`)
      .header('X-Evidence-SHA256', record.screenshotSha256)
      .send(content.screenshot);
  });

  app.get<IdParams>('/api/articles/:id/evidence/verify', async (request) =>
    verifyEvidence(files, await loadRecord(deps, request.params.id)),
  );
}

async function loadRecord(deps: Pick<ConsoleDeps, 'store'>, id: string): Promise<EvidenceRecord> {
  if (id.length === 0 || id.length > 200) throw new InputError('参数 id 无效：长度应为 1 到 200 个字符');
  const record = await deps.store.getEvidence(id);
  if (record) return record;
  if (await deps.store.getArticle(id)) throw new NotFoundError(`信息「${id}」没有保存取证材料`);
  throw new NotFoundError(`未找到文章「${id}」`);
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
