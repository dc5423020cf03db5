// The source's own HTTP proxy, as the browser's guarding proxy uses it: where it is, its credentials, and a
// CONNECT tunnel through it (https and WebSocket targets; plain http:// goes to it in absolute form instead).
import { connect, type Socket } from 'node:net';
import { FetchError } from '../core/errors.js';

/** Host and port of an HTTP proxy URL. */
export function proxyEndpoint(upstream: string): { host: string; port: number } {
  const proxy = new URL(upstream);
  return { host: proxy.hostname.replace(/^\[|\]$/g, ''), port: Number(proxy.port || 80) };
}

/** The Proxy-Authorization header of a proxy URL with credentials, else none. */
export function proxyAuthorization(upstream: string): Record<string, string> {
  const proxy = new URL(upstream);
  if (!proxy.username) return {};
  const pair = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { 'proxy-authorization': `Basic ${Buffer.from(pair).toString('base64')}` };
}

/** A tunnel to `target` through an HTTP proxy (CONNECT host:port), with its credentials when the URL has them. */
export function openViaUpstream(target: URL, upstream: string, timeoutMs: number): Promise<Socket> {
  const authority = `${target.hostname}:${target.port || 80}`;
  return new Promise<Socket>((resolve, reject) => {
    const socket = connect(proxyEndpoint(upstream));
    socket.setTimeout(timeoutMs, () =>
      socket.destroy(new FetchError('E_FETCH_TIMEOUT', upstream, 'proxy timed out')),
    );
    socket.on('error', reject);
    const auth = Object.values(proxyAuthorization(upstream)).map((v) => `Proxy-Authorization: ${v}\r\n`);
    socket.once('connect', () =>
      socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n${auth.join('')}\r\n`),
    );
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > 16 * 1024) socket.destroy(new Error('proxy answer too long'));
        return;
      }
      socket.off('data', onData);
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head.toString('latin1'))?.[1] ?? 0);
      if (status !== 200) {
        socket.destroy();
        return reject(
          new FetchError('E_FETCH_UNREACHABLE', upstream, `proxy refused CONNECT ${authority} (${status})`),
        );
      }
      socket.setTimeout(0);
      const rest = head.subarray(end + 4);
      if (rest.length > 0) socket.unshift(rest);
      resolve(socket);
    };
    socket.on('data', onData);
  });
}
