import { DateTime } from 'luxon';
import { relativeMatches } from './relative-dates.js';

/** Options of the date parser: the zone of dates without an offset and the clock for relative dates. */
export interface DateParseOptions {
  timezone: string;
  now: Date;
}

interface Found {
  index: number;
  length: number;
  value: DateTime;
}

type Matcher = (text: string, zone: string, now: DateTime) => Found[];

const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

/** Parses the first date found in `text` (Chinese, numeric, relative, ISO or RFC 822 forms) to ISO 8601 with offset. */
export function parseChineseDate(text: string, options: DateParseOptions): string | undefined {
  const zone = options.timezone;
  const now = DateTime.fromJSDate(options.now).setZone(zone);
  const trimmed = text.replace(/\s+/g, ' ').trim();
  if (!trimmed || !now.isValid) return undefined;
  const found = parseWhole(trimmed, zone) ?? firstMatch(trimmed, zone, now);
  // Relative forms can land anywhere ("17768100小时前"); such a date is no date.
  if (!found || !sane(found)) return undefined;
  // A date in the future is kept as written: the crawler clamps it to the fetch time and flags the article.
  return found.setZone(zone).startOf('second').toISO({ suppressMilliseconds: true }) ?? undefined;
}

/** Whole-string formats: ISO 8601 with offset and RFC 822/HTTP dates from feeds and meta tags. */
function parseWhole(text: string, zone: string): DateTime | undefined {
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) {
    const iso = DateTime.fromISO(text, { zone, setZone: true });
    if (iso.isValid && sane(iso)) return iso;
  }
  // RFC 822 allows named zones (GMT, CST...) that luxon's RFC 2822 parser rejects unless normalised.
  // CST in Chinese feeds is China Standard Time, not US Central.
  const normalised = text.replace(/\b(GMT|UTC|UT)\b/, '+0000').replace(/\bCST\b/, '+0800');
  const rfc = DateTime.fromRFC2822(normalised, { zone, setZone: true });
  if (rfc.isValid && sane(rfc)) return rfc;
  const http = DateTime.fromHTTP(text, { zone, setZone: true });
  if (http.isValid && sane(http)) return http;
  return undefined;
}

function firstMatch(text: string, zone: string, now: DateTime): DateTime | undefined {
  let best: Found | undefined;
  for (const matcher of MATCHERS) {
    for (const f of matcher(text, zone, now)) {
      if (!best || f.index < best.index || (f.index === best.index && f.length > best.length)) best = f;
    }
  }
  return best?.value;
}

/** Years outside [1990, now+5] are misreadings (IDs, phone numbers), not publish dates. */
function sane(d: DateTime): boolean {
  return d.isValid && d.year >= MIN_YEAR && d.year <= MAX_YEAR;
}

function build(zone: string, y: number, mo: number, d: number, h = 0, mi = 0, s = 0): DateTime | undefined {
  if (h > 23 || mi > 59 || s > 59) return undefined;
  const dt = DateTime.fromObject({ year: y, month: mo, day: d, hour: h, minute: mi, second: s }, { zone });
  return sane(dt) ? dt : undefined;
}

function num(s: string | undefined): number {
  return s === undefined ? 0 : Number(s);
}

/** 12-hour markers: 下午 3:00 is 15:00. */
function hour24(h: number, marker: string | undefined): number {
  if (!marker) return h;
  if (/下午|晚上|晚/.test(marker) && h < 12) return h + 12;
  if (/凌晨|上午|早上/.test(marker) && h === 12) return 0;
  return h;
}

function collect(text: string, re: RegExp, make: (m: RegExpExecArray) => DateTime | undefined): Found[] {
  const out: Found[] = [];
  for (const m of text.matchAll(re)) {
    const value = make(m as RegExpExecArray);
    if (value) out.push({ index: m.index ?? 0, length: m[0].length, value });
  }
  return out;
}

const NUMERIC_TIME = String.raw`(?:[\sT]*(上午|下午|晚上|凌晨|早上)?\s*(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?`;
const TIME = String.raw`(?:\s*(上午|下午|晚上|凌晨|早上)?\s*(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2}))?)?`;

const MATCHERS: Matcher[] = [
  // ISO-like with T and optional offset, inside text.
  (text, zone) =>
    collect(
      text,
      /(?<!\d)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g,
      (m) => {
        const d = DateTime.fromISO(m[0], { zone, setZone: true });
        return sane(d) ? d : undefined;
      },
    ),
  // 2025年05月13日 07:34 / 2025年5月13日
  (text, zone) =>
    collect(
      text,
      new RegExp(String.raw`(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?${TIME}`, 'g'),
      (m) => build(zone, num(m[1]), num(m[2]), num(m[3]), hour24(num(m[5]), m[4]), num(m[6]), num(m[7])),
    ),
  // 2025-05-13 07:34:53 / 2025/5/13 / 2025.05.13
  (text, zone) =>
    collect(
      text,
      new RegExp(String.raw`(?<![\d.])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)${NUMERIC_TIME}`, 'g'),
      (m) => build(zone, num(m[1]), num(m[3]), num(m[4]), hour24(num(m[6]), m[5]), num(m[7]), num(m[8])),
    ),
  // 05-13 07:34 and 5月13日 07:34 (the most recent such date, never a future one).
  (text, zone, now) =>
    collect(
      text,
      /(?<![\d\-/.年])(\d{1,2})(?:[-/]|\s*月\s*)(\d{1,2})(?:\s*[日号])?\s+(\d{1,2})[:：](\d{2})(?::(\d{2}))?/g,
      (m) => withYear(zone, now, num(m[1]), num(m[2]), num(m[3]), num(m[4]), num(m[5])),
    ),
  // 5月13日 (no time)
  (text, zone, now) =>
    collect(text, /(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/g, (m) =>
      withYear(zone, now, num(m[1]), num(m[2])),
    ),
  // 半小时前, 三天前, 刚刚, 昨日, 前天 08:00, 上周三 (relative-dates.ts)
  (text, _zone, now) => relativeMatches(text, now),
];

function withYear(
  zone: string,
  now: DateTime,
  mo: number,
  d: number,
  h = 0,
  mi = 0,
  s = 0,
): DateTime | undefined {
  // Without a year the date is the most recent one not after now: a list's "12-31" read in May is last year's.
  // The same calendar day stays (a clock a little behind the site's must not move a post back a year).
  const dt = build(zone, now.year, mo, d, h, mi, s);
  if (dt && dt > now && !dt.hasSame(now, 'day')) return build(zone, now.year - 1, mo, d, h, mi, s);
  return dt;
}
