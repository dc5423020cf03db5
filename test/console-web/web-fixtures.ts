// Extra data for the console browser tests: a second round (for team scoping) and hostile crawled content.
import type { ProcessedArticle, Tip } from '../../core/types.js';
import { NEUTRAL, PLANTED, tipFor } from '../console/fixtures.js';

/** A second round, written as rounds/2026-r5.yaml: a team of round 2026-r4 must never see it. */
export const OTHER_ROUND_YAML = `id: 2026-r5
name: 明州市委2026年第五轮巡察
active: true
phases:
  entry: { start: 2026-11-01, end: 2027-01-15 }
units:
  - id: jyj
    name: 明州市教育局
    aliases: [市教育局]
    team: 第三巡察组
sources: [demo-news]
`;

/** Article of the other round (教育局), red, with a tip of round 2026-r5. */
export const OTHER_ROUND_ARTICLE: ProcessedArticle = {
  ...NEUTRAL,
  id: 'b1',
  url: 'http://127.0.0.1:8931/b1.html',
  sourceId: 'demo-news',
  sourceName: '明州新闻网',
  sourceType: 'html',
  title: '家长反映明州市教育局乱收费',
  titleTokens: '家长 反映 明州 明州市 教育 教育局 乱收费 收费',
  body: '多名家长反映明州市教育局乱收费，要求退还。',
  bodyTokens: '多名 家长 反映 明州 明州市 教育 教育局 乱收费 收费 要求 退还',
  publishedAt: '2026-11-21T08:00:00+08:00',
  fetchedAt: '2026-11-21T08:00:00+08:00',
  contentHash: 'b1'.padEnd(64, '0'),
  simhash: '7171717171717171',
  level: 'red',
  score: 70,
  assessments: [
    {
      roundId: '2026-r5',
      phase: 'entry',
      units: [
        {
          roundId: '2026-r5',
          unitId: 'jyj',
          unitName: '明州市教育局',
          mentions: [{ text: '明州市教育局', where: 'title', offset: 4 }],
        },
      ],
      score: 70,
      level: 'red',
      parts: [{ kind: 'term', label: '标题命中「乱收费」(侵害群众利益) ×1', term: '乱收费', points: 70 }],
    },
  ],
};

/** The tip of the other round's article. */
export const OTHER_ROUND_TIP: Tip = {
  ...tipFor(OTHER_ROUND_ARTICLE, 'jyj'),
  id: 'tip-b1',
  roundId: '2026-r5',
  unitName: '明州市教育局',
  team: '第三巡察组',
};

/** Markers the planted payloads report through; none may ever fire. */
const PWN = (n: number) => `window.__pwned=${n};window.reportPwned&&window.reportPwned(${n})`;

/** Crawled title full of markup that would run if any screen rendered it as HTML. */
export const XSS_TITLE = `<script>${PWN(1)}</script>市住建局<img src=x onerror="${PWN(2)}">违规收费<iframe src="javascript:${PWN(3)}"></iframe>`;

/** Crawled body with the same payloads plus a javascript: link and an svg handler. */
export const XSS_BODY = [
  `举报市住建局违规收费<script>${PWN(4)}</script>`,
  `<a href="javascript:${PWN(5)}">点此查看证据</a>`,
  `<img src=x onerror="${PWN(6)}"><svg onload="${PWN(7)}"></svg>`,
  `<iframe srcdoc="<script>${PWN(8)}</script>"></iframe>`,
].join('\n');

/** The raw page kept as evidence: scripts that would run in the evidence frame if it were not sandboxed. */
export const XSS_EVIDENCE_HTML = `<!doctype html><html><head><meta charset="utf-8"><title>证据</title>
<script>${PWN(9)};try{parent.__pwned=9;parent.reportPwned(9)}catch(e){}</script></head>
<body onload="${PWN(10)}"><h1>市住建局违规收费</h1><img src=x onerror="${PWN(11)}">
<a href="javascript:${PWN(12)}" id="jslink">链接</a></body></html>`;

/** The hostile article: a tip of 2026-r4 (so it is on the board and the dashboard) with hostile evidence. */
export const XSS_ARTICLE: ProcessedArticle = {
  ...PLANTED,
  id: 'x1',
  // A crawled link can be anything: the console must never make this a clickable href.
  url: `javascript:${PWN(14)}`,
  sourceName: `明州论坛<img src=x onerror="${PWN(13)}">`,
  title: XSS_TITLE,
  titleTokens: 'script window pwned 市 住建局 img onerror 违规 收费 违规收费 iframe javascript',
  body: XSS_BODY,
  bodyTokens:
    '举报 市 住建局 违规 收费 违规收费 script javascript 点此 查看 证据 img onerror svg onload iframe',
  publishedAt: '2026-11-22T12:00:00+08:00',
  fetchedAt: '2026-11-22T12:00:00+08:00',
  contentHash: 'x1'.padEnd(64, '0'),
  simhash: '3c3c3c3c3c3c3c3c',
  level: 'orange',
  score: 44,
  assessments: PLANTED.assessments.map((a) => ({ ...a, level: 'orange', score: 44 })),
};

/** The hostile article's tip. */
export const XSS_TIP: Tip = { ...tipFor(XSS_ARTICLE, 'zjj'), id: 'tip-x1' };

/** The planted post's page as fetched, kept as its evidence. */
export const PLANTED_EVIDENCE_HTML = `<!doctype html><html><head><meta charset="utf-8"><title>明州论坛</title></head>
<body><h1>${PLANTED.title}</h1><p>${PLANTED.body}</p></body></html>`;
