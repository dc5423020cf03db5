// A store, a fake clock and loopback receivers for the delivery tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { closeChannels, createChannels } from '../../../alerts/channels/index.js';
import { createAlertSender, type SendResult } from '../../../alerts/sender.js';
import type { ChannelConfig } from '../../../config/schema.js';
import { silentLogger } from '../../../core/log.js';
import type { Assessment, ProcessedArticle } from '../../../core/types.js';
import { SqliteStore } from '../../../store/sqlite/sqlite-store.js';
import { assessment, plantedArticle } from './fixtures.js';

/** A store in a temp dir with a clock the test moves, and a sender over given channels. */
export interface DeliveryEnv {
  store: SqliteStore;
  advance(ms: number): void;
  now(): Date;
  /** Build the sender (once the channels are known); runs keep their throttles like the service. */
  useChannels(configs: Record<string, ChannelConfig>): void;
  send(): Promise<SendResult>;
  close(): Promise<void>;
}

/** Starts an env at 2026-11-22 10:00 (+08:00). */
export async function startDeliveryEnv(): Promise<DeliveryEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'yuqing-delivery-'));
  let clock = new Date('2026-11-22T02:00:00.000Z');
  const store = new SqliteStore({ path: join(dir, 'yuqing.db'), logger: silentLogger(), clock: () => clock });
  await store.init();
  let channels: ReturnType<typeof createChannels> | undefined;
  let sender: ReturnType<typeof createAlertSender> | undefined;
  return {
    store,
    advance(ms) {
      clock = new Date(clock.getTime() + ms);
    },
    now: () => clock,
    useChannels(configs) {
      channels = createChannels(configs, { timeoutMs: 2_000 });
      sender = createAlertSender({
        store,
        channels,
        roundNames: new Map([['2026-r4', '明州市委2026年第四轮巡察']]),
        logger: silentLogger(),
        now: () => clock,
        random: () => 0.5,
        // Pacing (飞书 5/s) moves the test's clock instead of waiting.
        sleep: async (ms) => {
          clock = new Date(clock.getTime() + ms);
        },
      });
    },
    send() {
      if (!sender) throw new Error('useChannels first');
      return sender.runOnce();
    },
    async close() {
      if (channels) await closeChannels(channels);
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A free loopback port (nothing listens on it until the test starts a server there). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

/** An SMTP server on a given loopback port that keeps each raw mail. */
export async function startSmtpOn(port: number): Promise<{ mails: string[]; close(): Promise<void> }> {
  const mails: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push(Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The n-th item of a story about zjj: its own URL, site and score. */
export function storyItem(
  key: string,
  score: number,
  level: Assessment['level'],
  site = 'demo-forum',
): ProcessedArticle {
  const base = plantedArticle([assessment({ score, level })]);
  return {
    ...base,
    id: `item-${key}`,
    url: `http://127.0.0.1:8931/forum/thread-${key}.html`,
    sourceId: site,
    contentHash: `${key}`.padEnd(64, '0'),
    score,
    level,
  };
}
