// Reading exceljs cell values as text and dates, whatever Excel stored (text, numbers, dates, rich text, formulas).
import type { CellValue } from 'exceljs';
import { DateTime } from 'luxon';

/** The cell as trimmed text ('' when empty). */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in value) return cellText((value.result ?? null) as CellValue);
    if ('text' in value) return cellText(value.text as CellValue);
    if ('error' in value) return '';
    return '';
  }
  return String(value).trim();
}

const DATE_FORMATS = ['yyyy-M-d', 'yyyy/M/d', 'yyyy.M.d', "yyyy'年'M'月'd'日'", 'yyyyMMdd'];

/** A cell as `yyyy-MM-dd`: an Excel date, or text in a common Chinese office format; undefined when not a date. */
export function cellDate(value: CellValue): string | undefined {
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (value !== null && typeof value === 'object' && 'result' in value && value.result instanceof Date) {
    return cellDate(value.result);
  }
  const text = cellText(value);
  for (const format of DATE_FORMATS) {
    const dt = DateTime.fromFormat(text, format);
    if (dt.isValid) return dt.toISODate() ?? undefined;
  }
  return undefined;
}
