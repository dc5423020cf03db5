// `yuqing ledger import|list|export|delete`: the rectification ledger (问题清单/整改台账, issue 20).
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { RoundConfig } from '../../config/schema.js';
import { InputError } from '../../core/errors.js';
import { PROBLEM_STATUS_LABELS } from '../../core/ledger.js';
import { deleteProblem, importSheet, problemViews } from '../../ledger/service.js';
import { problemsWorkbook } from '../../ledger/sheet-export.js';
import type { App } from '../app.js';
import { commandLogger, type GlobalOptions, withApp } from '../command-context.js';
import { type CommandIo, processIo } from './tip-format.js';

/** Options of the ledger commands. */
export interface LedgerOptions extends GlobalOptions {
  round?: string;
  unit?: string;
  out?: string;
  by?: string;
  json?: boolean;
}

function roundOf(app: App, id: string | undefined): RoundConfig {
  if (!id) throw new InputError('--round: 请指定轮次编号');
  const round = app.config.rounds.find((r) => r.id === id);
  if (!round) {
    throw new InputError(
      `--round: 未知轮次「${id}」（已配置：${app.config.rounds.map((r) => r.id).join('、')}）`,
    );
  }
  return round;
}

const actor = (options: LedgerOptions) => options.by ?? process.env.USER ?? 'cli';

/** `yuqing ledger import FILE.xlsx --round R`: all rows or none; prints what was imported. */
export async function ledgerImportCommand(
  file: string,
  options: LedgerOptions,
  io: CommandIo = processIo,
): Promise<void> {
  const result = await withApp(options, commandLogger(false), (app) =>
    importSheet(app.store, roundOf(app, options.round), resolve(file), actor(options)),
  );
  if (options.json) {
    io.out(
      `${JSON.stringify({ created: result.created, updated: result.updated, problems: result.problems.map((p) => p.id) }, null, 2)}\n`,
    );
    return;
  }
  io.out(`已导入 ${result.problems.length} 个问题（新增 ${result.created}，更新 ${result.updated}）\n`);
}

/** `yuqing ledger list --round R [--json]`: `{ problems: [{ id, unit, title, status, linkedItems }] }`. */
export async function ledgerListCommand(options: LedgerOptions, io: CommandIo = processIo): Promise<void> {
  const views = await withApp(options, commandLogger(false), (app) =>
    problemViews(app.store, roundOf(app, options.round), options.unit),
  );
  if (options.json) {
    const problems = views.map((p) => ({
      id: p.id,
      unit: p.unitId,
      unitName: p.unitName,
      title: p.title,
      status: p.statusLabel,
      statusId: p.status,
      raisedOn: p.raisedOn ?? null,
      deadline: p.deadline ?? null,
      terms: p.terms,
      recurrences: p.recurrences,
      linkedItems: p.links.map((l) => ({
        articleId: l.articleId,
        title: l.title,
        url: l.url,
        publishedAt: l.publishedAt ?? null,
        linkedAt: l.linkedAt,
        recurrence: l.recurrence,
        reason: l.reason,
      })),
    }));
    io.out(`${JSON.stringify({ problems }, null, 2)}\n`);
    return;
  }
  const lines = [`共 ${views.length} 个问题`];
  for (const p of views) {
    lines.push(
      `${p.id} [${PROBLEM_STATUS_LABELS[p.status]}] ${p.unitName} ${p.title}` +
        `（关联舆情 ${p.links.length} 条${p.recurrences > 0 ? `，其中反弹信号 ${p.recurrences} 条` : ''}）`,
    );
  }
  io.out(`${lines.join('\n')}\n`);
}

/** `yuqing ledger export --round R --out FILE.xlsx`. */
export async function ledgerExportCommand(options: LedgerOptions, io: CommandIo = processIo): Promise<void> {
  if (!options.out) throw new InputError('--out: 请指定输出的 .xlsx 文件');
  const out = resolve(options.out);
  const count = await withApp(options, commandLogger(false), async (app) => {
    const round = roundOf(app, options.round);
    const views = await problemViews(app.store, round, options.unit);
    const bytes = await problemsWorkbook(round, views, new Map(views.map((v) => [v.id, v.links.length])));
    await writeFile(out, bytes);
    return views.length;
  });
  io.out(`已导出 ${count} 个问题到 ${out}\n`);
}

/** `yuqing ledger delete ID --round R`: the problem's last state and links go to the audit log. */
export async function ledgerDeleteCommand(
  id: string,
  options: LedgerOptions,
  io: CommandIo = processIo,
): Promise<void> {
  const deleted = await withApp(options, commandLogger(false), (app) =>
    deleteProblem(app.store, roundOf(app, options.round).id, id, actor(options)),
  );
  if (!deleted) throw new InputError(`问题「${id}」不存在`);
  io.out(`已删除问题 ${id}（原记录保留在审计日志中）\n`);
}
