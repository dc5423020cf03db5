// The 舆情简报 section "整改问题舆情" (issue 20): the ledger's problems that public items were linked to in the
// period, with how many of them carry recurrence signals. Pure; the rows are built from the ledger's records.
import { DateTime } from 'luxon';
import type { RoundConfig } from '../../config/schema.js';
import { PROBLEM_STATUS_LABELS, type Problem, type ProblemLink } from '../../core/ledger.js';

/** One problem in the section. */
export interface ReportProblemRow {
  problemId: string;
  title: string;
  unitName: string;
  statusLabel: string;
  /** Items linked in the period. */
  items: number;
  /** Of those, items with a recurrence signal (rectification wording, or after 已整改). */
  recurrences: number;
  latestTitle: string;
  latestUrl: string;
}

/** Heading of the section. */
export const RECTIFICATION_HEADING = '五、整改问题舆情';

/** The rows of problems with items linked between `from` and `to` (ISO, inclusive), most recurrences first. */
export function rectificationRows(
  round: RoundConfig,
  problems: readonly Problem[],
  links: readonly ProblemLink[],
  period: { from: string; to: string },
  unitIds?: readonly string[],
): ReportProblemRow[] {
  const from = DateTime.fromISO(period.from).toMillis();
  const to = DateTime.fromISO(period.to).toMillis();
  const rows: ReportProblemRow[] = [];
  for (const p of problems) {
    if (p.roundId !== round.id || (unitIds !== undefined && !unitIds.includes(p.unitId))) continue;
    const inPeriod = links.filter((l) => {
      const t = DateTime.fromISO(l.publishedAt ?? l.linkedAt).toMillis();
      return l.roundId === round.id && l.problemId === p.id && t >= from && t <= to;
    });
    const latest = inPeriod[inPeriod.length - 1];
    if (!latest) continue;
    rows.push({
      problemId: p.id,
      title: p.title,
      unitName: round.units.find((u) => u.id === p.unitId)?.name ?? p.unitId,
      statusLabel: PROBLEM_STATUS_LABELS[p.status],
      items: inPeriod.length,
      recurrences: inPeriod.filter((l) => l.recurrence).length,
      latestTitle: latest.title,
      latestUrl: latest.url,
    });
  }
  return rows.sort((a, b) => b.recurrences - a.recurrences || b.items - a.items);
}

/** The line under the heading. */
export function rectificationSummary(rows: readonly ReportProblemRow[]): string {
  if (rows.length === 0) return '本期未发现涉及已反馈问题的舆情。';
  const recurring = rows.filter((r) => r.recurrences > 0).length;
  return `本期共有 ${rows.length} 个已反馈问题出现相关舆情，其中 ${recurring} 个有整改不到位或问题反弹的信号。`;
}

/** Table header of the section. */
export const RECTIFICATION_HEADER = [
  '问题编号',
  '被巡察单位',
  '问题',
  '整改状态',
  '相关信息',
  '反弹信号',
  '最新一条',
];
