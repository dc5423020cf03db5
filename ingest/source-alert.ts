// One admin notice per failure streak of a source (not one per failed cycle).
import { DateTime } from 'luxon';
import type { SourceConfig } from '../config/schema.js';
import type { Notice } from '../core/types.js';
import { LAYOUT_WARNING } from '../store/source-health.js';
import type { SourceHealthState } from '../store/store.js';
import type { App } from './app.js';

/** The dedup key of a streak's notice: the same streak never queues a second one. */
export function sourceAlertKey(state: SourceHealthState): string {
  return `source-health:${state.sourceId}:${state.failingSince ?? state.lastErrorAt ?? state.lastRunAt ?? ''}`;
}

/** The notice telling the admin that a source keeps failing (Chinese text). */
export function sourceFailureNotice(
  source: SourceConfig,
  state: SourceHealthState,
  timezone: string,
): Notice {
  const time = (iso: string | undefined) =>
    iso ? DateTime.fromISO(iso).setZone(timezone).toFormat('yyyy-MM-dd HH:mm') : '从未';
  const lines = [
    `信息源：${source.name}（${source.id}）`,
    `地址：${source.url}`,
    `已连续失败 ${state.consecutiveFailures} 轮，自 ${time(state.failingSince)} 起`,
    `最近错误：${state.lastError ?? '未知错误'}（${time(state.lastErrorAt ?? state.lastRunAt)}）`,
    `最近成功：${time(state.lastSuccessAt)}`,
  ];
  if (state.emptyListAt) lines.push(`提示：${LAYOUT_WARNING}`);
  lines.push('恢复正常前不再重复提醒；可用 yuqing sources 查看所有信息源的状态。');
  return { kind: 'source-health', title: `信息源连续失败：${source.name}`, lines };
}

/**
 * After a source run: when its failure streak has reached settings.alerts.sourceFailureThreshold, queue one
 * notice to settings.alerts.adminChannels (deduplicated per streak). Returns the outbox ids queued; errors are
 * logged, never thrown, so the cycle goes on.
 */
export async function raiseSourceAlert(
  app: Pick<App, 'config' | 'store' | 'logger'>,
  source: SourceConfig,
): Promise<string[]> {
  const log = app.logger.child({ component: 'source-health', source: source.id });
  const { adminChannels, sourceFailureThreshold } = app.config.settings.alerts;
  try {
    const state = await app.store.getSourceHealthState(source.id);
    if (!state || state.consecutiveFailures < sourceFailureThreshold) return [];
    const channels = adminChannels.filter((name) => {
      const known = app.config.channels[name] !== undefined;
      if (!known) log.warn({ channel: name }, 'settings.alerts.adminChannels names an unknown channel');
      return known;
    });
    if (channels.length === 0) {
      log.warn({ failures: state.consecutiveFailures }, 'source keeps failing; no admin channel to tell');
      return [];
    }
    const notice = sourceFailureNotice(source, state, app.config.settings.timezone);
    const ids = await app.store.enqueueNotice(channels, notice, sourceAlertKey(state));
    if (ids.length > 0)
      log.warn({ failures: state.consecutiveFailures, channels }, 'source failure notice queued');
    return ids;
  } catch (error) {
    log.error({ err: error }, 'source failure notice not queued');
    return [];
  }
}
