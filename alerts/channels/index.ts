import type { ChannelConfig } from '../../config/schema.js';
import type { Channel } from '../types.js';
import { createDingtalkChannel } from './dingtalk.js';
import { createEmailChannel } from './email.js';
import { createFeishuChannel } from './feishu.js';
import type { ChannelOptions } from './options.js';
import { createWebhookChannel } from './webhook.js';
import { createWecomChannel } from './wecom.js';

export type { ChannelOptions } from './options.js';

/** One channel from its configuration. */
export function createChannel(name: string, config: ChannelConfig, options: ChannelOptions = {}): Channel {
  switch (config.type) {
    case 'email':
      return createEmailChannel(name, config, options);
    case 'wecom':
      return createWecomChannel(name, config, options);
    case 'dingtalk':
      return createDingtalkChannel(name, config, options);
    case 'feishu':
      return createFeishuChannel(name, config, options);
    case 'webhook':
      return createWebhookChannel(name, config, options);
  }
}

/** Every configured channel by name (channels.yaml). Creating one opens no connection. */
export function createChannels(
  configs: Record<string, ChannelConfig>,
  options: ChannelOptions = {},
): Map<string, Channel> {
  const channels = new Map<string, Channel>();
  for (const [name, config] of Object.entries(configs))
    channels.set(name, createChannel(name, config, options));
  return channels;
}

/** Closes every channel that holds resources (SMTP connections). */
export async function closeChannels(channels: Map<string, Channel>): Promise<void> {
  await Promise.allSettled([...channels.values()].map((c) => c.close?.()));
}
