import type { FastifyInstance } from 'fastify';
import { InputError } from '../../core/errors.js';
import type { StoredArticle } from '../../store/store.js';
import type { ConsoleDeps } from '../deps.js';
import { NotFoundError } from '../errors.js';

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

/** Load an article with its cluster; NotFoundError when absent. */
export async function loadArticleDetail(
  deps: Pick<ConsoleDeps, 'store'>,
  id: string,
): Promise<ArticleDetail> {
  if (id.length === 0 || id.length > 200) throw new InputError('参数 id 无效：长度应为 1 到 200 个字符');
  const stored = await deps.store.getArticle(id);
  if (stored === undefined) throw new NotFoundError(`未找到文章「${id}」`);
  const { titleTokens: _t, bodyTokens: _b, ...article } = stored;
  const [cluster, members] = await Promise.all([
    deps.store.getCluster(stored.clusterId),
    deps.store.clusterArticles(stored.clusterId),
  ]);
  const others = members
    .filter((m) => m.id !== stored.id)
    .map((m) => ({ id: m.id, title: m.title, url: m.url, source: m.sourceName, publishedAt: m.publishedAt }));
  return { article, cluster: { id: stored.clusterId, size: cluster?.size ?? members.length }, others };
}

/** GET /api/articles/:id: one article with its score explanation and the rest of its story. */
export function registerArticleRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  app.get<{ Params: { id: string } }>('/api/articles/:id', async (request) =>
    loadArticleDetail(deps, request.params.id),
  );
}
