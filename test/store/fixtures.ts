// Hand-written fixtures for store tests: tokens are space-separated words, no segmenter involved.
import { createHash } from 'node:crypto';
import type { Assessment, Level, PhaseName, ProcessedArticle, Tip } from '../../core/types.js';
import type { NewTip } from '../../store/store.js';

/** A 64-bit SimHash unlikely to be near any other fixture's, derived from a seed. */
export function seededSimhash(seed: string): string {
  return createHash('sha256').update(`simhash:${seed}`).digest('hex').slice(0, 16);
}

/** Flip the given bit positions (0 = least significant) of a 16-hex-digit SimHash. */
export function flipBits(simhash: string, bits: readonly number[]): string {
  let value = BigInt(`0x${simhash}`);
  for (const bit of bits) value ^= 1n << BigInt(bit);
  return value.toString(16).padStart(16, '0');
}

/** Options of a fixture assessment. */
export interface AssessmentSpec {
  roundId?: string;
  units?: { unitId: string; unitName: string; team?: string }[];
  phase?: PhaseName;
  score?: number;
  level?: Level;
}

/** An assessment naming the given units, each mentioned once in the title. */
export function makeAssessment(spec: AssessmentSpec = {}): Assessment {
  return {
    roundId: spec.roundId ?? 'r1',
    ...(spec.phase ? { phase: spec.phase } : {}),
    units: (spec.units ?? []).map((u) => ({
      roundId: spec.roundId ?? 'r1',
      unitId: u.unitId,
      unitName: u.unitName,
      ...(u.team ? { team: u.team } : {}),
      mentions: [{ text: u.unitName, where: 'title' as const, offset: 0 }],
    })),
    score: spec.score ?? 0,
    level: spec.level ?? 'green',
    parts: [
      {
        kind: 'term',
        label: '标题命中「违规收费」(侵害群众利益) ×1',
        term: '违规收费',
        points: spec.score ?? 0,
      },
    ],
  };
}

/** Fields a test usually sets; everything else gets a plausible default derived from `key`. */
export interface ArticleSpec extends Partial<ProcessedArticle> {
  key: string;
}

/**
 * A ProcessedArticle; `titleTokens`/`bodyTokens` default to title/body (already space-separated when the
 * test writes them that way). Score and level default to the best assessment's.
 */
export function makeArticle(spec: ArticleSpec): ProcessedArticle {
  const { key, ...rest } = spec;
  const title = rest.title ?? `测试 文章 ${key}`;
  const body = rest.body ?? `正文 内容 ${key}`;
  const assessments = rest.assessments ?? [];
  const best = assessments[0];
  const article: ProcessedArticle = {
    id: `art-${key}`,
    url: `https://news.example.cn/a/${key}.html`,
    sourceId: 'news',
    sourceName: '示例新闻网',
    sourceType: 'html',
    title,
    body,
    publishedAt: '2025-05-13T09:00:00+08:00',
    fetchedAt: '2025-05-13T10:00:00+08:00',
    contentHash: createHash('sha256').update(`content:${key}`).digest('hex'),
    simhash: seededSimhash(key),
    titleTokens: rest.titleTokens ?? title,
    bodyTokens: rest.bodyTokens ?? body,
    assessments,
    score: best?.score ?? 0,
    level: best?.level ?? 'green',
    ...rest,
  };
  // `publishedAt: undefined` in a spec means "no date": drop the key as a real article would lack it.
  for (const [k, v] of Object.entries(article))
    if (v === undefined) delete (article as unknown as Record<string, unknown>)[k];
  return article;
}

/** Options of a fixture tip. */
export interface TipSpec {
  id: string;
  roundId?: string;
  unitId?: string;
  unitName?: string;
  clusterId?: string;
  level?: Level;
  score?: number;
  phase?: PhaseName;
  createdAt?: string;
  channels?: string[];
}

/** A new tip about `article`, going to `channels` (default email and wecom). */
export function makeTip(article: ProcessedArticle, spec: TipSpec): NewTip {
  const tip: Tip = {
    id: spec.id,
    roundId: spec.roundId ?? 'r1',
    unitId: spec.unitId ?? 'u1',
    unitName: spec.unitName ?? '某某县教育局',
    team: '第一巡察组',
    clusterId: spec.clusterId ?? article.id,
    articleId: article.id,
    title: article.title,
    url: article.url,
    sourceName: article.sourceName,
    ...(article.publishedAt ? { publishedAt: article.publishedAt } : {}),
    level: spec.level ?? article.level,
    score: spec.score ?? article.score,
    ...(spec.phase ? { phase: spec.phase } : {}),
    parts: [
      { kind: 'term', label: '正文命中「乱收费」×1', term: '乱收费', points: spec.score ?? article.score },
    ],
    status: 'new',
    createdAt: spec.createdAt ?? '2025-05-13T10:05:00+08:00',
  };
  return { tip, channels: spec.channels ?? ['email', 'wecom'] };
}
