import { createHmac } from 'node:crypto';
import type { AlertMessage, Channel, ChannelReply } from '../types.js';
import { hostOf, postJson } from './http.js';
import type { ChannelOptions, RobotChannelConfig } from './options.js';

/** Header carrying `sha256=<hex HMAC of the body>` when the webhook channel has a `secret`. */
export const WEBHOOK_SIGNATURE_HEADER = 'x-yuqing-signature';

/** The JSON document a generic webhook receives (version 1). */
export interface WebhookPayload {
  schemaVersion: 1;
  type: 'tip';
  alertId: string;
  tip: AlertMessage['tip'];
  roundName: string;
  consoleUrl?: string;
}

/** The version-1 webhook document of an alert. */
export function webhookPayload(message: AlertMessage): WebhookPayload {
  return {
    schemaVersion: 1,
    type: 'tip',
    alertId: message.alertId,
    tip: message.tip,
    roundName: message.roundName,
    ...(message.consoleUrl !== undefined && { consoleUrl: message.consoleUrl }),
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
  return {
    name,
    type: 'webhook',
    target: hostOf(config.url),
    async send(message: AlertMessage): Promise<ChannelReply> {
      const payload = webhookPayload(message);
      // postJson serialises the same way, so the signature covers exactly the bytes sent.
      const headers = config.secret
        ? { [WEBHOOK_SIGNATURE_HEADER]: webhookSignature(config.secret, JSON.stringify(payload)) }
        : undefined;
      const reply = await postJson(name, config.url, payload, { ...options, ...(headers && { headers }) });
      return { ok: true, status: reply.status, detail: reply.text.slice(0, 200) };
    },
  };
}
