import { z } from 'zod';
import { str } from './common.js';

const emailChannel = z.object({
  type: z.literal('email'),
  to: z
    .array(z.string(), { error: 'expected a list of addresses' })
    .min(1, { error: 'expected at least one address' }),
  from: str('a sender address'),
  /** smtp://user:pass@host:port or smtps://... */
  smtp: str('an SMTP URL such as smtp://user:pass@mail.example.org:587'),
});
const robotChannel = z.object({
  type: z.enum(['wecom', 'dingtalk', 'feishu', 'webhook']),
  url: z.url({ error: 'expected an http(s) URL', protocol: /^https?$/ }),
  secret: z.string().optional(),
});
export const channelSchema = z.discriminatedUnion('type', [emailChannel, robotChannel], {
  error: 'expected type to be one of email, wecom, dingtalk, feishu, webhook',
});
export const channelsFileSchema = z.record(z.string(), channelSchema, {
  error: 'expected a map of channel names',
});

/** Validated channel entry. */
export type ChannelConfig = z.infer<typeof channelSchema>;
