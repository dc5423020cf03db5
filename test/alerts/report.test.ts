import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmailChannel } from '../../alerts/channels/email.js';
import { digestNotice, digestPeriod, makeReport, sendDigest } from '../../alerts/digest/digest.js';
import { renderReportHtml, reportLines } from '../../alerts/report/html.js';
import { sendDueAlerts } from '../../alerts/sender.js';
import { transitionTip } from '../../alerts/workflow/service.js';
import { type RoundConfig, roundSchema } from '../../config/schema.js';
import { silentLogger } from '../../core/log.js';
import type { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { mailText, startSmtpCatcher } from '../helpers/smtp-catcher.js';
import { LIBREOFFICE, needs, SOFFICE_PATH } from '../helpers/system-packages.js';
import { openTempStore, type TempStore } from '../helpers/temp-store.js';
import { makeArticle, makeAssessment, makeTip } from '../store/fixtures.js';

const office = needs(LIBREOFFICE);

const run = promisify(execFile);
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
    { id: 'u3', name: '某某县财政局', team: '第二巡察组' },
  ],
});

/** Fixture: u1 has 3 red (one story, 2 sites) + 1 yellow, u2 has 1 yellow + 1 orange; one item is out of period. */
async function seed(store: SqliteStore): Promise<void> {
  const red = makeAssessment({ units: [EDU], score: 80, level: 'red' });
  const a1 = makeArticle({
    key: 'a1',
    title: '某某县教育局违规收费引发热议',
    sourceName: '甲网',
    assessments: [red],
  });
  const a1b = makeArticle({ key: 'a1b', sourceName: '乙网', assessments: [red] });
  const a1c = makeArticle({ key: 'a1c', sourceName: '乙网', assessments: [red] });
  const a2 = makeArticle({
    key: 'a2',
    title: '两单位食堂问题',
    assessments: [makeAssessment({ units: [EDU, HOSPITAL], score: 20, level: 'yellow' })],
  });
  const a3 = makeArticle({
    key: 'a3',
    title: '某某县人民医院收红包',
    assessments: [makeAssessment({ units: [HOSPITAL], score: 40, level: 'orange' })],
  });
  const old = makeArticle({
    key: 'old',
    publishedAt: '2025-05-10T09:00:00+08:00',
    assessments: [makeAssessment({ units: [EDU], score: 80, level: 'red' })],
  });
  await store.ingest({
    article: a1,
    tips: [makeTip(a1, { id: 'tip-1', createdAt: '2025-05-13T10:00:00+08:00' })],
  });
  await store.ingest({ article: a1b, joinClusterId: a1.id, tips: [] });
  await store.ingest({ article: a1c, joinClusterId: a1.id, tips: [] });
  await store.ingest({ article: a2, tips: [] });
  await store.ingest({
    article: a3,
    tips: [makeTip(a3, { id: 'tip-2', ...HOSPITAL, createdAt: '2025-05-13T11:00:00+08:00' })],
  });
  await store.ingest({
    article: old,
    tips: [makeTip(old, { id: 'tip-0', createdAt: '2025-05-10T10:00:00+08:00' })],
  });
  await transitionTip(
    store,
    'tip-1',
    { action: 'assign', team: '第一巡察组', dueAt: '2025-05-20T23:59:59+08:00' },
    { actor: '张三', at: '2025-05-13T12:00:00+08:00' },
  );
}

/** The bytes of the .docx attachment of a raw MIME mail. */
function attachedDocx(raw: string): Buffer {
  const parts = raw.split(/\r?\n--[^\r\n]*\r?\n/);
  const part =
    parts.find((p) => /Content-Disposition: attachment/i.test(p) && /openxmlformats/.test(p)) ?? '';
  const body =
    part
      .split(/\r?\n\r?\n/)
      .slice(1)
      .join('')
      .split(/\r?\n--/)[0] ?? '';
  return Buffer.from(body.replace(/\s+/g, ''), 'base64');
}

async function soffice(profile: string, outDir: string, file: string, format: string): Promise<void> {
  await run(
    SOFFICE_PATH,
    [
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      '--convert-to',
      format,
      '--outdir',
      outDir,
      file,
    ],
    { timeout: 150_000 },
  );
}

describe('舆情简报', () => {
  let temp: TempStore | undefined;
  let dir: string;
  let store: SqliteStore;

  beforeAll(async () => {
    temp = await openTempStore('yq-report-');
    ({ dir, store } = temp);
    await seed(store);
  });

  afterAll(async () => {
    await temp?.dispose();
  });

  it('counts articles by unit and level, lists new tips with status and ranks stories by spread', async () => {
    const { report } = await makeReport({ store, timeZone: ZONE }, ROUND, PERIOD);
    expect(report.periodText).toBe('2025-05-13 00:00 至 2025-05-13 23:59');
    expect(report.phaseText).toBe('进驻阶段（2025-05-01 至 2025-06-30）');
    expect(
      report.units.map((u) => [u.unitName, u.counts.red, u.counts.orange, u.counts.yellow, u.total]),
    ).toEqual([
      ['某某县教育局', 3, 0, 1, 4],
      ['某某县人民医院', 0, 1, 1, 2],
      ['某某县财政局', 0, 0, 0, 0],
    ]);
    // 两单位食堂问题 names both units: one row each, but one article in the totals.
    expect(report.totals).toEqual({ red: 3, orange: 1, yellow: 1, green: 0, total: 5 });
    expect(report.newTips.map((t) => [t.id, t.statusLabel])).toEqual([
      ['tip-1', '已分办'],
      ['tip-2', '待研判'],
    ]);
    expect(report.topStories.map((s) => [s.title, s.size, s.sites])).toEqual([
      ['某某县教育局违规收费引发热议', 3, 2],
      // Equal spread: the more severe story first.
      ['某某县人民医院收红包', 1, 1],
      ['两单位食堂问题', 1, 1],
    ]);
    expect(report.tipStatus).toEqual([
      ['待研判', 2],
      ['已分办', 1],
      ['处置中', 0],
      ['已办结', 0],
      ['已排除', 0],
    ]);
    const html = renderReportHtml(report);
    expect(html).toContain('<td style="padding:4px 8px;border:1px solid #dadce0">某某县教育局</td>');
    expect(html).toMatch(
      /某某县教育局<\/td><td[^>]*>第一巡察组<\/td><td[^>]*>3<\/td><td[^>]*>0<\/td><td[^>]*>1<\/td>/,
    );
    expect(reportLines(report)).toContain('某某县教育局：红3 橙0 黄1 绿0');
  });

  it.skipIf(office.skip)(
    office.title('writes a .docx that LibreOffice converts to PDF and text with the same numbers'),
    async () => {
      const { docx } = await makeReport({ store, timeZone: ZONE }, ROUND, PERIOD);
      const file = join(dir, 'brief.docx');
      writeFileSync(file, docx);
      const profile = join(dir, 'lo-profile');
      await soffice(profile, dir, file, 'pdf');
      const pdf = join(dir, 'brief.pdf');
      expect(existsSync(pdf)).toBe(true);
      expect(statSync(pdf).size).toBeGreaterThan(1000);
      expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
      await soffice(profile, dir, file, 'txt:Text');
      const text = readFileSync(join(dir, 'brief.txt'), 'utf8');
      for (const expected of [
        '舆情简报',
        '巡察轮次：某某县委2025年第二轮巡察',
        '统计时段：2025-05-13 00:00 至 2025-05-13 23:59',
        '所处阶段：进驻阶段',
        '新增线索（2条）',
        '某某县教育局违规收费引发热议',
        '已分办',
        '待研判 2 条；已分办 1 条',
      ])
        expect(text).toContain(expected);
      // The level table: unit, team, 红 橙 黄 绿, total, each cell on its own line.
      const cells = text.split(/\r?\n/).map((l) => l.trim());
      const at = cells.indexOf('某某县教育局');
      expect(cells.slice(at, at + 7)).toEqual(['某某县教育局', '第一巡察组', '3', '0', '1', '0', '4']);
      const total = cells.indexOf('信息合计（每篇计一次）', at);
      expect(cells.slice(total + 1, total + 7).filter((c) => c !== '')).toEqual(['3', '1', '1', '0', '5']);
    },
    180_000,
  );

  it('mails the digest as HTML with the .docx attached, once per period', async () => {
    const catcher = await startSmtpCatcher();
    const mail = createEmailChannel('office-mail', {
      type: 'email',
      to: ['xunchaban@example.org'],
      from: 'yuqing@example.org',
      smtp: catcher.url,
    });
    try {
      const deps = { store, timeZone: ZONE, logger: silentLogger() };
      const route = { channels: ['office-mail'], index: 2 };
      expect(await sendDigest(deps, ROUND, route, PERIOD)).toHaveLength(1);
      expect(await sendDigest(deps, ROUND, route, PERIOD)).toEqual([]);
      const result = await sendDueAlerts({
        store,
        channels: new Map([['office-mail', mail]]),
        roundNames: new Map([[ROUND.id, ROUND.name]]),
        logger: silentLogger(),
      });
      expect(result.sent).toBe(1);
      expect(catcher.mails).toHaveLength(1);
      const raw = catcher.mails[0]?.raw ?? '';
      const attached = attachedDocx(raw);
      expect(attached.subarray(0, 2).toString()).toBe('PK');
      expect(attached.includes('word/document.xml')).toBe(true);
      const text = mailText(raw);
      expect(text).toContain('舆情简报｜某某县委2025年第二轮巡察');
      expect(text).toMatch(
        /某某县教育局<\/td><td[^>]*>第一巡察组<\/td><td[^>]*>3<\/td><td[^>]*>0<\/td><td[^>]*>1<\/td>/,
      );
      expect(text).toContain('新增线索（2条）');
      const { report, docx } = await makeReport({ store, timeZone: ZONE }, ROUND, PERIOD);
      const notice = digestNotice(report, docx);
      expect(notice.title).toBe('舆情简报｜某某县委2025年第二轮巡察｜2025-05-13 00:00 至 2025-05-13 23:59');
      expect(notice.html).toContain('新增线索（2条）');
    } finally {
      await mail.close?.();
      await catcher.close();
    }
  });

  it('covers one cron interval before the tick', () => {
    const tick = new Date('2025-05-14T00:00:00Z');
    const daily = [new Date('2025-05-15T00:00:00Z'), new Date('2025-05-16T00:00:00Z')];
    expect(digestPeriod(tick, daily)).toEqual({
      from: '2025-05-13T00:00:00.000Z',
      to: '2025-05-13T23:59:59.999Z',
    });
    const weekly = [new Date('2025-05-21T00:00:00Z'), new Date('2025-05-28T00:00:00Z')];
    expect(digestPeriod(tick, weekly).from).toBe('2025-05-07T00:00:00.000Z');
  });
});
