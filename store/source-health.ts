// Source health (信息源健康): each configured source's last runs, failure streak, layout warning and volume.
import { DateTime } from 'luxon';
import type { SourceConfig } from '../config/schema.js';
import type { SourceDayCount, SourceHealthState, Store } from './store.js';

/** Overall state of a source: switched off, never run, layout warning (empty list), failing, or ok. */
export type SourceStatus = 'failing' | 'layout' | 'ok' | 'never' | 'disabled';

/** Chinese label of each status. */
export const SOURCE_STATUS_LABELS: Readonly<Record<SourceStatus, string>> = {
  failing: '失败',
  layout: '疑似改版',
  ok: '正常',
  never: '未运行',
  disabled: '已停用',
};

/** Reason shown for a list page or feed that answered with no items. */
export const LAYOUT_WARNING =
  '列表页或订阅源没有任何条目，选择器可能已失效（网站疑似改版），请检查该信息源的配置';

/** One configured source's health, as shown by `yuqing sources` and GET /api/sources. */
export interface SourceHealth {
  sourceId: string;
  name: string;
  type: SourceConfig['type'];
  url: string;
  enabled: boolean;
  status: SourceStatus;
  statusLabel: string;
  lastRunAt?: string;
  lastSuccessAt?: string;
  lastError?: string;
  lastErrorAt?: string;
  consecutiveFailures: number;
  /** Start of the current failure streak. */
  failingSince?: string;
  /** The streak reached the alert threshold (an admin notice was raised). */
  alerting: boolean;
  /** Set while the last list page or feed gave no items: likely layout change. */
  layoutWarning?: string;
  emptyListAt?: string;
  /** Items stored since the source was first run. */
  itemsStored: number;
  /** Average items stored per day over the window. */
  itemsPerDay: number;
  /** Items stored on each local day of the window, oldest first. */
  daily: { day: string; count: number }[];
}

/** Options of the health computation. */
export interface SourceHealthOptions {
  timezone: string;
  /** Consecutive failures at which a source counts as alerting. */
  failureThreshold: number;
  /** Days of the items-per-day window, today included (default 7). */
  days?: number;
  now?: Date;
}

/** Read the store and compute the health of every configured source (never-run ones included), in config order. */
export async function loadSourceHealth(
  store: Pick<Store, 'listSourceHealthStates' | 'countStoredBySourceDay'>,
  sources: readonly SourceConfig[],
  options: SourceHealthOptions,
): Promise<SourceHealth[]> {
  const window = dayWindow(options.timezone, options.days ?? 7, options.now ?? new Date());
  const [states, counts] = await Promise.all([
    store.listSourceHealthStates(),
    store.countStoredBySourceDay(window.since, window.offsetMinutes),
  ]);
  return buildSourceHealth(sources, states, counts, window.days, options.failureThreshold);
}

/** The local days of a window ending today, and where it starts. */
export function dayWindow(
  timezone: string,
  days: number,
  now: Date,
): { days: string[]; since: string; offsetMinutes: number } {
  const today = DateTime.fromJSDate(now).setZone(timezone).startOf('day');
  const list: string[] = [];
  for (let i = Math.max(1, days) - 1; i >= 0; i -= 1) list.push(today.minus({ days: i }).toISODate() ?? '');
  const start = today.minus({ days: Math.max(1, days) - 1 });
  return { days: list, since: start.toUTC().toISO() ?? now.toISOString(), offsetMinutes: today.offset };
}

/** Pure: join configured sources with their states and per-day counts. */
export function buildSourceHealth(
  sources: readonly SourceConfig[],
  states: readonly SourceHealthState[],
  counts: readonly SourceDayCount[],
  days: readonly string[],
  failureThreshold: number,
): SourceHealth[] {
  const byId = new Map(states.map((s) => [s.sourceId, s]));
  return sources.map((source) => {
    const state = byId.get(source.id);
    const perDay = new Map(counts.filter((c) => c.sourceId === source.id).map((c) => [c.day, c.count]));
    const daily = days.map((day) => ({ day, count: perDay.get(day) ?? 0 }));
    const total = daily.reduce((sum, d) => sum + d.count, 0);
    const status = statusOf(source, state);
    return {
      sourceId: source.id,
      name: source.name,
      type: source.type,
      url: source.url,
      enabled: source.enabled,
      status,
      statusLabel: SOURCE_STATUS_LABELS[status],
      ...(state?.lastRunAt ? { lastRunAt: state.lastRunAt } : {}),
      ...(state?.lastSuccessAt ? { lastSuccessAt: state.lastSuccessAt } : {}),
      ...(state?.lastError ? { lastError: state.lastError } : {}),
      ...(state?.lastErrorAt ? { lastErrorAt: state.lastErrorAt } : {}),
      consecutiveFailures: state?.consecutiveFailures ?? 0,
      ...(state?.failingSince ? { failingSince: state.failingSince } : {}),
      alerting: (state?.consecutiveFailures ?? 0) >= failureThreshold,
      ...(state?.emptyListAt ? { layoutWarning: LAYOUT_WARNING, emptyListAt: state.emptyListAt } : {}),
      itemsStored: state?.itemsStored ?? 0,
      itemsPerDay: Math.round((total / Math.max(1, days.length)) * 10) / 10,
      daily,
    };
  });
}

function statusOf(source: SourceConfig, state: SourceHealthState | undefined): SourceStatus {
  if (!source.enabled) return 'disabled';
  if (!state) return 'never';
  if (state.emptyListAt) return 'layout';
  if (state.consecutiveFailures > 0) return 'failing';
  return 'ok';
}
