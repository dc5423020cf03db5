import { createHmac } from 'node:crypto';
import type { Level, Notice } from '../../core/types.js';
import { alertSubject, oneLine, renderMarkdown } from '../render.js';
import { noticeSubject, renderNoticeMarkdown } from '../render-notice.js';
import type { AlertMessage, Channel, ChannelReply, Delivery } from '../types.js';
import { deliveryHeaders } from './delivery-id.js';
import { checkRobotCode, hostOf, postJson } from './http.js';
import type { ChannelOptions, RobotChannelConfig } from './options.js';

// 9499: too many requests; 11232: message frequency limit.
const RATE_LIMIT_CODES: ReadonlySet<number> = new Set([9499, 11232]);

/** Card header colour of each level. */
const TEMPLATES: Readonly<Record<Level, string>> = {
  red: 'red',
  orange: 'orange',
  yellow: 'yellow',
  green: 'green',
};

/** 飞书 signature: base64(HMAC-SHA256(key = `${timestamp}\n${secret}`, data = empty)), timestamp in seconds. */
export function feishuSign(secret: string, timestampSecs: number): string {
  return createHmac('sha256', `${timestampSecs}\n${secret}`).update('').digest('base64');
}

/** 飞书 custom bot: an interactive card coloured by level; signed when the channel has a `secret`. */
export function createFeishuChannel(
  name: string,
  config: RobotChannelConfig,
  options: ChannelOptions = {},
): Channel {
  const now = options.now ?? Date.now;
  const post = async (
    title: string,
    template: string,
    markdown: string,
    delivery?: Delivery,
  ): Promise<ChannelReply> => {
    const card = {
      config: { wide_screen_mode: true },
      header: { title: { tag: 'plain_text', content: oneLine(title, 100) }, template },
      elements: [{ tag: 'markdown', content: markdown }],
    };
    const signature = config.secret ? signatureFields(config.secret, now()) : {};
    const payload = { ...signature, msg_type: 'interactive', card };
    const reply = await postJson(name, config.url, payload, {
      ...options,
      headers: deliveryHeaders(delivery),
    });
    return checkRobotCode(
      name,
      config.url,
      reply,
      ['code', 'StatusCode'],
      ['msg', 'StatusMessage'],
      RATE_LIMIT_CODES,
    );
  };
  return {
    name,
    type: 'feishu',
    target: hostOf(config.url),
    send: (message: AlertMessage, delivery?: Delivery) =>
      post(
        alertSubject(message),
        TEMPLATES[message.tip.level],
        renderMarkdown(message, 'feishu', { ...options, withHeading: false }),
        delivery,
      ),
    sendNotice: (notice: Notice, delivery?: Delivery) =>
      post(
        noticeSubject(notice),
        'blue',
        renderNoticeMarkdown(notice, 'feishu', { withHeading: false }),
        delivery,
      ),
  };
}

function signatureFields(secret: string, nowMs: number): { timestamp: string; sign: string } {
  const timestampSecs = Math.floor(nowMs / 1000);
  return { timestamp: String(timestampSecs), sign: feishuSign(secret, timestampSecs) };
}
