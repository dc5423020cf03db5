import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, openApp } from '../../cli/app.js';
import { runReport } from '../../cli/commands/report.js';
import { runSuggestions, suggestionsCommand } from '../../cli/commands/suggestions.js';
import { runTip, tipCommand } from '../../cli/commands/tip.js';
import type { CommandIo } from '../../cli/commands/tip-format.js';
import { tipsCommand } from '../../cli/commands/tips.js';
import { silentLogger } from '../../core/log.js';
import type { Tip, TipHistoryEntry } from '../../core/types.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { writeExampleConfig } from '../helpers/example-config.js';
import { makeArticle, makeAssessment, makeTip } from '../store/fixtures.js';

function capture(): CommandIo & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    stdout: () => out,
    stderr: () => err,
  };
}

const ZJJ = { unitId: 'zjj', unitName: '明州市住房和城乡建设局' };

describe('yuqing tip / tips / suggestions / report', () => {
  let dir: string;
  let options: { config: string; data: string };
  let app: App;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yq-cli-tip-'));
    const config = writeExampleConfig(dir, {
      demoUrl: 'http://127.0.0.1:9',
      smtpUrl: 'smtp://127.0.0.1:9',
      wecomUrl: 'http://127.0.0.1:9/hook',
    });
    options = { config, data: join(dir, 'data') };
    const store = new SqliteStore({ path: join(dir, 'data', 'yuqing.db'), logger: silentLogger() });
    await store.init();
    for (const key of ['c1', 'c2']) {
      const a = makeArticle({
        key,
        publishedAt: '2026-11-05T09:00:00+08:00',
        assessments: [makeAssessment({ roundId: '2026-r4', units: [ZJJ], score: 80, level: 'red' })],
      });
      await store.ingest({
        article: a,
        tips: [
          makeTip(a, {
            id: `tip-${key}`,
            roundId: '2026-r4',
            ...ZJJ,
            createdAt: '2026-11-05T10:00:00+08:00',
          }),
        ],
      });
    }
    await store.close();
    app = await openApp({ configDir: config, dataDir: options.data, logger: silentLogger() });
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists tips by English or Chinese status, as text or JSON', async () => {
    const io = capture();
    await tipsCommand({ ...options, status: '待研判' }, io);
    const lines = io.stdout().trim().split('\n');
    expect(lines[0]).toBe('共 2 条线索');
    expect(lines[1]).toMatch(/^\[红\] 明州市住房和城乡建设局 80分 .* 待研判 tip-c[12]$/);
    const json = capture();
    await tipsCommand({ ...options, status: 'assigned', json: true }, json);
    expect(JSON.parse(json.stdout())).toEqual({ total: 0, tips: [] });
    await expect(tipsCommand({ ...options, status: '办完了' }, capture())).rejects.toMatchObject({
      code: 'E_INPUT',
    });
  });

  it('assigns, starts and closes a tip, refusing an illegal step with exit 1', async () => {
    const assign = capture();
    const code = await tipCommand(
      'tip-c1',
      'assign',
      { ...options, team: '第一巡察组', to: '李四', due: '2099-12-01', by: '张三', note: '请核实' },
      assign,
    );
    expect(code).toBe(0);
    expect(assign.stdout()).toContain('状态：已分办');
    expect(assign.stdout()).toContain('办理期限：2099-12-01 23:59');
    expect(assign.stdout()).toMatch(/1\. .* 张三 分办（待研判 → 已分办） .*备注：请核实/);

    const illegal = capture();
    expect(await runTip(app, 'tip-c1', 'close', { ...options, result: '完成' }, illegal)).toBe(1);
    expect(illegal.stderr()).toContain('E_TIP_TRANSITION');
    expect(illegal.stderr()).toContain('illegal transition assigned -> closed');
    expect(illegal.stdout()).toBe('');

    expect(await runTip(app, 'tip-c1', 'start', { ...options, by: '李四' }, capture())).toBe(0);
    const closed = capture();
    expect(await runTip(app, 'tip-c1', 'close', { ...options, result: '已约谈', json: true }, closed)).toBe(
      0,
    );
    const shown = JSON.parse(closed.stdout()) as { tip: Tip; history: TipHistoryEntry[] };
    expect(shown.tip).toMatchObject({
      status: 'closed',
      result: '已约谈',
      assignee: '李四',
      team: '第一巡察组',
    });
    expect(shown.history.map((h) => h.action)).toEqual(['assign', 'start', 'close']);
    expect(shown.history[2]?.actor).toBe(process.env.USER?.trim() || 'cli');

    const missing = capture();
    expect(await runTip(app, 'tip-none', undefined, options, missing)).toBe(1);
    expect(missing.stderr()).toContain('E_TIP_NOT_FOUND');
  });

  it('reports usage mistakes as input errors (exit 2) and changes nothing', async () => {
    await expect(tipCommand('tip-c2', 'assign', { ...options, team: 'T' })).rejects.toThrow(/--due/);
    await expect(tipCommand('tip-c2', 'close', { ...options, due: '2099-12-01' })).rejects.toThrow(/--due/);
    await expect(tipCommand('tip-c2', 'finish', options)).rejects.toThrow(/未知操作/);
    await expect(runTip(app, 'tip-c2', 'dismiss', { ...options, reason: '不想办' })).rejects.toMatchObject({
      code: 'E_INPUT',
    });
    await expect(suggestionsCommand('accept', undefined, options)).rejects.toThrow(/编号/);
    await expect(
      runTip(app, 'tip-c2', 'assign', { ...options, team: '第一巡察组', due: '2020-01-01' }),
    ).rejects.toThrow(/办理期限「2020-01-01T23:59:59\+08:00」已经过去/);
    await expect(
      runTip(app, 'tip-c2', 'assign', { ...options, team: '第九巡察组', due: '2099-01-01' }),
    ).rejects.toThrow(/巡察组「第九巡察组」不存在/);
    expect((await app.store.getTip('tip-c2'))?.status).toBe('new');
    expect(await app.store.tipHistory('tip-c2')).toEqual([]);
  });

  it('turns a 误报 dismissal with a phrase into a suggestion an admin accepts once', async () => {
    const dismissed = capture();
    const code = await runTip(
      app,
      'tip-c2',
      'dismiss',
      { ...options, reason: '误报', phrase: '违规收费', note: '这个词在这里不是风险' },
      dismissed,
    );
    expect(code).toBe(0);
    expect(dismissed.stdout()).toContain('排除原因：误报');
    const list = capture();
    await runSuggestions(app, undefined, undefined, { ...options, json: true }, list);
    const [suggestion] = JSON.parse(list.stdout()) as { id: string; phrase: string; status: string }[];
    expect(suggestion).toMatchObject({ phrase: '违规收费', status: 'pending' });
    const accepted = capture();
    expect(await runSuggestions(app, 'accept', suggestion?.id, { ...options, by: 'admin' }, accepted)).toBe(
      0,
    );
    expect(accepted.stdout()).toContain('已采纳');
    const again = capture();
    expect(await runSuggestions(app, 'reject', suggestion?.id, options, again)).toBe(1);
    expect(again.stderr()).toContain('E_STORE_CONFLICT');
    const pending = capture();
    await runSuggestions(app, undefined, undefined, options, pending);
    expect(pending.stdout().trim()).toBe('共 0 条排除建议');
  });

  it('report --json prints the report and writes no file unless --out is given', async () => {
    const cwd = process.cwd();
    const work = join(dir, 'json-cwd');
    mkdirSync(work, { recursive: true });
    process.chdir(work);
    try {
      const io = capture();
      const code = await runReport(
        app,
        { ...options, round: '2026-r4', from: '2026-11-01', to: '2026-11-07', json: true },
        io,
      );
      expect(code).toBe(0);
      const json = JSON.parse(io.stdout()) as { file: string | null; report: { totals: { total: number } } };
      expect(json.file).toBeNull();
      expect(json.report.totals.total).toBe(2);
      expect(readdirSync(work)).toEqual([]);
      const out = join(dir, 'json-out', 'brief.docx');
      const withOut = capture();
      await runReport(app, { ...options, round: '2026-r4', to: '2026-11-07', json: true, out }, withOut);
      expect((JSON.parse(withOut.stdout()) as { file: string }).file).toBe(out);
      expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    } finally {
      process.chdir(cwd);
    }
  });

  it('writes the report .docx for a round and period', async () => {
    const out = join(dir, 'out', 'brief.docx');
    const io = capture();
    const code = await runReport(
      app,
      { ...options, round: '2026-r4', from: '2026-11-01', to: '2026-11-07', out },
      io,
    );
    expect(code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    expect(io.stdout()).toContain(`已生成舆情简报：${out}`);
    expect(io.stdout()).toContain('2026-11-01 00:00 至 2026-11-07 23:59');
    expect(io.stdout()).toContain('信息 2 篇（红2 橙0 黄0 绿0），新增线索 2 条');
    await expect(runReport(app, { ...options, round: 'nope' }, capture())).rejects.toThrow(/未知轮次/);
    await expect(
      runReport(app, { ...options, round: '2026-r4', from: '2026-02-30' }, capture()),
    ).rejects.toThrow(/--from 应为日期/);
    await expect(
      runReport(app, { ...options, round: '2026-r4', from: '2026-11-08', to: '2026-11-07' }, capture()),
    ).rejects.toThrow(/--from/);
  });
});
