import { createHmac } from 'node:crypto';
import type { Notice } from '../../core/types.js';
import type { AlertMessage, Channel, ChannelReply, Delivery } from '../types.js';
import { deliveryHeaders } from './delivery-id.js';
import { hostOf, postJson } from './http.js';
import type { ChannelOptions, RobotChannelConfig } from './options.js';

/** Header carrying `sha256=<hex HMAC of the body>` when the webhook channel has a `secret`. */
export const WEBHOOK_SIGNATURE_HEADER = 'x-yuqing-signature';

/** Version of the webhook documents; raised only on a change that breaks existing receivers. */
export const WEBHOOK_SCHEMA_VERSION = 1;

/** The JSON document a generic webhook receives for a tip alert (version 1). */
export interface WebhookPayload {
  schemaVersion: 1;
  type: 'tip';
  alertId: string;
  /** True when the story's level rose after an earlier alert (升级). */
  upgrade: boolean;
  /** Present (true) only when the story is active again at the same level after the route's realert wait. */
  realert?: true;
  tip: AlertMessage['tip'];
  roundName: string;
  consoleUrl?: string;
}

/** The JSON document a generic webhook receives for a notice (version 1); attachments are named only. */
export interface WebhookNoticePayload {
  schemaVersion: 1;
  type: 'notice';
  notice: {
    kind: Notice['kind'];
    title: string;
    lines: string[];
    attachments: { filename: string; contentType: string; bytes: number }[];
  };
}

/** The version-1 webhook document of an alert. */
export function webhookPayload(message: AlertMessage): WebhookPayload {
  return {
    schemaVersion: WEBHOOK_SCHEMA_VERSION,
    type: 'tip',
    alertId: message.alertId,
    upgrade: message.upgrade === true,
    ...(message.realert === true && { realert: true as const }),
    tip: message.tip,
    roundName: message.roundName,
    ...(message.consoleUrl !== undefined && { consoleUrl: message.consoleUrl }),
  };
}

/** The version-1 webhook document of a notice. */
export function webhookNoticePayload(notice: Notice): WebhookNoticePayload {
  return {
    schemaVersion: WEBHOOK_SCHEMA_VERSION,
    type: 'notice',
    notice: {
      kind: notice.kind,
      title: notice.title,
      lines: [...notice.lines],
      attachments: (notice.attachments ?? []).map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        bytes: Buffer.from(a.contentBase64, 'base64').length,
      })),
    },
  };
}

/** Signature header value of a body: `sha256=` + hex HMAC-SHA256 with the channel secret. */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** Generic JSON webhook: any 2xx answer means delivered. */
export function createWebhookChannel(
  name: string,
  config: RobotChannelConfig,
  options: ChannelOptions = {},
): Channel {
  const post = async (payload: unknown, delivery?: Delivery): Promise<ChannelReply> => {
    // postJson serialises the same way, so the signature covers exactly the bytes sent.
    const headers = {
      ...deliveryHeaders(delivery),
      ...(config.secret && {
        [WEBHOOK_SIGNATURE_HEADER]: webhookSignature(config.secret, JSON.stringify(payload)),
      }),
    };
    const reply = await postJson(name, config.url, payload, { ...options, headers });
    return { ok: true, status: reply.status, detail: reply.text.slice(0, 200) };
  };
  return {
    name,
    type: 'webhook',
    target: hostOf(config.url),
    send: (message: AlertMessage, delivery?: Delivery) => post(webhookPayload(message), delivery),
    sendNotice: (notice: Notice, delivery?: Delivery) => post(webhookNoticePayload(notice), delivery),
  };
}
