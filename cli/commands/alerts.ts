import { resolve } from 'node:path';
import { closeChannels, createChannel } from '../../alerts/channels/index.js';
import { formatLocalTime } from '../../alerts/render.js';
import { loadConfig } from '../../config/loader.js';
import { InputError, YuqingError } from '../../core/errors.js';
import { alertErrorText } from '../../core/labels.js';
import type { Notice, OutboxAlert } from '../../core/types.js';
import { commandLogger, type GlobalOptions, withApp } from '../command-context.js';
import { type CommandIo, processIo } from './tip-format.js';

/** Options of `yuqing alerts`. */
export interface AlertsOptions extends GlobalOptions {
  /** Only alerts that failed: dead ones (given up) and pending ones with a failed attempt. */
  failed?: boolean;
  json?: boolean;
}

const STATUS_LABELS: Readonly<Record<OutboxAlert['status'], string>> = {
  pending: '待发送',
  sent: '已发送',
  dead: '已放弃',
};

const MAX_LISTED = 200;

/** One alert as a text line: status, channel, what it carries, attempts and the last error; times in `timeZone`. */
export function alertLine(alert: OutboxAlert, timeZone: string): string {
  const what = alert.noticeId
    ? `通知 ${alert.noticeId.slice(0, 8)}`
    : `线索 ${alert.tipId}${alert.upgrade ? '（升级）' : ''}`;
  const status = alert.status === 'pending' && alert.attempts > 0 ? '重试中' : STATUS_LABELS[alert.status];
  const when =
    alert.status === 'sent'
      ? `发送于 ${formatLocalTime(alert.sentAt, timeZone)}`
      : `${alert.status === 'dead' ? '最后计划' : '下次尝试'} ${formatLocalTime(alert.nextAttemptAt, timeZone)}`;
  const error = alert.lastError ? `  错误：${alertErrorText(alert.lastError)}` : '';
  const handled = alert.handledAt
    ? `  （${alert.handledBy ?? ''} 已于 ${formatLocalTime(alert.handledAt, timeZone)} 标记已处理）`
    : '';
  return `[${status}] ${alert.channel}  ${what}  尝试 ${alert.attempts} 次  ${when}${error}${handled}`;
}

/** `yuqing alerts [--failed] [--json]`: the outbox, newest first; `--json` prints `{ total, dead, alerts }`. */
export async function alertsCommand(options: AlertsOptions, io: CommandIo = processIo): Promise<void> {
  const { all, zone } = await withApp(options, commandLogger(false), async (app) => ({
    all: await app.store.listAlerts(),
    zone: app.config.settings.timezone,
  }));
  const alerts = options.failed
    ? all.filter((a) => a.status === 'dead' || (a.status === 'pending' && a.attempts > 0))
    : all;
  const dead = all.filter((a) => a.status === 'dead').length;
  if (options.json) {
    io.out(
      `${JSON.stringify({ total: alerts.length, dead, alerts: alerts.slice(0, MAX_LISTED) }, null, 2)}\n`,
    );
    return;
  }
  const title = options.failed
    ? `共 ${alerts.length} 条发送失败的告警（已放弃 ${dead} 条）`
    : `共 ${alerts.length} 条告警（已放弃 ${dead} 条）`;
  const more =
    alerts.length > MAX_LISTED ? [`……另有 ${alerts.length - MAX_LISTED} 条，请用 --json 查看`] : [];
  io.out(`${[title, ...alerts.slice(0, MAX_LISTED).map((a) => alertLine(a, zone)), ...more].join('\n')}\n`);
}

/** The message `yuqing alerts test` sends. */
export function testNotice(channel: string, at: Date, timeZone: string): Notice {
  return {
    kind: 'test',
    title: '【测试】巡察舆情监测告警通道测试',
    lines: [
      `这是一条测试消息，用于确认告警通道「${channel}」配置正确。`,
      `发送时间：${formatLocalTime(at.toISOString(), timeZone)}`,
      '收到本消息说明线索预警可以正常送达，无需处理。',
    ],
  };
}

/**
 * `yuqing alerts test CHANNEL`: send a test message now (not through the outbox) and print the channel's
 * answer. A failed delivery prints the reason and sets exit code 1.
 */
export async function alertsTestCommand(
  channelName: string,
  options: GlobalOptions,
  io: CommandIo = processIo,
): Promise<void> {
  const config = await loadConfig(resolve(options.config), { dataDir: options.data });
  const channelConfig = config.channels[channelName];
  if (!channelConfig) {
    const known = Object.keys(config.channels).join(', ') || '（无）';
    throw new InputError(`未知告警通道「${channelName}」（channels.yaml 中定义的有：${known}）`);
  }
  const channel = createChannel(channelName, channelConfig, { timeZone: config.settings.timezone });
  try {
    const reply = await channel.sendNotice(testNotice(channelName, new Date(), config.settings.timezone));
    const target = channel.target ? `（${channel.target}）` : '';
    io.out(
      `通道 ${channelName}${target} 应答：${reply.ok ? '成功' : '失败'}` +
        `${reply.status !== undefined ? ` 状态 ${reply.status}` : ''}${reply.detail ? ` ${reply.detail}` : ''}\n`,
    );
    if (!reply.ok) process.exitCode = 1;
  } catch (error) {
    if (!(error instanceof YuqingError)) throw error;
    io.err(`通道 ${channelName} 发送失败：${error.message}\n`);
    process.exitCode = 1;
  } finally {
    await closeChannels(new Map([[channelName, channel]]));
  }
}
