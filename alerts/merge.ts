import type { Notice, Tip } from '../core/types.js';
import { formatLocalTime, LEVEL_NAMES, oneLine } from './render.js';

/** One tip alert in a merged message. */
export interface MergedItem {
  tip: Tip;
  upgrade: boolean;
  /** Sent again at the same level after the route's realert wait. */
  realert?: boolean;
  consoleUrl?: string;
}

/**
 * One robot message listing several tip alerts, for a burst above the robot's per-minute limit or after it said
 * "too many". Sent as a notice so every channel renders it with its notice layout.
 */
export function mergedNotice(items: readonly MergedItem[], timeZone?: string): Notice {
  const lines = items.map(({ tip, upgrade, realert, consoleUrl }, i) => {
    const mark = upgrade ? '【升级】' : realert ? '【再次提醒】' : '';
    const when = formatLocalTime(tip.publishedAt, timeZone);
    const link = consoleUrl ?? tip.url;
    return (
      `${i + 1}. ${mark}【${LEVEL_NAMES[tip.level]}】${oneLine(tip.unitName, 40)}：${oneLine(tip.title, 80)}` +
      `（${oneLine(tip.sourceName, 30)}，${when}） ${link}`
    );
  });
  const upgrades = items.filter((x) => x.upgrade).length;
  const realerts = items.filter((x) => x.realert && !x.upgrade).length;
  const red = items.filter((x) => x.tip.level === 'red').length;
  const summary = [
    `共 ${items.length} 条线索`,
    red > 0 && `红色 ${red} 条`,
    upgrades > 0 && `升级 ${upgrades} 条`,
    realerts > 0 && `再次提醒 ${realerts} 条`,
  ]
    .filter(Boolean)
    .join('，');
  return {
    kind: 'digest',
    title: `【预警合并】${items.length} 条线索（发送频率受限，合并推送）`,
    lines: [`${summary}。`, ...lines],
  };
}
