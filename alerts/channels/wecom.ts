import type { Notice } from '../../core/types.js';
import { renderMarkdown } from '../render.js';
import { renderNoticeMarkdown } from '../render-notice.js';
import type { AlertMessage, Channel, ChannelReply, Delivery } from '../types.js';
import { deliveryHeaders } from './delivery-id.js';
import { checkRobotCode, hostOf, postJson } from './http.js';
import type { ChannelOptions, RobotChannelConfig } from './options.js';

// 45009: API call frequency exceeded (a group robot takes 20 messages a minute).
const RATE_LIMIT_CODES: ReadonlySet<number> = new Set([45009]);

/** 企业微信 group robot: a markdown message POSTed to the robot's webhook URL. */
export function createWecomChannel(
  name: string,
  config: RobotChannelConfig,
  options: ChannelOptions = {},
): Channel {
  const post = async (content: string, delivery?: Delivery): Promise<ChannelReply> => {
    const payload = { msgtype: 'markdown', markdown: { content } };
    const reply = await postJson(name, config.url, payload, {
      ...options,
      headers: deliveryHeaders(delivery),
    });
    return checkRobotCode(name, config.url, reply, ['errcode'], ['errmsg'], RATE_LIMIT_CODES);
  };
  return {
    name,
    type: 'wecom',
    target: hostOf(config.url),
    send: (message: AlertMessage, delivery?: Delivery) =>
      post(renderMarkdown(message, 'wecom', options), delivery),
    sendNotice: (notice: Notice, delivery?: Delivery) =>
      post(renderNoticeMarkdown(notice, 'wecom'), delivery),
  };
}
