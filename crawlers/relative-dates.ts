// Relative Chinese dates as bylines show them (刚刚, 半小时前, 三天前, 昨日, 前天 08:00, 上周三 15:06), resolved
// against the fetch clock in the configured zone. Weeks start on Monday, as Chinese calendars print them.
import type { DateTime } from 'luxon';

/** A relative date found in a text: where, how long, and the moment it stands for. */
export interface RelativeMatch {
  index: number;
  length: number;
  value: DateTime;
}

const DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, 末: 6 };
const COUNT = '(\\d+|[零〇一二两三四五六七八九十]{1,3}|半)';
const TIME = '(?:\\s*(上午|下午|晚上|凌晨|早上|中午)?\\s*(\\d{1,2})[:：时点](\\d{1,2})?分?)?';

/** 12, 二十三, 两, 半 (0.5) → a number; undefined for anything else. */
export function chineseCount(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  if (text === '半') return 0.5;
  if (text.includes('十')) {
    const [tens, ones] = text.split('十');
    const t = tens ? DIGIT[tens] : 1;
    const o = ones ? DIGIT[ones] : 0;
    return t === undefined || o === undefined ? undefined : t * 10 + o;
  }
  return text.length === 1 ? DIGIT[text] : undefined;
}

function at(
  day: DateTime,
  marker: string | undefined,
  h: string | undefined,
  mi: string | undefined,
): DateTime | undefined {
  if (h === undefined) return day.startOf('day');
  let hour = Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  if (marker && /下午|晚上/.test(marker) && hour < 12) hour += 12;
  if (marker && /凌晨|上午|早上/.test(marker) && hour === 12) hour = 0;
  if (hour > 23 || minute > 59) return undefined;
  return day.set({ hour, minute, second: 0, millisecond: 0 });
}

function all(text: string, re: RegExp, make: (m: RegExpExecArray) => DateTime | undefined): RelativeMatch[] {
  const out: RelativeMatch[] = [];
  for (const m of text.matchAll(re)) {
    const value = make(m as RegExpExecArray);
    if (value) out.push({ index: m.index ?? 0, length: m[0].length, value });
  }
  return out;
}

/** Every relative date in `text`, against `now` (already in the configured zone). */
export function relativeMatches(text: string, now: DateTime): RelativeMatch[] {
  return [
    // 3小时前, 半小时前, 三天前, 两周前, 5分钟前, 一个月前
    ...all(
      text,
      new RegExp(`${COUNT}\\s*(秒钟?|分钟|分|小时|个?钟头|天|日|周|星期|个?礼拜|个?月|年)(?:以)?前`, 'g'),
      (m) => {
        const n = chineseCount(m[1] ?? '');
        if (n === undefined) return undefined;
        const unit = m[2] ?? '';
        if (unit.startsWith('秒')) return now.minus({ seconds: n });
        if (unit.startsWith('分')) return now.minus({ minutes: n });
        if (unit.includes('时') || unit.includes('钟头')) return now.minus({ minutes: Math.round(n * 60) });
        if (unit === '天' || unit === '日') return now.minus({ hours: Math.round(n * 24) });
        if (/周|星期|礼拜/.test(unit)) return now.minus({ days: Math.round(n * 7) });
        if (unit.endsWith('月')) return now.minus({ days: Math.round(n * 30) });
        return now.minus({ days: Math.round(n * 365) });
      },
    ),
    ...all(text, /刚刚|刚才/g, () => now),
    // 今天 09:15, 昨日, 前天 08:00, 大前天
    ...all(text, new RegExp(`(大前天|今天|今日|昨天|昨日|前天|昨晚|今晨|今早)${TIME}`, 'g'), (m) => {
      const word = m[1] ?? '';
      const back = word === '大前天' ? 3 : word.startsWith('前') ? 2 : word.startsWith('昨') ? 1 : 0;
      // 今天/今日 alone is too common in prose (今日起, 今日头条) to be a date without a clock time.
      if (back === 0 && m[3] === undefined) return undefined;
      return at(now.minus({ days: back }), m[2] ?? (word === '昨晚' ? '晚上' : undefined), m[3], m[4]);
    }),
    // 上周三 15:06, 本周一, 上星期五
    ...all(text, new RegExp(`(上上|上|本|这)(?:周|星期|礼拜)([一二三四五六日天])${TIME}`, 'g'), (m) => {
      const weekday = WEEKDAY[m[2] ?? ''];
      if (!weekday) return undefined;
      const weeksBack = m[1] === '上上' ? 2 : m[1] === '上' ? 1 : 0;
      const day = now
        .startOf('week')
        .minus({ weeks: weeksBack })
        .plus({ days: weekday - 1 });
      const value = at(day, m[3], m[4], m[5]);
      return value && value <= now ? value : undefined;
    }),
  ];
}
