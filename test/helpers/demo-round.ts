// The demo round of DEMO_SPEC.md, shared by the stage tests so that every folder tests against the same units.
import type { RoundConfig } from '../../config/schema.js';

/** The demo round 2026-r4 (config/rounds/2026-r4.yaml in the example config), inline. */
export const DEMO_ROUND: RoundConfig = {
  id: '2026-r4',
  name: '明州市委2026年第四轮巡察',
  active: true,
  phases: {
    entry: { start: '2026-11-01', end: '2027-01-15' },
    feedback: { start: '2027-03-01', end: '2027-03-15' },
    rectification: { start: '2027-03-16', end: '2027-06-30' },
  },
  units: [
    {
      id: 'zjj',
      name: '明州市住房和城乡建设局',
      aliases: ['市住建局', '明州住建局'],
      exclude: ['明湖区住建局'],
      people: ['王建华'],
      team: '第一巡察组',
    },
    {
      id: 'scjg',
      name: '明州市市场监督管理局',
      aliases: ['市市场监管局', '明州市场监管局'],
      exclude: [],
      people: [],
      team: '第一巡察组',
    },
    {
      id: 'qsz',
      name: '青石镇人民政府',
      aliases: ['青石镇政府'],
      exclude: [],
      people: [],
      team: '第二巡察组',
    },
  ],
  keywords: [
    { term: '违规收费', category: '侵害群众利益', weight: 8 },
    { term: '吃拿卡要', category: '侵害群众利益', weight: 10 },
    { term: '整改不到位', category: '整改', weight: 10, phases: ['rectification'] },
  ],
  sources: ['demo-news', 'demo-forum', 'demo-feed', 'demo-gbk', 'demo-spa'],
  alerts: [
    { minLevel: 'red', channels: ['office-mail', 'office-wecom'] },
    { minLevel: 'orange', channels: ['office-mail'] },
  ],
  levels: { red: 60, orange: 35, yellow: 15 },
};

/** Full names of the demo round's units by unit id. */
export const DEMO_UNIT_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  DEMO_ROUND.units.map((u) => [u.id, u.name]),
);

/** Title of the demo site's planted forum post (明州论坛 thread 1001). */
export { PLANTED_TITLE } from '../../demo/content/planted.js';
