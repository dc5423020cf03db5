import { createTransport } from 'nodemailer';
import { DeliveryError } from '../../core/errors.js';
import type { Notice } from '../../core/types.js';
import { renderEmail } from '../render.js';
import { renderNoticeEmail } from '../render-notice.js';
import type { AlertMessage, Channel, ChannelReply, Delivery } from '../types.js';
import { DELIVERY_ID_HEADER, deliveryMessageId } from './delivery-id.js';
import { DEFAULT_TIMEOUT_MS } from './http.js';
import type { ChannelOptions, EmailChannelConfig } from './options.js';

/** Host and port of an SMTP URL, without the credentials it may carry. */
export function smtpHost(smtpUrl: string): string {
  try {
    return new URL(smtpUrl).host;
  } catch {
    return '(invalid smtp url)';
  }
}

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  message?: string;
}

/**
 * Maps a nodemailer failure: a 5xx reply (bad recipient, auth refused) is permanent, a 4xx reply is
 * temporary, and connection trouble (refused, DNS, timeout, TLS) is worth retrying.
 */
export function smtpDeliveryError(channel: string, host: string, error: unknown): DeliveryError {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as SmtpFailure;
  const text = failure.message ?? String(error);
  let retryable: boolean;
  if (typeof failure.responseCode === 'number') retryable = failure.responseCode < 500;
  else retryable = !['EAUTH', 'ENOAUTH', 'EENVELOPE', 'EMESSAGE', 'EOAUTH2'].includes(failure.code ?? '');
  const code = failure.code ? ` [${failure.code}]` : '';
  return new DeliveryError(channel, `SMTP ${host}: ${text}${code}`, retryable, { cause: error });
}

/** Email through an SMTP server given as a URL (smtp://user:pass@host:port or smtps://…). */
export function createEmailChannel(
  name: string,
  config: EmailChannelConfig,
  options: ChannelOptions = {},
): Channel {
  const host = smtpHost(config.smtp);
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const transport = createTransport({
    url: config.smtp,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    // Sending the DATA of a large mail on a slow line may take longer than the handshake.
    socketTimeout: timeout * 3,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const deliver = async (
    mail: {
      subject: string;
      text: string;
      html: string;
      attachments?: { filename: string; contentType: string; content: Buffer }[];
    },
    delivery?: Delivery,
  ): Promise<ChannelReply> => {
    const identity = delivery
      ? { messageId: deliveryMessageId(delivery), headers: { [DELIVERY_ID_HEADER]: delivery.id } }
      : {};
    try {
      const info = await transport.sendMail({ from: config.from, to: config.to, ...mail, ...identity });
      const response = String(info.response ?? '');
      const status = Number.parseInt(response, 10);
      return { ok: true, ...(Number.isFinite(status) && { status }), detail: response.slice(0, 200) };
    } catch (error) {
      throw smtpDeliveryError(name, host, error);
    }
  };
  return {
    name,
    type: 'email',
    target: host,
    send: (message: AlertMessage, delivery?: Delivery) => deliver(renderEmail(message, options), delivery),
    sendNotice: (notice: Notice, delivery?: Delivery) => deliver(renderNoticeEmail(notice), delivery),
    async close(): Promise<void> {
      transport.close();
    },
  };
}
