import type { DateStyle } from '../content/types.js';

// The demo pretends to be Chinese sites: every printed date is Beijing time (UTC+8, no DST).
const OFFSET_MS = 8 * 3600_000;
const pad = (n: number): string => String(n).padStart(2, '0');

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Days since the epoch in local time, to compare calendar days. */
  dayNumber: number;
}

function local(date: Date): LocalParts {
  const shifted = new Date(date.getTime() + OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    dayNumber: Math.floor(shifted.getTime() / 86_400_000),
  };
}

/** The date `minutesAgo` minutes before `now`. */
export function minutesBefore(now: Date, minutesAgo: number): Date {
  return new Date(now.getTime() - minutesAgo * 60_000);
}

/** `2026-11-22` in Beijing time, as list pages print it. */
export function isoDay(date: Date): string {
  const p = local(date);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** `2026-11-22 09:30` in Beijing time. */
export function isoMinute(date: Date): string {
  const p = local(date);
  return `${isoDay(date)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** RFC 822 date with the +0800 offset, for RSS pubDate. */
export function rfc822(date: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const shifted = new Date(date.getTime() + OFFSET_MS);
  const p = local(date);
  return `${days[shifted.getUTCDay()]}, ${pad(p.day)} ${months[p.month - 1]} ${p.year} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)} +0800`;
}

/** Print `date` the way a Chinese site of the given style would, relative to `now` where the style is relative. */
export function formatChineseDate(date: Date, style: DateStyle, now: Date): string {
  const p = local(date);
  const hm = `${pad(p.hour)}:${pad(p.minute)}`;
  switch (style) {
    case 'cn-minute':
      return `${p.year}年${pad(p.month)}月${pad(p.day)}日 ${hm}`;
    case 'iso-seconds':
      return `${isoDay(date)} ${hm}:${pad(p.second)}`;
    case 'slash-date':
      return `${p.year}/${p.month}/${p.day}`;
    case 'relative':
      return relative(date, now);
    case 'yesterday':
      return dayWord(local(now).dayNumber - p.dayNumber, date, hm);
  }
}

function relative(date: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - date.getTime()) / 60_000));
  if (minutes < 1) return '刚刚';
  if (minutes < 60) return `${minutes}分钟前`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)}小时前`;
  return `${Math.floor(minutes / (24 * 60))}天前`;
}

function dayWord(daysAgo: number, date: Date, hm: string): string {
  if (daysAgo === 0) return `今天 ${hm}`;
  if (daysAgo === 1) return `昨天 ${hm}`;
  if (daysAgo === 2) return `前天 ${hm}`;
  return isoMinute(date);
}
