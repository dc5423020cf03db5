import { createHmac } from 'node:crypto';
import type { Notice } from '../../core/types.js';
import { alertSubject, oneLine, renderMarkdown } from '../render.js';
import { noticeSubject, renderNoticeMarkdown } from '../render-notice.js';
import type { AlertMessage, Channel, ChannelReply, Delivery } from '../types.js';
import { deliveryHeaders } from './delivery-id.js';
import { checkRobotCode, hostOf, postJson } from './http.js';
import type { ChannelOptions, RobotChannelConfig } from './options.js';

// 130101: too many messages (a custom robot takes 20 a minute).
const RATE_LIMIT_CODES: ReadonlySet<number> = new Set([130101]);

/** 钉钉 signature: base64(HMAC-SHA256(key = secret, data = `${timestamp}\n${secret}`)), timestamp in ms. */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/** The robot URL with `timestamp` and the URL-encoded `sign` appended, as 加签 requires. */
export function signedDingtalkUrl(url: string, secret: string, timestampMs: number): string {
  const u = new URL(url);
  u.searchParams.set('timestamp', String(timestampMs));
  u.searchParams.set('sign', dingtalkSign(secret, timestampMs));
  return u.href;
}

/** 钉钉 custom robot: a markdown message; signed when the channel has a `secret`. */
export function createDingtalkChannel(
  name: string,
  config: RobotChannelConfig,
  options: ChannelOptions = {},
): Channel {
  const now = options.now ?? Date.now;
  const post = async (title: string, text: string, delivery?: Delivery): Promise<ChannelReply> => {
    const payload = { msgtype: 'markdown', markdown: { title: oneLine(title, 60), text } };
    const url = config.secret ? signedDingtalkUrl(config.url, config.secret, now()) : config.url;
    const reply = await postJson(name, url, payload, { ...options, headers: deliveryHeaders(delivery) });
    return checkRobotCode(name, url, reply, ['errcode'], ['errmsg'], RATE_LIMIT_CODES);
  };
  return {
    name,
    type: 'dingtalk',
    target: hostOf(config.url),
    send: (message: AlertMessage, delivery?: Delivery) =>
      post(alertSubject(message), renderMarkdown(message, 'dingtalk', options), delivery),
    sendNotice: (notice: Notice, delivery?: Delivery) =>
      post(noticeSubject(notice), renderNoticeMarkdown(notice, 'dingtalk'), delivery),
  };
}
