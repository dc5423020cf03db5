// The 简报 chart's Chinese text is drawn with real glyphs: with fonts-noto-cjk the title changes the picture;
// without a CJK font resvg draws nothing (or boxes) for it, which is what a fresh machine without the font gives.
import { describe, expect, it } from 'vitest';
import { svgToPng, trendChartSvg } from '../../alerts/report/chart.js';
import { CJK_FONTS, needs } from '../helpers/system-packages.js';

const font = needs(CJK_FONTS);

describe.skipIf(font.skip)(font.title('report chart text in the CJK font'), () => {
  it('draws the Chinese title: the picture differs from the same chart without it', () => {
    const svg = trendChartSvg(['2026-11-21', '2026-11-22'], [{ day: '2026-11-22', level: 'red', count: 2 }]);
    expect(svg).toContain('每日信息数量');
    const blankTitle = svg.replace('每日信息数量（按等级）', '');
    expect(svgToPng(svg).equals(svgToPng(blankTitle))).toBe(false);
    // A different Chinese title gives a different picture too: the glyphs themselves are drawn, not one box each.
    const otherTitle = svg.replace('每日信息数量（按等级）', '每月舆情走势（按来源）');
    expect(svgToPng(svg).equals(svgToPng(otherTitle))).toBe(false);
  });
});
