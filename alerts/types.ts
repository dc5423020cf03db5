import type { Notice, Tip } from '../core/types.js';

/** What a channel is asked to deliver: one tip, rendered by each channel in its own format. */
export interface AlertMessage {
  alertId: string;
  tip: Tip;
  /** Name of the round, for the message text. */
  roundName: string;
  /** Link to the tip in the console when settings.console.publicUrl is set. */
  consoleUrl?: string;
  /** The story's level rose after an earlier alert: the message is marked 「升级」. */
  upgrade?: boolean;
  /** The story is active again at the same level after the route's `realert` wait: marked 「再次提醒」. */
  realert?: boolean;
}

/** The receiving side's answer, as far as it says anything. */
export interface ChannelReply {
  ok: boolean;
  /** HTTP status or SMTP response code. */
  status?: number;
  detail?: string;
}

/**
 * Which outbox delivery a message is: `id` is the outbox id (or, for a merged message, a digest of the merged
 * outbox ids), the same on every retry, sent as `Idempotency-Key` / `X-Yuqing-Delivery-Id` (and in the mail's
 * Message-ID) so a receiver can drop the copy a crash between "sent" and "recorded" causes.
 */
export interface Delivery {
  id: string;
}

/** A delivery channel (email, 企业微信, 钉钉, 飞书, webhook). Throws DeliveryError on failure. */
export interface Channel {
  readonly name: string;
  readonly type: string;
  /** Where it delivers, safe to log: a host (and port), never a token or credential. */
  readonly target?: string;
  send(message: AlertMessage, delivery?: Delivery): Promise<ChannelReply>;
  /** Deliver a notice (source health, overdue reminder, digest, test) in the channel's own format. */
  sendNotice(notice: Notice, delivery?: Delivery): Promise<ChannelReply>;
  close?(): Promise<void>;
}
