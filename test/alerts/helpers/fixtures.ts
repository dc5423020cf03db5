import type { RoundConfig } from '../../../config/schema.js';
import type { Assessment, ProcessedArticle, Tip } from '../../../core/types.js';
import { DEMO_ROUND, PLANTED_TITLE } from '../../helpers/demo-round.js';

export { PLANTED_TITLE };

/** The demo round (2026-r4) with its two alert routes, fields replaced by `overrides`. */
export function demoRound(overrides: Partial<RoundConfig> = {}): RoundConfig {
  return { ...DEMO_ROUND, ...overrides };
}

/** An assessment of the planted forum post for zjj (and optionally more units). */
export function assessment(overrides: Partial<Assessment> = {}): Assessment {
  return {
    roundId: '2026-r4',
    phase: 'entry',
    units: [
      {
        roundId: '2026-r4',
        unitId: 'zjj',
        unitName: '明州市住房和城乡建设局',
        team: '第一巡察组',
        mentions: [{ text: '市住建局', where: 'title', offset: 6 }],
      },
    ],
    score: 61, // the sum of the parts below
    level: 'red',
    parts: [
      {
        kind: 'term',
        label: '标题命中「违规收费」',
        term: '违规收费',
        category: '侵害群众利益',
        where: 'title',
        weight: 8,
        count: 1,
        points: 16,
      },
      {
        kind: 'term',
        label: '正文命中「吃拿卡要」',
        term: '吃拿卡要',
        category: '侵害群众利益',
        where: 'body',
        weight: 10,
        count: 2,
        points: 20,
      },
      { kind: 'unit', label: '标题提及明州市住房和城乡建设局', unitId: 'zjj', points: 10 },
      { kind: 'unit', label: '标题提及青石镇人民政府', unitId: 'qsz', points: 10 },
      { kind: 'phase', label: '进驻期间', phase: 'entry', points: 5 },
    ],
    ...overrides,
  };
}

/** The planted forum post as the pipeline would hand it over. */
export function plantedArticle(assessments: Assessment[] = [assessment()]): ProcessedArticle {
  return {
    id: 'a1b2c3d4e5f6',
    url: 'http://127.0.0.1:8931/forum/thread-1001.html',
    sourceId: 'demo-forum',
    sourceName: '明州论坛',
    sourceType: 'html',
    title: PLANTED_TITLE,
    body: '本人实名举报……',
    publishedAt: '2026-11-22T01:30:00Z',
    fetchedAt: '2026-11-22T02:00:00+08:00',
    contentHash: 'f'.repeat(64),
    simhash: '0123456789abcdef',
    titleTokens: '',
    bodyTokens: '',
    assessments,
    score: assessments[0]?.score ?? 0,
    level: assessments[0]?.level ?? 'green',
  };
}

/** A red tip about zjj, as routing would make it. */
export function redTip(overrides: Partial<Tip> = {}): Tip {
  return {
    id: '0123456789abcdef01234567',
    roundId: '2026-r4',
    unitId: 'zjj',
    unitName: '明州市住房和城乡建设局',
    team: '第一巡察组',
    clusterId: 'a1b2c3d4e5f6',
    articleId: 'a1b2c3d4e5f6',
    title: PLANTED_TITLE,
    url: 'http://127.0.0.1:8931/forum/thread-1001.html',
    sourceName: '明州论坛',
    publishedAt: '2026-11-22T01:30:00Z',
    level: 'red',
    score: assessment().score,
    phase: 'entry',
    parts: assessment().parts,
    status: 'new',
    createdAt: '2026-11-22T02:00:00.000Z',
    ...overrides,
  };
}
