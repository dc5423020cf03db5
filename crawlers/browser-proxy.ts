// The forward proxy Chromium is launched with (--proxy-server, loopback not bypassed): every connection the
// browser makes (plain HTTP, CONNECT tunnels for HTTPS and WebSocket, WebSocket upgrades, TURN over TCP) goes
// through the private-address guard on the address actually connected to, a byte cap and the host gate.
// Written by hand (node:http, ~200 lines) because the proxy libraries on npm do not let us check the connected
// address or cap the bytes of a tunnel.
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { FetchError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { type AddressPolicy, guardUrl, type Resolver } from './address-guard.js';
import { guardErrorOf, guardedLookup } from './guarded-connect.js';
import type { HostGate } from './host-gate.js';
import { openViaUpstream, proxyAuthorization, proxyEndpoint } from './upstream-proxy.js';

/** What the browser proxy enforces. */
export interface BrowserProxyOptions {
  policy: AddressPolicy;
  /** Host name resolution for the guard (tests); default the system's. */
  resolver?: Resolver;
  /** Cap on one response body, and on the bytes one tunnel carries toward the browser. */
  maxBytes: number;
  /** Idle timeout of a connection. */
  timeoutMs: number;
  /** Sent upstream in place of Chromium's own User-Agent on plain HTTP requests. */
  userAgent: string;
  /** Per-host politeness: each new upstream connection waits for its host (and for pauses after a 429). */
  gate?: HostGate;
  /** Further checks of a plain HTTP request's URL (robots.txt); throws FetchError to refuse. */
  allow?: (url: string) => Promise<void>;
  logger: Logger;
  /**
   * The source's own HTTP proxy (source.proxy): connections are tunnelled through it with CONNECT (the target is
   * still checked here first; the proxy resolves the name itself).
   */
  upstream?: string;
  /** Called with each URL (or host:port) refused and why. */
  onBlocked?: (target: string, reason: string) => void;
}

/** A running browser proxy on 127.0.0.1. */
export interface BrowserProxy {
  /** `http://127.0.0.1:<port>`, for --proxy-server. */
  url: string;
  /** Bytes carried toward the browser so far, all connections together. */
  bytesIn(): number;
  close(): Promise<void>;
}

// Hop-by-hop headers (RFC 9110 7.6.1) and the proxy's own are not forwarded.
const HOP_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'proxy-authenticate',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Starts the proxy on 127.0.0.1, port 0. */
export async function startBrowserProxy(options: BrowserProxyOptions): Promise<BrowserProxy> {
  let bytesIn = 0;
  const sockets = new Set<Socket>();
  const count = (n: number) => {
    bytesIn += n;
  };
  const server = createServer((req, res) => {
    handleRequest(req, res, options, count).catch((err: unknown) => refuse(res, err, options));
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    // The browser may drop a tunnel at any time; that is no error of ours.
    client.on('error', () => undefined);
    tunnel(req, client, head, options, count).catch((err: unknown) => refuseSocket(client, err, options));
  });
  server.on('upgrade', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    client.on('error', () => undefined);
    upgrade(req, client, head, options, count).catch((err: unknown) => refuseSocket(client, err, options));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bytesIn: () => bytesIn,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A plain HTTP request in absolute form (`GET http://host/path`): checked, forwarded, its body capped. */
async function handleRequest(
  req: IncomingMessage,
  res: ServerResponse,
  options: BrowserProxyOptions,
  count: (n: number) => void,
): Promise<void> {
  const url = absoluteUrl(req.url);
  await check(url, options);
  await options.allow?.(url);
  const headers = forwardHeaders(req.headers, options.userAgent);
  const method = req.method ?? 'GET';
  const upstream = await gated(url, options, () => openRequest(url, method, headers, options));
  req.pipe(upstream.request);
  const response = await upstream.response;
  const declared = Number(response.headers['content-length'] ?? Number.NaN);
  if (declared > options.maxBytes) {
    response.destroy();
    throw new FetchError(
      'E_FETCH_TOO_LARGE',
      url,
      `content-length ${declared} exceeds ${options.maxBytes} bytes`,
    );
  }
  res.writeHead(response.statusCode ?? 502, forwardHeaders(response.headers));
  let total = 0;
  response.on('data', (chunk: Buffer) => {
    total += chunk.length;
    count(chunk.length);
    if (total > options.maxBytes) {
      options.onBlocked?.(url, `body exceeds ${options.maxBytes} bytes`);
      response.destroy();
      res.destroy();
    }
  });
  response.on('error', () => res.destroy());
  response.pipe(res);
}

/** A CONNECT tunnel (HTTPS, wss://, ws:// through a proxy): the target is checked, then bytes flow, capped. */
async function tunnel(
  req: IncomingMessage,
  client: Duplex,
  head: Buffer,
  options: BrowserProxyOptions,
  count: (n: number) => void,
): Promise<void> {
  const authority = req.url ?? '';
  const url = `http://${authority}/`;
  const target = new URL(url);
  await check(url, options);
  const upstream = await gated(url, options, () => openSocket(target, options));
  client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
  if (head.length > 0) upstream.write(head);
  splice(client, upstream, authority, options, count);
}

/** A WebSocket upgrade sent in absolute form (`GET ws://host/path`, Upgrade: websocket). */
async function upgrade(
  req: IncomingMessage,
  client: Duplex,
  head: Buffer,
  options: BrowserProxyOptions,
  count: (n: number) => void,
): Promise<void> {
  const url = absoluteUrl(req.url?.replace(/^ws(s?):/i, 'http$1:'));
  const target = new URL(url);
  if (target.protocol !== 'http:') throw new FetchError('E_FETCH_UNREACHABLE', url, 'only ws:// is proxied');
  await check(url, options);
  const upstream = await gated(url, options, () => openSocket(target, options));
  const lines = [`${req.method ?? 'GET'} ${target.pathname}${target.search} HTTP/1.1`];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] ?? '';
    if (name.toLowerCase().startsWith('proxy-')) continue;
    lines.push(`${name}: ${req.rawHeaders[i + 1] ?? ''}`);
  }
  upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
  if (head.length > 0) upstream.write(head);
  splice(client, upstream, url, options, count);
}

/** Pipes both ways; past the cap (toward the browser) or idle past the timeout, both ends are closed. */
function splice(
  client: Duplex,
  upstream: Socket,
  target: string,
  options: BrowserProxyOptions,
  count: (n: number) => void,
): void {
  let total = 0;
  const closeBoth = () => {
    client.destroy();
    upstream.destroy();
  };
  upstream.on('data', (chunk: Buffer) => {
    total += chunk.length;
    count(chunk.length);
    if (total > options.maxBytes) {
      options.onBlocked?.(target, `tunnel exceeds ${options.maxBytes} bytes`);
      closeBoth();
    }
  });
  upstream.setTimeout(options.timeoutMs, closeBoth);
  upstream.on('error', closeBoth);
  client.on('error', closeBoth);
  client.on('close', () => upstream.destroy());
  upstream.on('close', () => client.destroy());
  upstream.pipe(client);
  client.pipe(upstream);
}

/** The guard on the URL (port-aware exemptions, IP literals); the connection checks the resolved address again. */
async function check(url: string, options: BrowserProxyOptions): Promise<void> {
  await guardUrl(url, options.policy, options.resolver);
}

function gated<T>(url: string, options: BrowserProxyOptions, open: () => Promise<T>): Promise<T> {
  return options.gate ? options.gate.run(url, 0, open) : open();
}

function openSocket(target: URL, options: BrowserProxyOptions): Promise<Socket> {
  if (options.upstream) return openViaUpstream(target, options.upstream, options.timeoutMs);
  return new Promise<Socket>((resolve, reject) => {
    const socket = connect({
      host: target.hostname.replace(/^\[|\]$/g, ''),
      port: Number(target.port || 80),
      lookup: guardedLookup(options.policy, options.resolver),
      timeout: options.timeoutMs,
    });
    socket.once('connect', () => resolve(socket));
    socket.once('timeout', () => {
      socket.destroy();
      reject(new FetchError('E_FETCH_TIMEOUT', target.href, 'connect timed out'));
    });
    // Late errors (after connect or after a refusal) end the tunnel through splice's handlers, never the process.
    socket.on('error', reject);
  });
}

/**
 * Opens a plain HTTP request: straight to the site (its address guarded), or through the source's proxy in
 * absolute form (`GET http://host/path`), which is how a standard forward proxy takes http:// URLs; many allow
 * CONNECT only to port 443.
 */
function openRequest(
  url: string,
  method: string,
  headers: Record<string, string | string[]>,
  options: BrowserProxyOptions,
): Promise<{ request: ReturnType<typeof httpRequest>; response: Promise<IncomingMessage> }> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const request = options.upstream
      ? httpRequest({
          ...proxyEndpoint(options.upstream),
          path: url,
          method,
          headers: { ...headers, host: new URL(url).host, ...proxyAuthorization(options.upstream) },
          timeout: options.timeoutMs,
          agent: false,
        })
      : httpRequest(url, {
          method,
          headers,
          lookup: guardedLookup(options.policy, options.resolver),
          timeout: options.timeoutMs,
          agent: false,
        });
    const response = new Promise<IncomingMessage>((ok, fail) => {
      request.once('response', ok);
      request.on('error', fail);
      request.once('timeout', () => request.destroy(new FetchError('E_FETCH_TIMEOUT', url, 'timed out')));
    });
    // Awaited by the caller once connected; a failure before that is reported through the connect promise.
    response.catch(() => undefined);
    request.once('socket', (socket: Socket) => {
      if (socket.connecting) {
        socket.once('connect', () => {
          settled = true;
          resolve({ request, response });
        });
      } else {
        settled = true;
        resolve({ request, response });
      }
    });
    request.on('error', (err) => {
      if (!settled) reject(err);
    });
  });
}

function absoluteUrl(raw: string | undefined): string {
  let url: URL;
  try {
    url = new URL(raw ?? '');
  } catch {
    throw new FetchError(
      'E_FETCH_UNREACHABLE',
      String(raw),
      'not an absolute URL (the proxy takes absolute URLs)',
    );
  }
  if (url.protocol !== 'http:')
    throw new FetchError('E_FETCH_UNREACHABLE', url.href, `unsupported ${url.protocol}`);
  return url.href;
}

function forwardHeaders(headers: IncomingHttpHeaders, userAgent?: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_HEADERS.has(name)) continue;
    out[name] = value;
  }
  if (userAgent) out['user-agent'] = userAgent;
  return out;
}

function reasonOf(err: unknown): { status: number; text: string; code: string } {
  const guard = guardErrorOf(err);
  if (guard?.code === 'E_FETCH_PRIVATE_ADDRESS' || guard?.code === 'E_FETCH_ROBOTS') {
    return { status: 403, text: guard.message, code: guard.code };
  }
  if (guard) return { status: 502, text: guard.message, code: guard.code };
  return { status: 502, text: (err as Error).message ?? String(err), code: 'E_FETCH_UNREACHABLE' };
}

function refuse(res: ServerResponse, err: unknown, options: BrowserProxyOptions): void {
  const reason = reasonOf(err);
  options.logger.debug({ err: reason.text }, 'browser proxy refused a request');
  options.onBlocked?.(reason.text.split(': ')[0] ?? '', reason.text);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(reason.status, {
    'content-type': 'text/plain; charset=utf-8',
    'x-yuqing-refused': reason.code,
  });
  res.end(`${reason.code}\n`);
}

function refuseSocket(client: Duplex, err: unknown, options: BrowserProxyOptions): void {
  const reason = reasonOf(err);
  options.logger.debug({ err: reason.text }, 'browser proxy refused a tunnel');
  options.onBlocked?.(reason.text.split(': ')[0] ?? '', reason.text);
  if (!client.destroyed)
    client.end(`HTTP/1.1 ${reason.status} Refused\r\nx-yuqing-refused: ${reason.code}\r\n\r\n`);
}
