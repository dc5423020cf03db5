// ECharts options of the dashboard, built from the API answer (pure functions).
import type { EChartsCoreOption } from 'echarts/core';
import type { DashboardData } from '../api/types.js';
import { LEVEL_COLORS, LEVEL_LABELS, LEVELS, SOURCE_TYPE_LABELS } from '../shared/labels.js';

const PHASE_SHADES: Readonly<Record<string, string>> = {
  entry: 'rgba(24, 144, 255, 0.10)',
  feedback: 'rgba(250, 140, 22, 0.12)',
  rectification: 'rgba(82, 196, 26, 0.12)',
};

/** The phase windows clipped to the trend's days, as markArea pairs on the category axis. */
export function phaseAreas(data: DashboardData): unknown[] {
  const first = data.trend[0]?.day;
  const last = data.trend[data.trend.length - 1]?.day;
  if (first === undefined || last === undefined) return [];
  return data.round.phases
    .filter((p) => p.end >= first && p.start <= last)
    .map((p) => [
      {
        name: p.label,
        // biome-ignore lint/complexity/useMathMinMax: YYYY-MM-DD strings compare as text, not numbers.
        xAxis: p.start < first ? first : p.start,
        itemStyle: { color: PHASE_SHADES[p.phase] ?? 'rgba(0,0,0,0.05)' },
        label: { color: '#555' },
      },
      // biome-ignore lint/complexity/useMathMinMax: YYYY-MM-DD strings compare as text, not numbers.
      { xAxis: p.end > last ? last : p.end },
    ]);
}

/** Daily items by level, stacked, with the 进驻/反馈/整改 windows shaded. */
export function trendOption(data: DashboardData): EChartsCoreOption {
  const days = data.trend.map((t) => t.day);
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: LEVELS.map((l) => LEVEL_LABELS[l]) },
    grid: { left: 40, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: days },
    yAxis: { type: 'value', minInterval: 1 },
    series: LEVELS.map((level, i) => ({
      name: LEVEL_LABELS[level],
      type: 'bar',
      stack: 'items',
      itemStyle: { color: LEVEL_COLORS[level] },
      data: data.trend.map((t) => t[level]),
      ...(i === 0 && { markArea: { silent: true, data: phaseAreas(data) } }),
    })),
  };
}

const CLOUD_COLORS = ['#b71c1c', '#d4380d', '#d48806', '#389e0d', '#1d39c4'];

/** The period's top terms as a word cloud. */
export function wordCloudOption(data: DashboardData): EChartsCoreOption {
  return {
    tooltip: {},
    series: [
      {
        type: 'wordCloud',
        shape: 'circle',
        sizeRange: [12, 48],
        rotationRange: [0, 0],
        gridSize: 6,
        textStyle: { color: (p: { dataIndex: number }) => CLOUD_COLORS[p.dataIndex % CLOUD_COLORS.length] },
        data: data.topTerms.map((t) => ({ name: t.term, value: t.count })),
      },
    ],
  };
}

/** The share of items by source type. */
export function sourceShareOption(data: DashboardData): EChartsCoreOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['40%', '70%'],
        data: data.sourceTypes.map((s) => ({ name: SOURCE_TYPE_LABELS[s.type] ?? s.type, value: s.count })),
      },
    ],
  };
}

/** Items by level in the period. */
export function levelOption(data: DashboardData): EChartsCoreOption {
  return {
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'pie',
        radius: '70%',
        data: LEVELS.map((l) => ({
          name: LEVEL_LABELS[l],
          value: data.levelCounts[l],
          itemStyle: { color: LEVEL_COLORS[l] },
        })),
      },
    ],
  };
}
