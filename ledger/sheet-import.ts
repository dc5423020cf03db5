// Import of a 问题清单 sheet (issue 20): the first worksheet, a header row, one problem per row. The whole sheet
// is checked first and every bad row reported; nothing is imported from a sheet with any error.
import ExcelJS, { type CellValue } from 'exceljs';
import type { RoundConfig } from '../config/schema.js';
import { YuqingError } from '../core/errors.js';
import { type Problem, type ProblemStatus, parseProblemStatus } from '../core/ledger.js';
import { cellDate, cellText } from './sheet-cells.js';

/** Columns the sheet must have (header texts, a contract); other columns are ignored. */
export const REQUIRED_COLUMNS = [
  '问题编号',
  '单位',
  '问题',
  '问题描述',
  '关键词',
  '反馈日期',
  '整改时限',
  '状态',
] as const;

/** Optional columns read when present. */
export const OPTIONAL_COLUMNS = { category: ['问题类别', '类别'], team: ['责任巡察组', '巡察组'] } as const;

/** One problem found with a sheet: the row (1 = header), the column, and why in Chinese. */
export interface SheetIssue {
  row: number;
  column?: string;
  message: string;
}

/** A sheet that cannot be imported; `issues` lists every problem found. Code E_LEDGER_IMPORT. */
export class LedgerImportError extends YuqingError {
  readonly issues: SheetIssue[];
  constructor(file: string, issues: SheetIssue[]) {
    super(
      'E_LEDGER_IMPORT',
      `${file}：${issues.length} 处错误，未导入任何问题（改正后重新导入）\n${issues.map(issueLine).join('\n')}`,
    );
    this.issues = issues;
  }
}

/** `第3行 单位：…` */
export function issueLine(i: SheetIssue): string {
  return `  第${i.row}行${i.column ? ` ${i.column}` : ''}：${i.message}`;
}

/** Rows of the first worksheet as cell values by column header; the header row is row 1. */
export interface SheetRows {
  headers: Map<string, number>;
  rows: { row: number; cell: (header: string) => CellValue }[];
}

/** Read the first worksheet of an .xlsx file. */
export async function readSheet(file: string): Promise<SheetRows> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (cause) {
    throw new LedgerImportError(file, [
      { row: 0, message: `无法读取 Excel 文件（${cause instanceof Error ? cause.message : String(cause)}）` },
    ]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new LedgerImportError(file, [{ row: 0, message: '文件中没有工作表' }]);
  const headers = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    const name = cellText(cell.value).replace(/\s+/g, '');
    if (name && !headers.has(name)) headers.set(name, col);
  });
  const rows: SheetRows['rows'] = [];
  sheet.eachRow((r, n) => {
    if (n === 1) return;
    const cell = (header: string) => {
      const col = headers.get(header);
      return col === undefined ? null : r.getCell(col).value;
    };
    if ([...headers.values()].every((col) => cellText(r.getCell(col).value) === '')) return;
    rows.push({ row: n, cell });
  });
  return { headers, rows };
}

/**
 * The problems of a sheet for one round, or LedgerImportError listing every issue: a missing column, a missing
 * 问题编号 or 问题, an unknown unit (id, name or alias of the round's units), a bad date, an unknown status, a
 * 问题编号 used twice.
 */
export function problemsFromSheet(
  sheet: SheetRows,
  round: RoundConfig,
  file: string,
  now: string,
): Problem[] {
  const issues: SheetIssue[] = [];
  const missing = REQUIRED_COLUMNS.filter((c) => !sheet.headers.has(c));
  if (missing.length > 0) {
    throw new LedgerImportError(file, [
      { row: 1, message: `缺少列「${missing.join('」「')}」（表头须有：${REQUIRED_COLUMNS.join('、')}）` },
    ]);
  }
  const optional = (names: readonly string[]) => names.find((n) => sheet.headers.has(n));
  const categoryColumn = optional(OPTIONAL_COLUMNS.category);
  const teamColumn = optional(OPTIONAL_COLUMNS.team);
  const firstRowOf = new Map<string, number>();
  const problems: Problem[] = [];
  for (const { row, cell } of sheet.rows) {
    const bad = (column: string, message: string) => issues.push({ row, column, message });
    const id = cellText(cell('问题编号'));
    const title = cellText(cell('问题'));
    const unitText = cellText(cell('单位'));
    if (!id) bad('问题编号', '不能为空');
    else if (firstRowOf.has(id)) bad('问题编号', `「${id}」与第${firstRowOf.get(id)}行重复`);
    else firstRowOf.set(id, row);
    if (!title) bad('问题', '不能为空');
    const unit = findUnit(round, unitText);
    if (!unitText) bad('单位', '不能为空');
    else if (!unit) bad('单位', `未知单位「${unitText}」（轮次 ${round.id} 中没有此单位编号、名称或简称）`);
    const raisedOn = dateCell(cell('反馈日期'), '反馈日期', bad);
    const deadline = dateCell(cell('整改时限'), '整改时限', bad);
    const statusText = cellText(cell('状态'));
    const status: ProblemStatus | undefined = statusText ? parseProblemStatus(statusText) : 'rectifying';
    if (!status) bad('状态', `「${statusText}」不是 整改中、已整改 或 已销号`);
    if (!id || !title || !unit || !status) continue;
    const category = categoryColumn ? cellText(cell(categoryColumn)) : '';
    const team = (teamColumn ? cellText(cell(teamColumn)) : '') || unit.team;
    problems.push({
      roundId: round.id,
      id,
      unitId: unit.id,
      title,
      description: cellText(cell('问题描述')),
      ...(category && { category }),
      terms: splitTerms(cellText(cell('关键词'))),
      ...(raisedOn && { raisedOn }),
      ...(deadline && { deadline }),
      status,
      ...(team && { team }),
      createdAt: now,
      updatedAt: now,
    });
  }
  if (sheet.rows.length === 0) issues.push({ row: 2, message: '表中没有问题（表头下一行起每行一个问题）' });
  if (issues.length > 0) throw new LedgerImportError(file, issues);
  return problems;
}

/** Key terms separated by ；or ; (also ，、 and new lines, which people type as well). */
export function splitTerms(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[；;，,、\n]+/)
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}

function dateCell(
  value: CellValue,
  column: string,
  bad: (column: string, message: string) => void,
): string | undefined {
  if (cellText(value) === '') return undefined;
  const date = cellDate(value);
  if (!date) bad(column, `「${cellText(value)}」不是日期（如 2026-10-15）`);
  return date;
}

/** The round's unit with this id, name or alias. */
export function findUnit(round: RoundConfig, text: string): RoundConfig['units'][number] | undefined {
  const t = text.trim();
  if (!t) return undefined;
  return (
    round.units.find((u) => u.id === t) ??
    round.units.find((u) => u.name === t) ??
    round.units.find((u) => u.aliases.includes(t))
  );
}
