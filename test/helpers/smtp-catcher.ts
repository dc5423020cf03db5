import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { type ParsedMail, parseMail } from '../../demo/mime.js';

/** A mail as received: envelope and raw DATA. */
export interface CaughtMail {
  from: string;
  to: string[];
  /** The user that authenticated, if any. */
  user?: string;
  raw: string;
}

/** A loopback SMTP server that keeps every message. */
export interface SmtpCatcher {
  url: string;
  mails: CaughtMail[];
  close(): Promise<void>;
}

/** Options of the catcher: `reject` answers DATA with an error; `account` is the only login accepted. */
export interface CatcherOptions {
  reject?: { code: number; message: string };
  account?: { user: string; pass: string };
}

/** Starts an SMTP catcher on 127.0.0.1 port 0 (no TLS, auth optional). */
export async function startSmtpCatcher(options: CatcherOptions = {}): Promise<SmtpCatcher> {
  const mails: CaughtMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // Plain-text AUTH is fine on loopback without TLS.
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      const ok =
        options.account && auth.username === options.account.user && auth.password === options.account.pass;
      if (ok) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (options.reject) {
          const error = Object.assign(new Error(options.reject.message), {
            responseCode: options.reject.code,
          });
          callback(error);
          return;
        }
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const to = session.envelope.rcptTo.map((r) => r.address);
        const user = typeof session.user === 'string' ? session.user : undefined;
        mails.push({ from, to, ...(user && { user }), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A caught mail parsed by the demo's MIME reader (the same one its /mail/ page uses). */
export function parseCaught(raw: string): ParsedMail {
  return parseMail(Buffer.from(raw, 'utf8'));
}

/** Subject and every decoded part of a raw mail, for "does the mail mention X" assertions. */
export function mailText(raw: string): string {
  const mail = parseCaught(raw);
  return [mail.subject, ...mail.parts.map((p) => p.text)].join('\n');
}
