import { DateTime } from 'luxon';
import type { RoundConfig } from '../config/schema.js';
import { InputError } from '../core/errors.js';

/** A parsed querystring as Fastify hands it over (a repeated parameter becomes an array). */
export type RawQuery = Record<string, unknown>;

/** Reject parameters the route does not know, so a typo such as `levle=red` is not silently ignored. */
export function rejectUnknown(query: RawQuery, allowed: readonly string[]): void {
  for (const name of Object.keys(query)) {
    if (!allowed.includes(name)) throw new InputError(`未知参数 ${name}（可用参数：${allowed.join(', ')}）`);
  }
}

/** The single string value of a parameter; an empty value counts as absent (forms send empty selects). */
export function readString(query: RawQuery, name: string, maxLength = 200): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new InputError(`参数 ${name} 无效：只能出现一次`);
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (trimmed.length > maxLength) throw new InputError(`参数 ${name} 无效：长度不能超过 ${maxLength} 个字符`);
  return trimmed;
}

/** A parameter that must be one of a fixed set of values. */
export function readEnum<T extends string>(
  query: RawQuery,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const value = readString(query, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InputError(`参数 ${name} 无效：「${value}」不是 ${allowed.join('、')} 之一`);
  }
  return value as T;
}

/** An integer parameter within [min, max]. */
export function readInt(query: RawQuery, name: string, min: number, max: number): number | undefined {
  const value = readString(query, name);
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new InputError(`参数 ${name} 无效：应为 ${min} 到 ${max} 之间的整数，收到「${value}」`);
  }
  return Number(value);
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date bound as an ISO time with offset. A bare date means the start (`from`) or the end (`to`) of that day
 * in the configured timezone, so `to=2026-11-22` includes everything published on the 22nd local time.
 */
export function readDate(
  query: RawQuery,
  name: string,
  zone: string,
  bound: 'start' | 'end',
): string | undefined {
  const value = readString(query, name, 40);
  if (value === undefined) return undefined;
  const invalid = () => new InputError(`参数 ${name} 无效：应为 YYYY-MM-DD 或 ISO 时间，收到「${value}」`);
  if (!DATE_ONLY.test(value) && !/^\d{4}-\d{2}-\d{2}T/.test(value)) throw invalid();
  const parsed = DateTime.fromISO(value, { zone, setZone: true });
  if (!parsed.isValid) throw invalid();
  const local = parsed.setZone(zone);
  const moment = DATE_ONLY.test(value)
    ? bound === 'start'
      ? local.startOf('day')
      : local.endOf('day')
    : local;
  const iso = moment.toISO({ suppressMilliseconds: true });
  if (iso === null) throw invalid();
  return iso;
}

/** Check `from` ≤ `to` when both are given. */
export function checkRange(from: string | undefined, to: string | undefined): void {
  if (from !== undefined && to !== undefined && Date.parse(from) > Date.parse(to)) {
    throw new InputError('参数 from 无效：起始时间不能晚于结束时间 to');
  }
}

/** Check round and unit ids against the configuration; a unit must belong to the round when both are given. */
export function checkRoundUnit(rounds: readonly RoundConfig[], roundId?: string, unitId?: string): void {
  const round = roundId === undefined ? undefined : rounds.find((r) => r.id === roundId);
  if (roundId !== undefined && round === undefined)
    throw new InputError(`参数 round 无效：未知轮次「${roundId}」`);
  if (unitId === undefined) return;
  const scope = round === undefined ? rounds : [round];
  if (!scope.some((r) => r.units.some((u) => u.id === unitId))) {
    const where = round === undefined ? '' : `轮次「${round.id}」中`;
    throw new InputError(`参数 unit 无效：${where}未知被巡察单位「${unitId}」`);
  }
}

/** Drop keys whose value is undefined, so a backend may spread the query over its own defaults. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
