import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { AppConfig } from '../../config/schema.js';
import { LEVEL_LABELS, type Level } from '../../core/types.js';
import type { SearchHit } from '../../store/store.js';
import { audit } from '../audit.js';
import type { ConsoleDeps } from '../deps.js';
import type { RouteFn } from '../router.js';
import { parseConsoleSearch, SEARCH_FILTERS } from './search.js';

/** Most rows one export writes. */
export const EXPORT_MAX_ROWS = 5000;
const PAGE = 200;

/** Column headers of the export sheet, in order. */
export const EXPORT_COLUMNS = [
  '标题',
  '来源',
  '发布时间',
  '等级',
  '分数',
  '被巡察单位',
  '转载数',
  '链接',
] as const;

function unitNames(config: AppConfig): Map<string, string> {
  return new Map(config.rounds.flatMap((r) => r.units.map((u) => [u.id, u.name] as const)));
}

/** Cell fills of the 等级 column (ARGB), the console's four colours. */
export const EXPORT_LEVEL_FILLS: Readonly<Record<Level, string>> = {
  red: 'FFCF1322',
  orange: 'FFFA8C16',
  yellow: 'FFFADB14',
  green: 'FF52C41A',
};

/**
 * The office wall-clock time as a Date whose UTC fields are that time: Excel dates carry no zone, so the sheet
 * shows exactly what the console shows.
 */
export function officeExcelDate(iso: string, zone: string): Date | undefined {
  const local = DateTime.fromISO(iso).setZone(zone);
  if (!local.isValid) return undefined;
  return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second));
}

// Only web links become hyperlinks; anything else stays plain text.
function linkCell(url: string): ExcelJS.CellValue {
  return /^https?:\/\//i.test(url) ? { text: url, hyperlink: url } : url;
}

/**
 * Build the .xlsx of search hits: a frozen, filterable header, real dates in the office timezone, clickable
 * links and the level coloured (crawled text goes in as plain cell values, never as formulas).
 */
export async function exportWorkbook(hits: readonly SearchHit[], config: AppConfig): Promise<Buffer> {
  const names = unitNames(config);
  const zone = config.settings.timezone;
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(0);
  const sheet = workbook.addWorksheet('检索结果', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((header, i) => ({
    header,
    key: `c${i}`,
    width: [60, 16, 20, 6, 8, 30, 8, 50][i],
  }));
  sheet.getColumn(3).numFmt = 'yyyy-mm-dd hh:mm';
  // A leading = + - @ would make a spreadsheet evaluate crawled text as a formula.
  const text = (value: string) => (/^[=+\-@]/.test(value) ? `'${value}` : value);
  for (const hit of hits) {
    const row = sheet.addRow([
      text(hit.title),
      text(hit.source),
      hit.publishedAt ? (officeExcelDate(hit.publishedAt, zone) ?? '') : '',
      LEVEL_LABELS[hit.level],
      Math.round(hit.score * 10) / 10,
      hit.units.map((u) => names.get(u) ?? u).join('、'),
      hit.clusterSize,
      linkCell(hit.url),
    ]);
    const level = row.getCell(4);
    level.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: EXPORT_LEVEL_FILLS[hit.level] } };
    level.font = { bold: true, color: { argb: hit.level === 'yellow' ? 'FF000000' : 'FFFFFFFF' } };
    level.alignment = { horizontal: 'center' };
    row.getCell(8).font = { color: { argb: 'FF0563C1' }, underline: true };
  }
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_COLUMNS.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** GET /api/search/export: the search result (same filters, up to 5000 rows) as an Excel file; audited. */
export function registerExportRoutes(route: RouteFn, deps: ConsoleDeps): void {
  route({
    method: 'GET',
    path: '/api/search/export',
    summary: '导出检索结果为 Excel（.xlsx，最多 5000 条）',
    tag: '检索',
    auth: 'session',
    query: z.object(SEARCH_FILTERS),
    response: {
      description: 'Excel 文件',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
    handler: async ({ access, query }, request, reply) => {
      const { query: search } = parseConsoleSearch(query, deps, access);
      const hits: SearchHit[] = [];
      let total = 0;
      for (let offset = 0; offset < EXPORT_MAX_ROWS; offset += PAGE) {
        const page = await deps.store.search({ ...search, limit: PAGE, offset });
        total = page.total;
        hits.push(...page.hits);
        if (page.hits.length < PAGE) break;
      }
      const body = await exportWorkbook(hits.slice(0, EXPORT_MAX_ROWS), deps.config);
      await audit(deps, request, access.user.name, 'export', undefined, {
        params: query,
        rows: hits.length,
        total,
      });
      const stamp = DateTime.fromJSDate(deps.clock?.() ?? new Date())
        .setZone(deps.config.settings.timezone)
        .toFormat('yyyyMMdd-HHmm');
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('Content-Disposition', `attachment; filename="search-${stamp}.xlsx"`)
        .send(body);
    },
  });
}
