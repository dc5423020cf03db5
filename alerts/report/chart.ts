// The 简报's daily trend chart: ECharts renders server-side to SVG (no DOM, no browser), and resvg turns the
// SVG into a PNG, because Word and LibreOffice embed PNG reliably while SVG in .docx needs a PNG fallback anyway.
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import { LEVEL_LABELS, LEVELS, type Level } from '../../core/types.js';
import { LEVEL_COLOURS } from '../render.js';

/** Items of one local day and level. */
export interface TrendPoint {
  day: string;
  level: Level;
  count: number;
}

/** Size of the chart in pixels (also its size in the document). */
export const TREND_CHART_SIZE = { width: 600, height: 280 } as const;

/** The trend as an SVG string: one stacked bar per day and level, every day of `days` on the axis. */
export function trendChartSvg(days: readonly string[], points: readonly TrendPoint[]): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, ...TREND_CHART_SIZE });
  try {
    const count = (day: string, level: Level) =>
      points.filter((p) => p.day === day && p.level === level).reduce((s, p) => s + p.count, 0);
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: 'Noto Sans CJK SC, sans-serif' },
      title: { text: '每日信息数量（按等级）', left: 'center', textStyle: { fontSize: 14 } },
      legend: { bottom: 0, data: LEVELS.map((l) => `${LEVEL_LABELS[l]}色`) },
      grid: { left: 40, right: 20, top: 40, bottom: 50 },
      xAxis: { type: 'category', data: days.map((d) => d.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: LEVELS.map((l) => ({
        name: `${LEVEL_LABELS[l]}色`,
        type: 'bar',
        stack: 'all',
        itemStyle: { color: LEVEL_COLOURS[l] },
        data: days.map((d) => count(d, l)),
      })),
    });
    return chart.renderToSVGString();
  } finally {
    // Without dispose the chart keeps its render loop alive and the process never exits.
    chart.dispose();
  }
}

const NOTO_CJK = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

/** The SVG as PNG bytes, text set in the system's CJK font (fonts-noto-cjk). */
export function svgToPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    // Loading every system font takes seconds; the CJK one fonts-noto-cjk installs is all the chart needs.
    font: existsSync(NOTO_CJK)
      ? { loadSystemFonts: false, fontFiles: [NOTO_CJK], defaultFontFamily: 'Noto Sans CJK SC' }
      : { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC' },
    fitTo: { mode: 'width', value: TREND_CHART_SIZE.width * 2 },
    background: '#ffffff',
  });
  return Buffer.from(resvg.render().asPng());
}
