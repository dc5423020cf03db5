// When an alert is given up (dead), the admin channels hear of it, so a red tip that reached nobody does not go
// unnoticed; the console's 失败预警 page and the dashboard show the same dead letters.
import { DateTime } from 'luxon';
import { alertErrorText, CHANNEL_TYPE_LABELS, LEVEL_LABELS, NOTICE_KIND_LABELS } from '../core/labels.js';
import type { Logger } from '../core/log.js';
import type { Notice, OutboxAlert, Tip } from '../core/types.js';
import type { Store } from '../store/store.js';

/** What the notifier needs: the store, the configured channels and where the console is. */
export interface DeadNoticeDeps {
  store: Pick<Store, 'getTip' | 'getNotice' | 'enqueueNotice'>;
  /** settings.alerts.adminChannels. */
  adminChannels: readonly string[];
  /** Channel name → type (email, wecom…) of every configured channel. */
  channelTypes: ReadonlyMap<string, string>;
  /** The console's public URL, for a link to the 失败预警 page. */
  consoleUrl?: string;
  timeZone: string;
  logger: Logger;
}

/** The dead alert: what it was about, in Chinese lines. */
function aboutLines(alert: OutboxAlert, tip: Tip | undefined, notice: Notice | undefined): string[] {
  if (tip) {
    return [
      `线索：【${LEVEL_LABELS[tip.level]}】${tip.title}`,
      `被巡察单位：${tip.unitName}${tip.team ? `（${tip.team}）` : ''}`,
      `来源：${tip.sourceName}　${tip.url}`,
    ];
  }
  if (notice) return [`通知：${NOTICE_KIND_LABELS[notice.kind] ?? '系统通知'}「${notice.title}」`];
  return [alert.tipId ? `线索编号：${alert.tipId}（已不存在）` : '通知内容已不存在'];
}

/** The notice telling the admin that an alert was given up. */
export function deadAlertNotice(
  alert: OutboxAlert,
  tip: Tip | undefined,
  notice: Notice | undefined,
  deps: Pick<DeadNoticeDeps, 'channelTypes' | 'consoleUrl' | 'timeZone'>,
): Notice {
  const type = deps.channelTypes.get(alert.channel);
  const channel = `${alert.channel}${type ? `（${CHANNEL_TYPE_LABELS[type] ?? type}）` : ''}`;
  // A dead alert's next attempt time is when it was given up.
  const lastTry = DateTime.fromISO(alert.nextAttemptAt).setZone(deps.timeZone).toFormat('yyyy-MM-dd HH:mm');
  const what = tip ? `${LEVEL_LABELS[tip.level]}色线索` : '系统通知';
  const lines = [
    ...aboutLines(alert, tip, notice),
    `发送渠道：${channel}`,
    `已尝试 ${alert.attempts} 次，最后一次：${lastTry}`,
    `失败原因：${alertErrorText(alert.lastError)}`,
    deps.consoleUrl
      ? `请检查渠道配置后在控制台「失败预警」页重试或标记已处理：${deps.consoleUrl}/failed-alerts`
      : '请检查渠道配置后在控制台「失败预警」页重试或标记已处理。',
  ];
  return { kind: 'dead-alert', title: `预警发送失败：${what}未送达（${alert.channel}）`, lines };
}

/**
 * Queue the admin notice about a dead alert; never throws. Channels other than the one that failed come first:
 * the failed one is used only when it is the sole admin channel. A dead 预警失败提醒 raises nothing (no loop).
 * Returns the outbox ids queued.
 */
export async function notifyDeadAlert(deps: DeadNoticeDeps, alert: OutboxAlert): Promise<string[]> {
  const log = deps.logger.child({ component: 'dead-alert', alertId: alert.id, channel: alert.channel });
  try {
    const notice = alert.noticeId ? await deps.store.getNotice(alert.noticeId) : undefined;
    if (notice?.kind === 'dead-alert') return [];
    const known = deps.adminChannels.filter((name) => deps.channelTypes.has(name));
    const others = known.filter((name) => name !== alert.channel);
    const channels = others.length > 0 ? others : known;
    if (channels.length === 0) {
      log.error('alert given up and no admin channel to tell (settings.alerts.adminChannels)');
      return [];
    }
    const tip = alert.tipId ? await deps.store.getTip(alert.tipId) : undefined;
    const body = deadAlertNotice(alert, tip, notice, deps);
    // One notice per death: a re-queued alert that dies again is news again.
    return await deps.store.enqueueNotice(channels, body, `dead-alert:${alert.id}:${alert.nextAttemptAt}`);
  } catch (error) {
    log.error({ err: error }, 'dead alert notice not queued');
    return [];
  }
}
