import type { ChannelConfig } from '../../config/schema.js';

/** Settings common to every channel, given by the composition root (and by tests). */
export interface ChannelOptions {
  /** HTTP/SMTP answer timeout in ms; default 10 s. */
  timeoutMs?: number;
  /** IANA zone of times in the message text; default Asia/Shanghai. */
  timeZone?: string;
  /** Clock for robot signatures (ms since epoch). */
  now?: () => number;
}

/** An email channel's configuration. */
export type EmailChannelConfig = Extract<ChannelConfig, { type: 'email' }>;

/** A robot or webhook channel's configuration (a URL and an optional secret). */
export type RobotChannelConfig = Exclude<ChannelConfig, { type: 'email' }>;
