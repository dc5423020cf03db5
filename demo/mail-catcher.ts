import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { Logger } from '../core/log.js';
import { parseMail } from './mime.js';

/** One mail received by the demo's SMTP catcher. */
export interface ReceivedMail {
  /** ISO 8601 time of receipt. */
  receivedAt: string;
  /** Envelope sender (MAIL FROM). */
  from: string;
  /** Envelope recipients (RCPT TO). */
  to: string[];
  /** Decoded Subject header. */
  subject: string;
  /** Decoded From header as written by the sender. */
  fromHeader: string;
  /** The decoded text/plain part, when the mail has one. */
  text?: string;
  /** The raw message as received (UTF-8 view of the bytes). */
  raw: string;
}

/** A running SMTP catcher. */
export interface MailCatcher {
  /** The port actually bound (useful when 0 was asked). */
  port: number;
  /** Received mails, oldest first (the last `maxMails`). */
  mails(): ReceivedMail[];
  close(): Promise<void>;
}

/** Options of startMailCatcher. */
export interface MailCatcherOptions {
  port: number;
  host: string;
  logger: Logger;
  /** Keep only this many of the newest mails (default 200). */
  maxMails?: number;
  /** Refuse messages larger than this many bytes (default 10 MiB). */
  maxBytes?: number;
}

/** Start a plain-text SMTP server (no TLS, any or no AUTH accepted) that keeps what it receives in memory. */
export async function startMailCatcher(options: MailCatcherOptions): Promise<MailCatcher> {
  const log = options.logger.child({ component: 'demo-mail' });
  const maxMails = options.maxMails ?? 200;
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    // Channel configs may carry user:pass; the catcher accepts them over plain text on loopback.
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    size: maxBytes,
    logger: false,
    banner: 'xuncha-yuqing demo mail catcher',
    closeTimeout: 1000,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'demo' });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (err: Error) => callback(err));
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          callback(Object.assign(new Error('message exceeds the size limit'), { responseCode: 552 }));
          return;
        }
        const raw = Buffer.concat(chunks);
        const parsed = parseMail(raw);
        const mail: ReceivedMail = {
          receivedAt: new Date().toISOString(),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: parsed.subject,
          fromHeader: parsed.from,
          ...(parsed.text !== undefined ? { text: parsed.text } : {}),
          raw: raw.toString('utf8'),
        };
        mails.push(mail);
        if (mails.length > maxMails) mails.splice(0, mails.length - maxMails);
        log.info({ from: mail.from, to: mail.to, subject: mail.subject }, 'mail received');
        callback();
      });
    },
  });
  server.on('error', (err) => log.warn({ err }, 'smtp catcher error'));
  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.server.once('error', onError);
    server.listen(options.port, options.host, () => {
      server.server.off('error', onError);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  log.info({ host: options.host, port }, 'smtp catcher listening');
  return {
    port,
    mails: () => [...mails],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
