// The 舆情简报 as a Word file (.docx), built with the `docx` package.

import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { LEVEL_LABELS, LEVELS } from '../../core/types.js';
import { LEVEL_COLOURS } from '../render.js';
import { svgToPng, TREND_CHART_SIZE, trendChartSvg } from './chart.js';
import {
  backlogScopeLabel,
  backlogText,
  hiddenTipsText,
  LEVEL_HEADERS,
  type Report,
  type ReportTrend,
  reportTitle,
  scopeLines,
} from './model.js';
import { RECTIFICATION_HEADER, RECTIFICATION_HEADING, rectificationSummary } from './rectification.js';

/** MIME type of a .docx file. */
export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const FONT = { ascii: 'Arial', eastAsia: 'SimSun', hAnsi: 'Arial' };

function cell(text: string, options: { bold?: boolean; colour?: string; url?: string } = {}): TableCell {
  const run = new TextRun({
    text,
    bold: options.bold ?? false,
    font: FONT,
    ...(options.colour && { color: options.colour.replace('#', '') }),
  });
  const child = options.url ? new ExternalHyperlink({ link: options.url, children: [run] }) : run;
  return new TableCell({ children: [new Paragraph({ children: [child] })] });
}

function table(header: string[], rows: TableCell[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, { bold: true })) }),
      ...rows.map((children) => new TableRow({ children })),
    ],
  });
}

function heading(text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text, font: FONT })] });
}

function line(text: string): Paragraph {
  return new Paragraph({ children: [new TextRun({ text, font: FONT })] });
}

function unitTable(report: Report): Table {
  const rows = report.units.map((u) => [
    cell(u.unitName),
    cell(u.team || '—'),
    ...LEVELS.map((l) => cell(String(u.counts[l]))),
    cell(String(u.total)),
  ]);
  rows.push([
    cell('信息合计（每篇计一次）', { bold: true }),
    cell(''),
    ...LEVELS.map((l) => cell(String(report.totals[l]), { bold: true })),
    cell(String(report.totals.total), { bold: true }),
  ]);
  return table(['被巡察单位', '巡察组', ...LEVEL_HEADERS, '合计'], rows);
}

function tipsSection(report: Report): (Paragraph | Table)[] {
  const title = heading(`二、新增线索（${report.newTips.length}条）`);
  const hidden = hiddenTipsText(report);
  const note = hidden === undefined ? [] : [line(hidden)];
  if (report.newTips.length === 0) return [title, line('本期无新增线索。'), ...note];
  const rows = report.newTips.map((t, i) => [
    cell(String(i + 1)),
    cell(LEVEL_LABELS[t.level], { bold: true, colour: LEVEL_COLOURS[t.level] }),
    cell(t.unitName),
    cell(t.title, t.url ? { url: t.url } : {}),
    cell(t.statusLabel),
    cell(t.createdText),
  ]);
  return [title, table(['序号', '等级', '被巡察单位', '标题', '状态', '发现时间'], rows), ...note];
}

function storiesSection(report: Report): (Paragraph | Table)[] {
  const title = heading('三、传播最广的信息');
  if (report.topStories.length === 0) return [title, line('本期无相关信息。')];
  const rows = report.topStories.map((s, i) => [
    cell(String(i + 1)),
    cell(s.title, s.url ? { url: s.url } : {}),
    cell(s.firstText === undefined ? s.sourceName : `${s.sourceName}（${s.firstText}）`),
    cell(String(s.size)),
    cell(String(s.sites)),
    cell(LEVEL_LABELS[s.level], { colour: LEVEL_COLOURS[s.level] }),
    cell(s.unitNames || '—'),
  ]);
  return [title, table(['序号', '标题', '首发来源', '篇数', '站点数', '等级', '涉及单位'], rows)];
}

function rectificationSection(report: Report): (Paragraph | Table)[] {
  const rows = report.rectification;
  if (rows === undefined) return [];
  const title = heading(RECTIFICATION_HEADING);
  if (rows.length === 0) return [title, line(rectificationSummary(rows))];
  const cells = rows.map((r) => [
    cell(r.problemId),
    cell(r.unitName),
    cell(r.title),
    cell(r.statusLabel),
    cell(String(r.items)),
    cell(String(r.recurrences), r.recurrences > 0 ? { bold: true, colour: LEVEL_COLOURS.orange } : {}),
    cell(r.latestTitle, { url: r.latestUrl }),
  ]);
  return [title, line(rectificationSummary(rows)), table([...RECTIFICATION_HEADER], cells)];
}

// The trend as a PNG picture; a chart that cannot be drawn (no font, bad SVG) is said in words, not fatal.
function trendSection(trend: ReportTrend | undefined): Paragraph[] {
  if (trend === undefined) return [];
  const title = heading('信息趋势');
  try {
    const png = svgToPng(trendChartSvg(trend.days, trend.points));
    const image = new ImageRun({ type: 'png', data: png, transformation: { ...TREND_CHART_SIZE } });
    return [title, new Paragraph({ alignment: AlignmentType.CENTER, children: [image] })];
  } catch (error) {
    return [title, line(`趋势图生成失败：${error instanceof Error ? error.message : String(error)}`)];
  }
}

/** The report as a .docx document (bytes); `trend` (default the report's) adds the daily trend chart. */
export async function buildReportDocx(report: Report, trend = report.trend): Promise<Buffer> {
  const doc = new Document({
    title: reportTitle(report),
    creator: '巡察舆情监测系统',
    sections: [
      {
        children: [
          new Paragraph({
            heading: HeadingLevel.TITLE,
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: '舆情简报', font: FONT })],
          }),
          line(`巡察轮次：${report.roundName}`),
          line(`统计时段：${report.periodText}`),
          line(`所处阶段：${report.phaseText}`),
          ...scopeLines(report).map(line),
          line(`生成时间：${report.generatedText}`),
          heading('一、各单位舆情等级统计'),
          unitTable(report),
          ...trendSection(trend),
          ...tipsSection(report),
          ...storiesSection(report),
          heading(`四、线索办理情况（${backlogScopeLabel(report)}）`),
          line(backlogText(report)),
          ...rectificationSection(report),
          line('本简报由巡察舆情监测系统自动生成。'),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
