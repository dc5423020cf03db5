import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { makeReport, reportFileName } from '../../alerts/digest/digest.js';
import { renderReportHtml } from '../../alerts/report/html.js';
import { InputError } from '../../core/errors.js';
import { LEVEL_LABELS, LEVELS } from '../../core/types.js';
import type { App } from '../app.js';
import { commandLogger, type GlobalOptions, withApp } from '../command-context.js';
import { type CommandIo, processIo } from './tip-format.js';

/** Options of `yuqing report`. */
export interface ReportOptions extends GlobalOptions {
  round?: string;
  /** YYYY-MM-DD (start of that day) or ISO time; default 6 days before --to. */
  from?: string;
  /** YYYY-MM-DD (end of that day) or ISO time; default today. */
  to?: string;
  /** The .docx to write; default `舆情简报-<round>-<date>.docx` in the current directory (none with --json). */
  out?: string;
  /** Also write the digest HTML here. */
  html?: string;
  json?: boolean;
}

/** A report bound: a bare date is the start (`from`) or end (`to`) of that day in `zone`. */
export function parseBound(text: string, zone: string, bound: 'start' | 'end', option: string): DateTime {
  const value = text.trim();
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const dt = DateTime.fromISO(value, { zone, setZone: true });
  if ((!dateOnly && !/^\d{4}-\d{2}-\d{2}T/.test(value)) || !dt.isValid) {
    throw new InputError(`${option} 应为日期 YYYY-MM-DD 或 ISO 时间，收到「${text}」`);
  }
  if (!dateOnly) return dt;
  return bound === 'start' ? dt.startOf('day') : dt.endOf('day');
}

/** The period of the options as ISO times (inclusive). */
export function reportPeriod(
  options: ReportOptions,
  zone: string,
  now = new Date(),
): { from: string; to: string } {
  const to =
    options.to === undefined
      ? DateTime.fromJSDate(now).setZone(zone).endOf('day')
      : parseBound(options.to, zone, 'end', '--to');
  const from =
    options.from === undefined
      ? to.minus({ days: 6 }).startOf('day')
      : parseBound(options.from, zone, 'start', '--from');
  if (from > to) throw new InputError('--from 不能晚于 --to');
  return { from: from.toISO() ?? '', to: to.toISO() ?? '' };
}

function pickRound(app: App, id: string | undefined) {
  if (id !== undefined) {
    const round = app.config.rounds.find((r) => r.id === id);
    if (!round)
      throw new InputError(`未知轮次「${id}」（可用：${app.config.rounds.map((r) => r.id).join('、')}）`);
    return round;
  }
  const active = app.activeRounds();
  if (active.length !== 1 || !active[0]) throw new InputError('请用 --round 指定轮次');
  return active[0];
}

/** Write the report of a round on an open app; returns the exit code. */
export async function runReport(
  app: App,
  options: ReportOptions,
  io: CommandIo = processIo,
): Promise<number> {
  const round = pickRound(app, options.round);
  const zone = app.config.settings.timezone;
  const period = reportPeriod(options, zone);
  const { report, docx } = await makeReport({ store: app.store, timeZone: zone }, round, period);
  // `--json` is for scripts reading stdout: it writes the .docx only where --out asks for one.
  const out =
    options.json && options.out === undefined ? undefined : resolve(options.out ?? reportFileName(report));
  if (out !== undefined) {
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, docx);
  }
  if (options.html !== undefined) await writeFile(resolve(options.html), renderReportHtml(report));
  if (options.json) {
    io.out(`${JSON.stringify({ file: out ?? null, ...period, report }, null, 2)}\n`);
    return 0;
  }
  const totals = LEVELS.map((l) => `${LEVEL_LABELS[l]}${report.totals[l]}`).join(' ');
  io.out(
    `${[
      `已生成舆情简报：${out}`,
      `${report.roundName}　${report.periodText}　${report.phaseText}`,
      `信息 ${report.totals.total} 篇（${totals}），新增线索 ${report.newTips.length} 条`,
    ].join('\n')}\n`,
  );
  return 0;
}

/** `yuqing report --round ID --from DATE --to DATE --out FILE.docx`. */
export async function reportCommand(options: ReportOptions, io: CommandIo = processIo): Promise<number> {
  return withApp(options, commandLogger(false), (app) => runReport(app, options, io));
}
