// The 舆情简报 as an HTML email body and as plain lines for robots; every value from the web is escaped.
import { escapeHtml } from '../../core/html.js';
import { LEVEL_LABELS, LEVELS } from '../../core/types.js';
import { escapeMarkdown, LEVEL_COLOURS } from '../render.js';
import {
  backlogScopeLabel,
  backlogText,
  hiddenTipsText,
  LEVEL_HEADERS,
  type Report,
  reportTitle,
  scopeLines,
} from './model.js';
import { RECTIFICATION_HEADER, RECTIFICATION_HEADING, rectificationSummary } from './rectification.js';

const TH = 'padding:4px 8px;border:1px solid #dadce0;background:#f1f3f4;text-align:left';
const TD = 'padding:4px 8px;border:1px solid #dadce0';

function tableHtml(header: readonly string[], rows: string[][]): string {
  const head = header.map((h) => `<th style="${TH}">${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td style="${TD}">${c}</td>`).join('')}</tr>`).join('');
  return `<table style="border-collapse:collapse;font-size:13px;width:100%"><tr>${head}</tr>${body}</table>`;
}

function linked(text: string, url: string | undefined): string {
  return url
    ? `<a href="${escapeHtml(url)}" style="color:#1a73e8">${escapeHtml(text)}</a>`
    : escapeHtml(text);
}

function levelHtml(level: keyof typeof LEVEL_LABELS): string {
  return `<strong style="color:${LEVEL_COLOURS[level]}">${LEVEL_LABELS[level]}</strong>`;
}

function unitsHtml(report: Report): string {
  const rows = report.units.map((u) => [
    escapeHtml(u.unitName),
    escapeHtml(u.team || '—'),
    ...LEVELS.map((l) => String(u.counts[l])),
    String(u.total),
  ]);
  rows.push([
    '<strong>信息合计（每篇计一次）</strong>',
    '',
    ...LEVELS.map((l) => String(report.totals[l])),
    String(report.totals.total),
  ]);
  return tableHtml(['被巡察单位', '巡察组', ...LEVEL_HEADERS, '合计'], rows);
}

function tipsHtml(report: Report): string {
  const hidden = hiddenTipsText(report);
  const note = hidden === undefined ? '' : `<p>${escapeHtml(hidden)}</p>`;
  return tipsTableHtml(report) + note;
}

function tipsTableHtml(report: Report): string {
  if (report.newTips.length === 0) return '<p>本期无新增线索。</p>';
  const rows = report.newTips.map((t, i) => [
    String(i + 1),
    levelHtml(t.level),
    escapeHtml(t.unitName),
    linked(t.title, t.url),
    escapeHtml(t.statusLabel),
    escapeHtml(t.createdText),
  ]);
  return tableHtml(['序号', '等级', '被巡察单位', '标题', '状态', '发现时间'], rows);
}

function storiesHtml(report: Report): string {
  if (report.topStories.length === 0) return '<p>本期无相关信息。</p>';
  const rows = report.topStories.map((s, i) => [
    String(i + 1),
    linked(s.title, s.url),
    escapeHtml(s.sourceName),
    String(s.size),
    String(s.sites),
    levelHtml(s.level),
    escapeHtml(s.unitNames || '—'),
  ]);
  return tableHtml(['序号', '标题', '首发来源', '篇数', '站点数', '等级', '涉及单位'], rows);
}

/** The digest email body: the same sections and numbers as the .docx. */
export function renderReportHtml(report: Report): string {
  const title = reportTitle(report);
  const status = backlogText(report);
  const scope = scopeLines(report)
    .map((l) => `<br>${escapeHtml(l)}`)
    .join('');
  return [
    '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title></head>`,
    "<body style=\"margin:0;padding:12px;font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif\">",
    '<div style="max-width:760px;margin:0 auto">',
    '<h1 style="font-size:20px;text-align:center">舆情简报</h1>',
    `<p>巡察轮次：${escapeHtml(report.roundName)}<br>统计时段：${escapeHtml(report.periodText)}<br>`,
    `所处阶段：${escapeHtml(report.phaseText)}${scope}<br>生成时间：${escapeHtml(report.generatedText)}</p>`,
    '<h2 style="font-size:16px">一、各单位舆情等级统计</h2>',
    unitsHtml(report),
    `<h2 style="font-size:16px">二、新增线索（${report.newTips.length}条）</h2>`,
    tipsHtml(report),
    '<h2 style="font-size:16px">三、传播最广的信息</h2>',
    storiesHtml(report),
    `<h2 style="font-size:16px">四、线索办理情况（${backlogScopeLabel(report)}）</h2>`,
    `<p>${escapeHtml(status)}</p>`,
    rectificationHtml(report),
    '<p style="font-size:12px;color:#80868b">本简报由巡察舆情监测系统自动生成，详见附件 Word 文档。</p>',
    '</div></body></html>',
  ].join('\n');
}

function rectificationHtml(report: Report): string {
  const rows = report.rectification;
  if (rows === undefined) return '';
  const title = `<h2 style="font-size:16px">${RECTIFICATION_HEADING}</h2><p>${escapeHtml(rectificationSummary(rows))}</p>`;
  if (rows.length === 0) return title;
  const body = rows.map((r) => [
    escapeHtml(r.problemId),
    escapeHtml(r.unitName),
    escapeHtml(r.title),
    escapeHtml(r.statusLabel),
    String(r.items),
    String(r.recurrences),
    linked(r.latestTitle, r.latestUrl),
  ]);
  return title + tableHtml(RECTIFICATION_HEADER, body);
}

/** Short plain lines for robots (they cannot show tables or attachments). */
export function reportLines(report: Report, maxItems = 5): string[] {
  const lines = [
    `统计时段：${report.periodText}`,
    `所处阶段：${report.phaseText}`,
    ...scopeLines(report).map(escapeMarkdown),
    `合计：${LEVELS.map((l) => `${LEVEL_LABELS[l]}${report.totals[l]}`).join(' ')}（共${report.totals.total}篇）`,
  ];
  for (const u of report.units) {
    lines.push(
      `${escapeMarkdown(u.unitName)}：${LEVELS.map((l) => `${LEVEL_LABELS[l]}${u.counts[l]}`).join(' ')}`,
    );
  }
  const hidden = report.hiddenTips ? `（另有${report.hiddenTips}条不符合筛选条件）` : '';
  lines.push(`新增线索 ${report.newTips.length} 条${hidden}`);
  for (const t of report.newTips.slice(0, maxItems)) {
    lines.push(
      `[${LEVEL_LABELS[t.level]}][${t.statusLabel}] ${escapeMarkdown(t.unitName)}：${escapeMarkdown(t.title)}`,
    );
  }
  for (const [i, s] of report.topStories.slice(0, maxItems).entries()) {
    lines.push(`传播第${i + 1}：${escapeMarkdown(s.title)}（${s.size}篇，${s.sites}个站点）`);
  }
  const backlog = report.tipStatus.map(([label, n]) => `${label}${n}`).join(' ');
  lines.push(`线索办理：${backlog || '未统计'}`);
  return lines;
}
