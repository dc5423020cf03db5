// Issue 20, tested like a user: a round in 整改 with a problem raised at 反馈 and imported from Excel; a forum
// later says the problem is "还是老样子" → one orange-or-higher tip linked to the problem, one alert, and the
// problem page lists the item; an unrelated complaint about the same unit is stored but not linked.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadConfig } from '../../config/loader.js';
import { createConsoleServer } from '../../console/server.js';
import { silentLogger } from '../../core/log.js';
import { levelRank } from '../../core/types.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { signIn } from '../console/session.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { type Receiver, startReceiver } from '../helpers/http-receiver.js';
import { type PostingSite, startPostingSite } from './ledger-site.js';

const ZONE = 'Asia/Shanghai';
const today = DateTime.now().setZone(ZONE).startOf('day');
const day = (offset: number) => today.plus({ days: offset }).toISODate() ?? '';

const HEADER = ['问题编号', '单位', '问题', '问题描述', '关键词', '反馈日期', '整改时限', '状态', '备注'];

async function writeSheet(file: string, rows: (string | Date)[][]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('问题清单');
  sheet.addRow(HEADER);
  for (const r of rows) sheet.addRow(r);
  await workbook.xlsx.writeFile(file);
}

function writeConfig(dir: string, siteUrl: string, wecomUrl: string): string {
  const configDir = join(dir, 'config');
  mkdirSync(join(configDir, 'rounds'), { recursive: true });
  const settings = parse(readFileSync(join(ROOT, 'config/settings.yaml'), 'utf8')) ?? {};
  delete settings.demoSite;
  settings.console = { ...settings.console, port: 0 };
  writeFileSync(join(configDir, 'settings.yaml'), stringify(settings));
  writeFileSync(
    join(configDir, 'sources.yaml'),
    stringify([
      {
        id: 'forum',
        name: '民生论坛',
        type: 'html',
        url: `${siteUrl}/list/`,
        list: { item: 'ul.threads li a' },
      },
    ]),
  );
  writeFileSync(
    join(configDir, 'channels.yaml'),
    stringify({ 'office-wecom': { type: 'wecom', url: wecomUrl } }),
  );
  writeFileSync(
    join(configDir, 'rounds/r-zg.yaml'),
    stringify({
      id: 'r-zg',
      name: '明州市委2026年第三轮巡察',
      phases: {
        entry: { start: day(-90), end: day(-60) },
        feedback: { start: day(-30), end: day(-20) },
        rectification: { start: day(-19), end: day(120) },
      },
      units: [
        {
          id: 'zjj',
          name: '明州市住房和城乡建设局',
          aliases: ['市住建局', '明州住建局'],
          team: '第一巡察组',
        },
        { id: 'qsz', name: '青石镇人民政府', aliases: ['青石镇政府'], team: '第二巡察组' },
      ],
      sources: ['forum'],
      alerts: [{ minLevel: 'orange', channels: ['office-wecom'] }],
    }),
  );
  return configDir;
}

interface CrawlJson {
  stored: number;
  tips: {
    id: string;
    unit: string;
    level: 'red' | 'orange' | 'yellow' | 'green';
    url: string;
    problems: string[];
  }[];
  alerts: { sent: number; failed: number };
}

describe('rectification ledger end to end', () => {
  let dir: string;
  let site: PostingSite;
  let wecom: Receiver;
  let configDir: string;
  let cli: (args: string[]) => ReturnType<typeof runCli>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yuqing-ledger-'));
    [site, wecom] = await Promise.all([startPostingSite(), startReceiver()]);
    configDir = writeConfig(dir, site.url, `${wecom.url}/cgi-bin/webhook/send?key=test`);
    const data = join(dir, 'data');
    cli = (args) => runCli([...args, '--config', configDir, '--data', data]);
  });

  afterAll(async () => {
    await Promise.allSettled([site?.close(), wecom?.close()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a bad sheet row by row and imports nothing from it', async () => {
    const bad = join(dir, 'bad.xlsx');
    await writeSheet(bad, [
      ['ZJJ-01', '市住建局', '老旧小区改造质量监管不力', '外墙渗水', '外墙渗水', day(-30), day(60), '整改中'],
      ['ZJJ-01', '市住建局', '重复编号', '', '', day(-30), day(60), '整改中'],
      ['ZJJ-02', '明州市教育局', '不在本轮', '', '', day(-30), day(60), '整改中'],
      ['ZJJ-03', '市住建局', '日期错', '', '', '下个月', day(60), '整改中'],
      ['ZJJ-04', 'zjj', '状态错', '', '', day(-30), day(60), '差不多了'],
    ]);
    const res = await cli(['ledger', 'import', bad, '--round', 'r-zg']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('E_LEDGER_IMPORT');
    expect(res.stderr).toMatch(/第3行 问题编号：「ZJJ-01」与第2行重复/);
    expect(res.stderr).toMatch(/第4行 单位：未知单位「明州市教育局」/);
    expect(res.stderr).toMatch(/第5行 反馈日期：「下个月」不是日期/);
    expect(res.stderr).toMatch(/第6行 状态：「差不多了」/);

    const missing = join(dir, 'missing.xlsx');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').addRow(['问题编号', '单位', '问题']);
    await workbook.xlsx.writeFile(missing);
    const noColumns = await cli(['ledger', 'import', missing, '--round', 'r-zg']);
    expect(noColumns.code).toBe(2);
    expect(noColumns.stderr).toMatch(/第1行：缺少列「问题描述」「关键词」「反馈日期」「整改时限」「状态」/);

    const listed = await cli(['ledger', 'list', '--round', 'r-zg', '--json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual({ problems: [] });
  }, 120_000);

  it('links the item that says the problem is still there, alerts once, and leaves the unrelated one', async () => {
    const sheet = join(dir, 'ledger.xlsx');
    await writeSheet(sheet, [
      [
        'ZJJ-03',
        '市住建局',
        '老旧小区改造工程质量监管不力',
        '部分老旧小区改造项目外墙渗水、雨污管网反复开挖返工，施工单位偷工减料，验收把关不严，群众反映强烈。',
        '老旧小区改造；外墙渗水；偷工减料',
        new Date(`${day(-25)}T00:00:00Z`),
        day(60),
        '整改中',
        '第一巡察组反馈',
      ],
      [
        'QSZ-01',
        '青石镇政府',
        '惠民资金发放不规范',
        '低保、临时救助资金发放审核不严，存在优亲厚友。',
        '低保；优亲厚友',
        day(-25),
        day(60),
        '整改中',
      ],
    ]);
    const imported = await cli(['ledger', 'import', sheet, '--round', 'r-zg']);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);

    const recurring = site.post('幸福里小区改造快一年了，问题还是老样子', day(0), [
      '我们幸福里小区去年列入老旧小区改造，巡察组来过以后说要整改，施工队来了又走。',
      '结果到现在外墙渗水还是老样子，一下雨楼道里全是水，雨污管网挖了填、填了又挖，施工单位偷工减料没人管。',
      '找市住建局反映，回复说已经验收合格，我们居民真的不认可，希望有关部门来看看。',
    ]);
    const unrelated = site.post('市住建局窗口办事排队两小时', day(0), [
      '前几天去市住建局政务服务窗口办理房屋网签备案，排了两个小时的队。',
      '工作人员态度冷淡，材料来回让补了三次，每次只说一样，跑了三趟才办完。',
      '希望能改进服务，把需要的材料一次性告知。',
    ]);

    const crawl = await cli(['crawl', '--once', '--json']);
    expect(crawl.code).toBe(0);
    const summary = JSON.parse(crawl.stdout) as CrawlJson;
    expect(summary.stored).toBe(2);
    const linked = summary.tips.filter((t) => t.problems.includes('ZJJ-03'));
    expect(linked).toHaveLength(1);
    expect(linked[0]).toMatchObject({ unit: 'zjj', url: recurring });
    expect(levelRank(linked[0]?.level ?? 'green')).toBeGreaterThanOrEqual(levelRank('orange'));
    for (const t of summary.tips.filter((t) => t.url !== recurring)) expect(t.problems).toEqual([]);
    // Every tip carries the field, even without problems.
    for (const t of summary.tips) expect(Array.isArray(t.problems)).toBe(true);

    // One alert, about the recurring item.
    expect(summary.alerts.sent).toBe(1);
    expect(wecom.requests).toHaveLength(1);
    expect(JSON.stringify(wecom.requests[0]?.body)).toContain('问题还是老样子');
    // The alert names the problem.
    expect(JSON.stringify(wecom.requests[0]?.body)).toContain('涉及已反馈问题');
    expect(JSON.stringify(wecom.requests[0]?.body)).toContain('ZJJ-03 老旧小区改造工程质量监管不力');

    const tips = JSON.parse((await cli(['tips', '--json'])).stdout) as {
      tips: { url: string; problems: string[] }[];
    };
    expect(tips.tips.find((t) => t.url === recurring)?.problems).toEqual(['ZJJ-03']);

    const list = JSON.parse((await cli(['ledger', 'list', '--round', 'r-zg', '--json'])).stdout) as {
      problems: { id: string; unit: string; title: string; status: string; linkedItems: { url: string }[] }[];
    };
    const zjj = list.problems.find((p) => p.id === 'ZJJ-03');
    expect(zjj).toMatchObject({ unit: 'zjj', title: '老旧小区改造工程质量监管不力', status: '整改中' });
    expect(zjj?.linkedItems.map((l) => l.url)).toEqual([recurring]);
    expect(list.problems.find((p) => p.id === 'QSZ-01')?.linkedItems).toEqual([]);
    expect(JSON.stringify(list)).not.toContain(unrelated);

    // The 舆情简报 gets the section 整改问题舆情.
    const html = join(dir, 'report.html');
    const report = await cli([
      'report',
      '--round',
      'r-zg',
      '--out',
      join(dir, 'report.docx'),
      '--html',
      html,
    ]);
    expect(report.code).toBe(0);
    const text = readFileSync(html, 'utf8');
    expect(text).toContain('五、整改问题舆情');
    expect(text).toContain('本期共有 1 个已反馈问题出现相关舆情，其中 1 个有整改不到位或问题反弹的信号。');
    expect(text).toContain('ZJJ-03');

    // The problem page, as an officer sees it in the console.
    const config = await loadConfig(configDir, { dataDir: join(dir, 'data') });
    const store = new SqliteStore({ path: config.settings.storePath, logger: silentLogger() });
    await store.init();
    const app = createConsoleServer({ store, config, queryTerms: (t) => [t], logger: silentLogger() });
    try {
      const officer = await signIn(app, store, config, { name: 'jiance', role: 'officer' });
      const page = await officer.getJson<{
        problem: { id: string; recurrences: number; editable: boolean };
        timeline: { url: string; reason: string; tip: { level: string } | null }[];
      }>('/api/rounds/r-zg/problems/ZJJ-03');
      expect(page.problem).toMatchObject({ id: 'ZJJ-03', recurrences: 1, editable: false });
      expect(page.timeline.map((t) => t.url)).toEqual([recurring]);
      expect(page.timeline[0]?.reason).toContain('涉及已反馈问题：ZJJ-03');
      expect(page.timeline[0]?.reason).toContain('还是老样子');
      expect(page.timeline[0]?.tip).not.toBeNull();
    } finally {
      await app.close();
      await store.close();
    }
  }, 240_000);
});
