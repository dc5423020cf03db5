// Export of a round's 问题清单 to .xlsx, in the import's column layout (a re-import round-trips it).
import ExcelJS from 'exceljs';
import type { RoundConfig } from '../config/schema.js';
import { PROBLEM_STATUS_LABELS, type Problem } from '../core/ledger.js';
import { REQUIRED_COLUMNS } from './sheet-import.js';

/** Workbook bytes with one sheet 问题清单: the import columns, then 问题类别, 责任巡察组 and 关联舆情数. */
export async function problemsWorkbook(
  round: RoundConfig,
  problems: readonly Problem[],
  linkCounts: ReadonlyMap<string, number>,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('问题清单');
  sheet.addRow([...REQUIRED_COLUMNS, '问题类别', '责任巡察组', '关联舆情数']);
  sheet.getRow(1).font = { bold: true };
  for (const p of problems) {
    const unit = round.units.find((u) => u.id === p.unitId);
    sheet.addRow([
      p.id,
      unit?.name ?? p.unitId,
      p.title,
      p.description,
      p.terms.join('；'),
      p.raisedOn ?? '',
      p.deadline ?? '',
      PROBLEM_STATUS_LABELS[p.status],
      p.category ?? '',
      p.team ?? '',
      linkCounts.get(p.id) ?? 0,
    ]);
  }
  sheet.columns.forEach((c, i) => {
    c.width = [14, 20, 28, 48, 24, 12, 12, 8, 12, 12, 10][i] ?? 12;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
