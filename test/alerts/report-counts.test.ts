import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReport } from '../../alerts/digest/digest.js';
import { svgToPng, trendChartSvg } from '../../alerts/report/chart.js';
import { type RoundConfig, roundSchema } from '../../config/schema.js';
import { openTempStore, type TempStore } from '../helpers/temp-store.js';
import { makeArticle, makeAssessment } from '../store/fixtures.js';

const ZONE = 'Asia/Shanghai';
const EDU = { unitId: 'u1', unitName: '某某县教育局' };
const HOSPITAL = { unitId: 'u2', unitName: '某某县人民医院' };
const PERIOD = { from: '2025-05-13T00:00:00+08:00', to: '2025-05-13T23:59:59+08:00' };
const ROUND: RoundConfig = roundSchema.parse({
  id: 'r1',
  name: '某某县委2025年第二轮巡察',
  phases: { entry: { start: '2025-05-01', end: '2025-06-30' } },
  units: [
    { id: 'u1', name: '某某县教育局', team: '第一巡察组' },
    { id: 'u2', name: '某某县人民医院', team: '第二巡察组' },
  ],
});

describe('舆情简报 numbers', () => {
  let temp: TempStore | undefined;

  beforeAll(async () => {
    temp = await openTempStore('yq-report-counts-');
    const both = makeAssessment({ units: [EDU, HOSPITAL], score: 80, level: 'red' });
    // The repost is crawled first (06:14) and founds the story; the original was published at 04:14.
    const repost = makeArticle({
      key: 'repost',
      title: '转载：两单位食堂问题调查',
      sourceName: '转载网',
      publishedAt: '2025-05-13T06:14:00+08:00',
      assessments: [both],
    });
    const original = makeArticle({
      key: 'original',
      title: '两单位食堂问题调查',
      sourceName: '首发网',
      publishedAt: '2025-05-13T04:14:00+08:00',
      assessments: [both],
    });
    const later = makeArticle({
      key: 'later',
      sourceName: '另一网',
      publishedAt: '2025-05-13T08:00:00+08:00',
      assessments: [makeAssessment({ units: [EDU], score: 20, level: 'yellow' })],
    });
    await temp.store.ingest({ article: repost, tips: [] });
    await temp.store.ingest({ article: original, joinClusterId: repost.id, tips: [] });
    await temp.store.ingest({ article: later, tips: [] });
  });

  afterAll(async () => {
    await temp?.dispose();
  });

  it('names the earliest-published article as the first source, not the first crawled', async () => {
    if (!temp) throw new Error('no store');
    const { report } = await makeReport({ store: temp.store, timeZone: ZONE }, ROUND, PERIOD);
    const story = report.topStories[0];
    expect(story?.sourceName).toBe('首发网');
    expect(story?.title).toBe('两单位食堂问题调查');
    expect(story?.firstText).toBe('2025-05-13 04:14');
  });

  it('counts each article once in the totals, under each unit in the rows', async () => {
    if (!temp) throw new Error('no store');
    const { report } = await makeReport({ store: temp.store, timeZone: ZONE }, ROUND, PERIOD);
    expect(report.units.map((u) => [u.unitName, u.total])).toEqual([
      ['某某县教育局', 3],
      ['某某县人民医院', 2],
    ]);
    expect(report.totals).toEqual({ red: 2, orange: 0, yellow: 1, green: 0, total: 3 });
    // A team's digest fetched from the store for its own units counts its own articles once too.
    const scoped = await makeReport({ store: temp.store, timeZone: ZONE }, ROUND, PERIOD, {
      name: '第二巡察组',
      unitIds: ['u2'],
    });
    expect(scoped.report.totals.total).toBe(2);
  });

  it('draws the daily trend into the .docx as a PNG picture', async () => {
    if (!temp) throw new Error('no store');
    const period = { from: '2025-05-12T00:00:00+08:00', to: '2025-05-13T23:59:59+08:00' };
    const { report, docx } = await makeReport({ store: temp.store, timeZone: ZONE }, ROUND, period);
    expect(report.trend?.days).toEqual(['2025-05-12', '2025-05-13']);
    expect(report.trend?.points).toEqual(
      expect.arrayContaining([
        { day: '2025-05-13', level: 'red', count: 2 },
        { day: '2025-05-13', level: 'yellow', count: 1 },
      ]),
    );
    // Zip entry names are stored uncompressed: the picture is in the package.
    expect(docx.includes(Buffer.from('word/media/'))).toBe(true);
    const png = svgToPng(trendChartSvg(report.trend?.days ?? [], report.trend?.points ?? []));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });
});
