// Hand-built configuration and processed articles for the console tests (the 明州市 demo round).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppConfig, roundSchema, settingsSchema, sourceSchema } from '../../config/schema.js';
import type { Assessment, Level, PhaseName, ProcessedArticle, ScorePart, Tip } from '../../core/types.js';
import { DEMO_ROUND, DEMO_UNIT_NAMES } from '../helpers/demo-round.js';

/** The XSS payloads planted in a crawled title. */
export const SCRIPT_PAYLOAD = '<script>alert(1)</script>';
export const IMG_PAYLOAD = '<img src=x onerror=alert(1)>';

/** A config with the demo round and its five sources. */
export function testConfig(dir: string): AppConfig {
  const settings = settingsSchema.parse({ dataDir: dir });
  return {
    dir,
    settings: { ...settings, storePath: join(dir, 'yuqing.db') },
    sources: [
      { id: 'demo-news', name: '明州新闻网', type: 'html', url: 'http://127.0.0.1:8931/news/' },
      { id: 'demo-forum', name: '明州论坛', type: 'html', url: 'http://127.0.0.1:8931/forum/' },
      { id: 'demo-feed', name: '明州发布', type: 'rss', url: 'http://127.0.0.1:8931/feed.xml' },
      { id: 'demo-gbk', name: '青石镇信息网', type: 'html', url: 'http://127.0.0.1:8931/gbk/' },
      { id: 'demo-spa', name: '明州留言板', type: 'browser', url: 'http://127.0.0.1:8931/spa/' },
    ].map((s) => sourceSchema.parse(s)),
    channels: {},
    // Parsed into a copy, so no test can change the shared round.
    rounds: [roundSchema.parse(DEMO_ROUND)],
    lexicon: [],
  };
}

interface ArticleSpec {
  id: string;
  sourceId: string;
  sourceName: string;
  sourceType: ProcessedArticle['sourceType'];
  title: string;
  titleTokens: string;
  body: string;
  bodyTokens: string;
  publishedAt: string;
  unitId: string;
  phase: PhaseName;
  level: Level;
  parts: ScorePart[];
}

function article(spec: ArticleSpec): ProcessedArticle {
  const score = spec.parts.reduce((sum, p) => sum + p.points, 0);
  const assessment: Assessment = {
    roundId: '2026-r4',
    phase: spec.phase,
    units: [
      {
        roundId: '2026-r4',
        unitId: spec.unitId,
        unitName: DEMO_UNIT_NAMES[spec.unitId] ?? spec.unitId,
        mentions: [{ text: DEMO_UNIT_NAMES[spec.unitId] ?? spec.unitId, where: 'body', offset: 0 }],
      },
    ],
    score,
    level: spec.level,
    parts: spec.parts,
  };
  return {
    id: spec.id,
    url: `http://127.0.0.1:8931/${spec.id}.html`,
    sourceId: spec.sourceId,
    sourceName: spec.sourceName,
    sourceType: spec.sourceType,
    title: spec.title,
    body: spec.body,
    publishedAt: spec.publishedAt,
    fetchedAt: spec.publishedAt,
    contentHash: spec.id.padEnd(64, '0'),
    // Far-apart hashes: no fixture is a near-duplicate of another by accident.
    simhash: spec.id
      .charCodeAt(spec.id.length - 1)
      .toString(16)
      .padStart(2, '0')
      .repeat(8),
    titleTokens: spec.titleTokens,
    bodyTokens: spec.bodyTokens,
    assessments: [assessment],
    score,
    level: spec.level,
  };
}

const termPart = (term: string, category: string, points: number): ScorePart => ({
  kind: 'term',
  label: `正文命中「${term}」(${category}) ×1`,
  term,
  category,
  where: 'body',
  weight: points,
  count: 1,
  points,
});

/** The planted red post (forum), 2026-11-22 09:30 +08:00. */
export const PLANTED = article({
  id: 'a1',
  sourceId: 'demo-forum',
  sourceName: '明州论坛',
  sourceType: 'html',
  title: '实名举报明州市住建局工作人员违规收费、吃拿卡要',
  titleTokens: '实名 举报 明州 明州市 住建局 工作 人员 工作人员 违规 收费 违规收费 吃 拿 卡 要 吃拿卡要',
  body: '群众多次反映明州市住建局违规收费，吃拿卡要，无人处理。',
  bodyTokens: '群众 多次 反映 明州 明州市 住建局 违规 收费 违规收费 吃拿卡要 无人 处理',
  publishedAt: '2026-11-22T09:30:00+08:00',
  unitId: 'zjj',
  phase: 'entry',
  level: 'red',
  parts: [
    { kind: 'unit', label: '标题提及「市住建局」', unitId: 'zjj', where: 'title', points: 20 },
    termPart('违规收费', '侵害群众利益', 24),
    termPart('吃拿卡要', '侵害群众利益', 30),
  ],
});

/** A repost of the planted post (news), late on 2026-11-22 local time (15:30 UTC). */
export const REPOST = article({
  id: 'a2',
  sourceId: 'demo-news',
  sourceName: '明州新闻网',
  sourceType: 'html',
  title: '网友反映明州市住建局违规收费',
  titleTokens: '网友 反映 明州 明州市 住建局 违规 收费 违规收费',
  body: '网友在明州论坛发帖反映：群众多次反映明州市住建局违规收费，无人处理。',
  bodyTokens: '网友 明州 论坛 发帖 反映 群众 多次 明州市 住建局 违规 收费 违规收费 无人 处理',
  publishedAt: '2026-11-22T23:30:00+08:00',
  unitId: 'zjj',
  phase: 'entry',
  level: 'orange',
  parts: [termPart('违规收费', '侵害群众利益', 40)],
});

/** A neutral food-safety piece from the feed, 2026-11-20. */
export const NEUTRAL = article({
  id: 'a3',
  sourceId: 'demo-feed',
  sourceName: '明州发布',
  sourceType: 'rss',
  title: '市市场监管局开展食品安全宣传周活动',
  titleTokens: '市 市场 监管 监管局 市场监管局 开展 食品 安全 食品安全 宣传 宣传周 活动',
  body: '明州市市场监督管理局开展食品安全宣传活动。',
  bodyTokens: '明州 明州市 市场 监督 管理 管理局 开展 食品 安全 食品安全 宣传 活动',
  publishedAt: '2026-11-20T10:00:00+08:00',
  unitId: 'scjg',
  phase: 'entry',
  level: 'green',
  parts: [{ kind: 'unit', label: '正文提及「明州市市场监督管理局」', unitId: 'scjg', points: 5 }],
});

/** A GBK list item about 青石镇政府, just after midnight on 2026-11-23 local time (16:30 UTC on the 22nd). */
export const TOWNSHIP = article({
  id: 'a4',
  sourceId: 'demo-gbk',
  sourceName: '青石镇信息网',
  sourceType: 'html',
  title: '群众反映青石镇政府办事难',
  titleTokens: '群众 反映 青石 青石镇 政府 办事 办事难',
  body: '青石镇政府工作人员难找，群众反映办事难。',
  bodyTokens: '青石 青石镇 政府 工作 人员 工作人员 难找 群众 反映 办事 办事难',
  publishedAt: '2026-11-23T00:30:00+08:00',
  unitId: 'qsz',
  phase: 'entry',
  level: 'orange',
  parts: [termPart('办事难', '作风', 38)],
});

/** A crawled message whose title carries script and img payloads (rectification phase, browser source). */
export const HOSTILE = article({
  id: 'a5',
  sourceId: 'demo-spa',
  sourceName: `明州留言板${IMG_PAYLOAD}`,
  sourceType: 'browser',
  title: `${SCRIPT_PAYLOAD}市住建局${IMG_PAYLOAD}整改不到位`,
  titleTokens: 'script alert 1 script 市 住建局 img src x onerror alert 1 整改 不到位 整改不到位',
  body: `留言：${SCRIPT_PAYLOAD}市住建局整改不到位${IMG_PAYLOAD}`,
  bodyTokens: '留言 script alert 1 script 市 住建局 整改 不到位 整改不到位 img src x onerror alert 1',
  publishedAt: '2027-03-20T10:00:00+08:00',
  unitId: 'zjj',
  phase: 'rectification',
  level: 'yellow',
  parts: [termPart('整改不到位', '整改', 20)],
});

/** A tip for a fixture article and unit. */
export function tipFor(a: ProcessedArticle, unitId: string, status: Tip['status'] = 'new'): Tip {
  const assessment = a.assessments[0];
  return {
    id: `tip-${a.id}`,
    roundId: '2026-r4',
    unitId,
    unitName: DEMO_UNIT_NAMES[unitId] ?? unitId,
    team: unitId === 'qsz' ? '第二巡察组' : '第一巡察组',
    clusterId: a.id,
    articleId: a.id,
    title: a.title,
    url: a.url,
    sourceName: a.sourceName,
    publishedAt: a.publishedAt,
    level: a.level,
    score: a.score,
    phase: assessment?.phase,
    parts: assessment?.parts ?? [],
    status,
    createdAt: '2026-11-22T10:00:00+08:00',
  };
}

/** A fresh temporary directory and its remover. */
export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'yuqing-console-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
