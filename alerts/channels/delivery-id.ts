import { createHash } from 'node:crypto';
import type { Delivery } from '../types.js';

/** Standard idempotency header (IETF draft "The Idempotency-Key HTTP Header Field"). */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** The same key under our own name, for receivers that log vendor headers only. */
export const DELIVERY_ID_HEADER = 'x-yuqing-delivery-id';
/** Domain part of the mails' Message-ID. */
const MESSAGE_ID_DOMAIN = 'xuncha-yuqing.invalid';

/** HTTP headers naming the delivery; empty without one (a test message from the CLI). */
export function deliveryHeaders(delivery?: Delivery): Record<string, string> {
  if (!delivery) return {};
  return { [IDEMPOTENCY_HEADER]: delivery.id, [DELIVERY_ID_HEADER]: delivery.id };
}

/** The Message-ID of a delivery's mail: the same on every retry, so a mail system can drop the copy. */
export function deliveryMessageId(delivery: Delivery): string {
  const local = delivery.id.replace(/[^A-Za-z0-9._-]/g, '-');
  return `<${local}@${MESSAGE_ID_DOMAIN}>`;
}

/**
 * The key of one merged message: a digest of the merged outbox ids (order-free), so the same set merged again
 * after a crash carries the same key.
 */
export function mergedDeliveryId(outboxIds: readonly string[]): string {
  const digest = createHash('sha256')
    .update([...outboxIds].sort().join('\n'))
    .digest('hex');
  return `merged-${digest.slice(0, 32)}`;
}
