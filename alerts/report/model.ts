// The 舆情简报 as display-ready values; the .docx, the digest email and the robot lines all lay out this one
// model, so they always carry the same numbers.

import type { RoundConfig } from '../../config/schema.js';
import {
  LEVEL_LABELS,
  LEVELS,
  type Level,
  PHASE_LABELS,
  type PhaseName,
  TIP_STATUS_LABELS,
  type TipStatus,
} from '../../core/types.js';
import { phaseAt } from '../../pipeline/phase.js';
import type { ReportData } from '../../store/store.js';
import { formatLocalTime, oneLine, safeHttpUrl } from '../render.js';
import type { ReportProblemRow } from './rectification.js';
import { applyScope, filterText, type ReportScope, scopeText } from './scope.js';

/** One unit's row of the level table. */
export interface ReportUnitRow {
  unitId: string;
  unitName: string;
  team: string;
  counts: Record<Level, number>;
  total: number;
}

/** One new tip of the period. */
export interface ReportTipRow {
  id: string;
  level: Level;
  unitName: string;
  title: string;
  url?: string;
  status: TipStatus;
  statusLabel: string;
  createdText: string;
}

/** One story ranked by spread. */
export interface ReportStoryRow {
  title: string;
  url?: string;
  /** The first source: the story's earliest-published article's site. */
  sourceName: string;
  /** Local publish time of the first source, when known. */
  firstText?: string;
  size: number;
  sites: number;
  level: Level;
  unitNames: string;
}

/** Items per local day and level over the report's period (every day listed, quiet days too). */
export interface ReportTrend {
  days: string[];
  points: { day: string; level: Level; count: number }[];
}

/** A complete report, ready to render. */
export interface Report {
  roundId: string;
  roundName: string;
  /** e.g. `2026-11-01 00:00 至 2026-11-07 23:59`. */
  periodText: string;
  /** Local date of the period's end, for file names. */
  endDate: string;
  phase?: PhaseName;
  /** e.g. `进驻阶段（2026-11-01 至 2027-01-15）` or `不在巡察阶段内`. */
  phaseText: string;
  generatedText: string;
  units: ReportUnitRow[];
  /** Articles of the period by level, each counted once however many units it names. */
  totals: Record<Level, number> & { total: number };
  newTips: ReportTipRow[];
  topStories: ReportStoryRow[];
  /** e.g. [['待研判', 3], ['已分办', 1], …]; empty when the backlog of a scope is not known. */
  tipStatus: [string, number][];
  /** Scoped reports: who the report is for (e.g. the team), in the title and the file name. */
  scopeName?: string;
  /** Scoped reports: the units covered, shown as `范围：…`. */
  scopeText?: string;
  /** Scoped reports: what the item lists leave out, e.g. `仅列出橙色及以上的线索和信息（…）`. */
  filterText?: string;
  /** New tips of the covered units left out of the list by the level or phase limit. */
  hiddenTips?: number;
  /** Section 整改问题舆情 (issue 20): problems with linked items in the period; absent = no ledger for the round. */
  rectification?: ReportProblemRow[];
  /** The daily trend, when the store could give it. */
  trend?: ReportTrend;
}

/** Options of buildReport. */
export interface BuildReportOptions {
  timeZone: string;
  /** ISO time the report is made at. */
  generatedAt: string;
  /** Limit the report to some units / levels / phases; absent: the whole round, as before. */
  scope?: ReportScope;
}

function zeroCounts(): Record<Level, number> {
  return Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;
}

function sum(counts: Record<Level, number>): number {
  return LEVELS.reduce((s, l) => s + counts[l], 0);
}

function phaseText(round: RoundConfig, phase: PhaseName | undefined): string {
  if (phase === undefined) return '不在巡察阶段内';
  const window = round.phases[phase];
  return window
    ? `${PHASE_LABELS[phase]}阶段（${window.start} 至 ${window.end}）`
    : `${PHASE_LABELS[phase]}阶段`;
}

function unitRows(data: ReportData, round: RoundConfig, only?: readonly string[]): ReportUnitRow[] {
  const counted = new Map(data.unitLevels.map((u) => [u.unitId, u.counts]));
  const configured = round.units.map((u) => u.id);
  // Every configured unit gets a row (a quiet unit is news too); units no longer configured keep theirs.
  // A scope keeps its own units, in the round's order, then any it names that the round no longer has.
  const ids =
    only === undefined
      ? [...configured, ...[...counted.keys()].filter((id) => !configured.includes(id))]
      : [...configured.filter((id) => only.includes(id)), ...only.filter((id) => !configured.includes(id))];
  return ids.map((unitId) => {
    const unit = round.units.find((u) => u.id === unitId);
    const counts = { ...zeroCounts(), ...counted.get(unitId) };
    return { unitId, unitName: unit?.name ?? unitId, team: unit?.team ?? '', counts, total: sum(counts) };
  });
}

// Totals count each article once (an article about two units is one article); the per-unit rows count it
// under each unit. Without the store's distinct counts, the sum of the rows is the best there is.
function reportTotals(
  units: readonly ReportUnitRow[],
  articleLevels: Record<Level, number> | undefined,
): Record<Level, number> & { total: number } {
  const counts = zeroCounts();
  for (const level of LEVELS) {
    counts[level] = articleLevels?.[level] ?? units.reduce((s, row) => s + row.counts[level], 0);
  }
  return { ...counts, total: sum(counts) };
}

/**
 * Turn the store's numbers into the report of a round (pure); with `options.scope`, only of the scope's units
 * and items.
 */
export function buildReport(raw: ReportData, round: RoundConfig, options: BuildReportOptions): Report {
  const tz = options.timeZone;
  const scope = options.scope;
  const { data, hiddenTips, tipStatusCounts } = applyScope(raw, scope);
  const phase = phaseAt(round, data.to, tz);
  const units = unitRows(data, round, scope?.unitIds);
  const scopeLine = scopeText(round, scope);
  const filterLine = filterText(scope);
  const totals = reportTotals(units, data.articleLevels);
  const unitName = (id: string) => round.units.find((u) => u.id === id)?.name ?? id;
  const link = (url: string) => {
    const safe = safeHttpUrl(url);
    return safe === undefined ? {} : { url: safe };
  };
  return {
    roundId: round.id,
    roundName: round.name,
    periodText: `${formatLocalTime(data.from, tz)} 至 ${formatLocalTime(data.to, tz)}`,
    endDate: formatLocalTime(data.to, tz).slice(0, 10),
    ...(phase !== undefined && { phase }),
    phaseText: phaseText(round, phase),
    generatedText: formatLocalTime(options.generatedAt, tz),
    units,
    totals,
    newTips: data.newTips.map((t) => ({
      id: t.id,
      level: t.level,
      unitName: oneLine(t.unitName, 60),
      title: oneLine(t.title, 120),
      ...link(t.url),
      status: t.status,
      statusLabel: TIP_STATUS_LABELS[t.status],
      createdText: formatLocalTime(t.createdAt, tz),
    })),
    topStories: data.topStories.map((s) => ({
      title: oneLine(s.title, 120),
      ...link(s.url),
      sourceName: oneLine(s.sourceName, 40),
      ...(s.publishedAt !== undefined && { firstText: formatLocalTime(s.publishedAt, tz) }),
      size: s.size,
      sites: s.sites,
      level: s.level,
      unitNames: s.unitIds.map(unitName).join('、'),
    })),
    tipStatus:
      tipStatusCounts === undefined
        ? []
        : (Object.keys(TIP_STATUS_LABELS) as TipStatus[]).map((s) => [
            TIP_STATUS_LABELS[s],
            tipStatusCounts[s],
          ]),
    ...(scope?.name !== undefined && { scopeName: oneLine(scope.name, 40) }),
    ...(scopeLine !== undefined && { scopeText: scopeLine }),
    ...(filterLine !== undefined && { filterText: filterLine }),
    ...(filterLine !== undefined && { hiddenTips }),
  };
}

/** The level labels in table order (红 橙 黄 绿). */
export const LEVEL_HEADERS: readonly string[] = LEVELS.map((l) => LEVEL_LABELS[l]);

/** Subject line of a report: `舆情简报｜<round>｜<period>`, with the scope's name before the period. */
export function reportTitle(report: Report): string {
  const scope = report.scopeName === undefined ? '' : `${report.scopeName}｜`;
  return `舆情简报｜${oneLine(report.roundName, 80)}｜${scope}${report.periodText}`;
}

/** Heading note of the backlog section: the whole round, or only the scope's units. */
export function backlogScopeLabel(report: Report): string {
  return report.scopeText === undefined ? '本轮全部线索' : '范围内全部线索';
}

/** The backlog line, e.g. `待研判 3 条；已分办 1 条；…`. */
export function backlogText(report: Report): string {
  if (report.tipStatus.length === 0) return '未统计（无法限定到范围内单位）';
  return report.tipStatus.map(([label, n]) => `${label} ${n} 条`).join('；');
}

/** Lines describing a scoped report's limits (`范围：…`, `筛选：…`); none for a whole-round report. */
export function scopeLines(report: Report): string[] {
  return [
    ...(report.scopeText === undefined ? [] : [`范围：${report.scopeText}`]),
    ...(report.filterText === undefined ? [] : [`筛选：${report.filterText}`]),
  ];
}

/** The note under the new tips when the level or phase limit left some out, else undefined. */
export function hiddenTipsText(report: Report): string | undefined {
  return report.hiddenTips ? `另有 ${report.hiddenTips} 条线索不符合筛选条件，未列出。` : undefined;
}
