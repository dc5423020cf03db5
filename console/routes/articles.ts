import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { tipId } from '../../alerts/routing.js';
import { InputError, YuqingError } from '../../core/errors.js';
import type { Tip } from '../../core/types.js';
import { scopedArticle } from '../../store/scope.js';
import type { StoredArticle } from '../../store/store.js';
import { audit } from '../audit.js';
import { type Access, allowsArticle, allowsUnit } from '../auth/access.js';
import type { ConsoleDeps } from '../deps.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { markText } from '../highlight-text.js';
import { readString } from '../params.js';
import type { RouteFn } from '../router.js';
import { parseSearchText } from '../search-syntax.js';
import { type EvidenceDetail, evidenceDetail } from './evidence.js';

/** Another article of the same story, as listed under an article. */
export interface ClusterMember {
  id: string;
  title: string;
  url: string;
  source: string;
  publishedAt?: string;
}

/** The article detail answered by GET /api/articles/:id. */
export interface ArticleDetail {
  /** The stored article with its assessments; index tokens are left out (internal and large). */
  article: Omit<StoredArticle, 'titleTokens' | 'bodyTokens'>;
  cluster: { id: string; size: number };
  /** The other articles of its cluster, first first. */
  others: ClusterMember[];
}

/** The console's full detail: ArticleDetail plus highlighting, units, tips and evidence. */
export interface ConsoleArticleDetail extends ArticleDetail {
  highlighted: { title: string; body: string };
  units: { roundId: string; unitId: string; unitName: string; team?: string }[];
  tips: Tip[];
  evidence?: EvidenceDetail;
}

/** Load an article with its cluster; NotFoundError when absent (or outside the access, when given). */
export async function loadArticleDetail(
  deps: Pick<ConsoleDeps, 'store'>,
  id: string,
  access?: Access,
): Promise<ArticleDetail> {
  if (id.length === 0 || id.length > 200) throw new InputError('参数 id 无效：长度应为 1 到 200 个字符');
  const stored = await deps.store.getArticle(id);
  // Out of scope looks exactly like absent: a team account learns nothing about other rounds' items.
  if (stored === undefined || (access && !allowsArticle(access, stored))) {
    throw new NotFoundError(`未找到文章「${id}」`);
  }
  // Only the rounds and units the caller may see: another round's units, teams, scores and explanations stay out.
  const { titleTokens: _t, bodyTokens: _b, ...article } = scopedArticle(stored, access?.scope);
  const [cluster, members] = await Promise.all([
    deps.store.getCluster(stored.clusterId),
    deps.store.clusterArticles(stored.clusterId),
  ]);
  const others = members
    .filter((m) => m.id !== stored.id && (!access || allowsArticle(access, m)))
    .map((m) => ({ id: m.id, title: m.title, url: m.url, source: m.sourceName, publishedAt: m.publishedAt }));
  // A scoped caller's story size counts only the copies it may see.
  const size = access?.scope === undefined ? (cluster?.size ?? members.length) : others.length + 1;
  return { article, cluster: { id: stored.clusterId, size }, others };
}

const detailQuery = z.object({ q: z.string().optional().describe('检索式，用于高亮命中词') });
const tipBody = z.strictObject({
  roundId: z.string().trim().min(1, { error: '请选择轮次' }),
  unitId: z.string().trim().min(1, { error: '请选择被巡察单位' }),
  note: z.string().trim().max(2000).optional(),
});

/** GET /api/articles/:id (detail) and POST /api/articles/:id/tips (make a tip by hand). */
export function registerArticleRoutes(route: RouteFn, deps: ConsoleDeps): void {
  route({
    method: 'GET',
    path: '/api/articles/:id',
    summary: '信息详情（评分说明、同一事件的其他转载、取证、线索）',
    tag: '详情',
    auth: 'session',
    query: detailQuery,
    response: { description: 'ConsoleArticleDetail' },
    handler: async ({ access, params, query }, request): Promise<ConsoleArticleDetail> => {
      const detail = await loadArticleDetail(deps, params.id ?? '', access);
      const q = readString(query, 'q', 500);
      const parsed = q === undefined ? undefined : parseSearchText(q, deps.queryTerms);
      const words = parsed ? [...parsed.terms, ...parsed.phrases, ...parsed.anyOf.flat()] : [];
      const units = detail.article.assessments.flatMap((a) =>
        a.units
          .filter((u) => allowsUnit(access, a.roundId, u.unitId))
          .map((u) => ({
            roundId: a.roundId,
            unitId: u.unitId,
            unitName: u.unitName,
            ...(u.team ? { team: u.team } : {}),
          })),
      );
      const tips = await deps.store.listConsoleTips({
        clusterId: detail.cluster.id,
        scope: access.scope,
        limit: 100,
      });
      const evidence = await evidenceDetail(deps, detail.article.id);
      await audit(deps, request, access.user.name, 'view_item', detail.article.id);
      return {
        ...detail,
        highlighted: {
          title: markText(detail.article.title, words),
          body: markText(detail.article.body, words),
        },
        units,
        tips: tips.tips,
        ...(evidence ? { evidence } : {}),
      };
    },
  });

  route({
    method: 'POST',
    path: '/api/articles/:id/tips',
    summary: '将信息转为线索（手工）',
    tag: '详情',
    auth: 'session',
    body: tipBody,
    response: { status: 201, description: '{ tip }' },
    handler: async ({ access, params, body }, request, reply) => {
      const detail = await loadArticleDetail(deps, params.id ?? '', access);
      const round = deps.config.rounds.find((r) => r.id === body.roundId);
      const unit = round?.units.find((u) => u.id === body.unitId);
      if (!round || !unit) throw new InputError(`未知轮次或单位：${body.roundId}/${body.unitId}`);
      if (!allowsUnit(access, round.id, unit.id))
        throw new ForbiddenError(`无权为单位「${unit.name}」建立线索`);
      const tip = manualTip(detail, round.id, unit, deps.clock?.() ?? new Date());
      let created: Tip;
      try {
        created = await deps.store.createTip(tip);
      } catch (error) {
        if (error instanceof YuqingError && error.code === 'E_STORE_CONFLICT') {
          throw new ConflictError(`该事件已有「${unit.name}」的线索`);
        }
        throw error;
      }
      if (body.note) {
        await deps.store.addTipNote({
          id: randomUUID(),
          tipId: created.id,
          at: created.createdAt,
          user: access.user.name,
          text: body.note,
        });
      }
      await audit(deps, request, access.user.name, 'tip_create', created.id, {
        articleId: detail.article.id,
        unitId: unit.id,
      });
      return reply.status(201).send({ tip: created });
    },
  });
}

/** A new tip for a unit from an item, scored as the item's assessment scored that unit. */
function manualTip(
  detail: ArticleDetail,
  roundId: string,
  unit: { id: string; name: string; team?: string },
  now: Date,
): Tip {
  const a = detail.article;
  const assessment = a.assessments.find((x) => x.roundId === roundId);
  const match = assessment?.units.find((u) => u.unitId === unit.id);
  return {
    id: tipId(roundId, detail.cluster.id, unit.id),
    roundId,
    unitId: unit.id,
    unitName: unit.name,
    ...(unit.team ? { team: unit.team } : {}),
    clusterId: detail.cluster.id,
    articleId: a.id,
    title: a.title,
    url: a.url,
    sourceName: a.sourceName,
    ...(a.publishedAt ? { publishedAt: a.publishedAt } : {}),
    level: match?.level ?? assessment?.level ?? a.level,
    score: match?.score ?? assessment?.score ?? a.score,
    ...(assessment?.phase ? { phase: assessment.phase } : {}),
    parts: match?.parts ?? assessment?.parts ?? [],
    status: 'new',
    createdAt: now.toISOString(),
  };
}
