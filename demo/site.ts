import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InputError, YuqingError } from '../core/errors.js';
import { type Logger, silentLogger } from '../core/log.js';
import { createHookSink, type HookSink, type ReceivedHook } from './hook-sink.js';
import { type MailCatcher, type ReceivedMail, startMailCatcher } from './mail-catcher.js';
import { type PageResponse, type RouteState, routeGet } from './routes.js';

export type { ReceivedHook } from './hook-sink.js';
export type { ReceivedMail } from './mail-catcher.js';

/** Options of startDemoSite. */
export interface DemoSiteOptions {
  /** HTTP port; 0 (the default) picks a free one. */
  port?: number;
  /** A loopback host (default 127.0.0.1); anything else is refused. */
  host?: string;
  /** Also start the SMTP catcher on this port (0 picks a free one). */
  smtpPort?: number;
  /** The site's start time: every printed date is relative to it. */
  now?: Date;
  logger?: Logger;
}

/** A running demo site. */
export interface DemoSite {
  /** Base URL without trailing slash, e.g. http://127.0.0.1:8931. */
  url: string;
  /** The SMTP catcher's actual port, when it was started. */
  smtpPort?: number;
  close(): Promise<void>;
  /** Robot messages POSTed to /hooks/<name>, oldest first. */
  receivedHooks(): ReceivedHook[];
  /** Mails received by the SMTP catcher, oldest first. */
  receivedMails(): ReceivedMail[];
}

const MAX_HOOK_BYTES = 1024 * 1024;
const HOOK_NAME = /^\/hooks\/([A-Za-z0-9_.-]{1,64})\/?$/;

/** Whether `host` names the loopback interface. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Serve the offline demo site (and optionally its SMTP catcher) on loopback. */
export async function startDemoSite(options: DemoSiteOptions = {}): Promise<DemoSite> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) {
    throw new InputError(
      `demo site: host "${host}" is not a loopback address; use 127.0.0.1, ::1 or localhost`,
    );
  }
  const rootLogger = options.logger ?? silentLogger();
  const logger = rootLogger.child({ component: 'demo-site' });
  const now = options.now ?? new Date();
  const hooks = createHookSink();
  let mail: MailCatcher | undefined;
  if (options.smtpPort !== undefined) {
    mail = await startMailCatcher({ port: options.smtpPort, host, logger: rootLogger }).catch(
      (err: unknown) => {
        throw new YuqingError(
          'E_DEMO_LISTEN',
          `demo site: cannot listen for SMTP on ${host}:${options.smtpPort}`,
          {
            cause: err,
          },
        );
      },
    );
  }
  const state: RouteState = {
    now,
    baseUrl: '',
    ...(mail ? { smtpPort: mail.port } : {}),
    hooks: () => hooks.list(),
    mails: () => mail?.mails() ?? [],
  };
  const server = createServer((req, res) => {
    handle(req, res, state, hooks, logger).catch((err: unknown) => {
      logger.error({ err, url: req.url }, 'demo request failed');
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('500 服务器内部错误');
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await mail?.close();
    throw new YuqingError('E_DEMO_LISTEN', `demo site: cannot listen on ${host}:${options.port ?? 0}`, {
      cause: err,
    });
  }
  const port = (server.address() as AddressInfo).port;
  state.baseUrl = `http://${urlHost(host)}:${port}`;
  logger.info({ url: state.baseUrl, smtpPort: mail?.port }, 'demo site listening');
  return {
    url: state.baseUrl,
    ...(mail ? { smtpPort: mail.port } : {}),
    receivedHooks: () => hooks.list(),
    receivedMails: () => mail?.mails() ?? [],
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await mail?.close();
    },
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  state: RouteState,
  hooks: HookSink,
  logger: Logger,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://demo.invalid');
  const method = req.method ?? 'GET';
  logger.debug({ method, path: url.pathname }, 'demo request');
  const hookName = HOOK_NAME.exec(url.pathname)?.[1];
  if (method === 'POST' && hookName) {
    send(res, method, await receiveHook(req, hookName, url.searchParams, hooks, logger));
    return;
  }
  if (method !== 'GET' && method !== 'HEAD') {
    send(res, method, {
      status: 405,
      contentType: 'text/plain; charset=utf-8',
      body: '405 不支持的请求方法',
    });
    return;
  }
  send(res, method, routeGet(url.pathname, url.searchParams, state));
}

async function receiveHook(
  req: IncomingMessage,
  name: string,
  params: URLSearchParams,
  hooks: HookSink,
  logger: Logger,
): Promise<PageResponse> {
  const answer = (status: number, errcode: number, errmsg: string): PageResponse => ({
    status,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify({ errcode, errmsg }),
  });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_HOOK_BYTES) return answer(413, 45002, 'content size exceed limit');
    chunks.push(chunk);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return answer(400, 40001, 'invalid json body');
  }
  hooks.record({ name, receivedAt: new Date().toISOString(), query: Object.fromEntries(params), body });
  logger.info({ hook: name }, 'robot message received');
  return answer(200, 0, 'ok');
}

function send(res: ServerResponse, method: string, page: PageResponse): void {
  const body = typeof page.body === 'string' ? Buffer.from(page.body, 'utf8') : page.body;
  res.writeHead(page.status, {
    'Content-Type': page.contentType,
    'Content-Length': body.length,
    'Cache-Control': 'no-cache',
    ...(page.location ? { Location: page.location } : {}),
  });
  res.end(method === 'HEAD' ? undefined : body);
}
