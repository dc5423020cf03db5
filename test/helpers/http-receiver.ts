import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got. */
export interface ReceivedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  raw: string;
  body: unknown;
}

/** How the receiver answers the n-th request (0-based). */
export type Responder = (
  request: ReceivedRequest,
  n: number,
) => { status?: number; body?: unknown; delayMs?: number; contentType?: string };

/** A loopback HTTP server that records JSON bodies and query strings. */
export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

/** Starts a receiver on 127.0.0.1 port 0; by default it answers 200 {"errcode":0,"errmsg":"ok"}. */
export async function startReceiver(respond: Responder = () => ({})): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        body = undefined;
      }
      const request: ReceivedRequest = {
        method: req.method ?? '',
        path: u.pathname,
        query: u.searchParams,
        headers: req.headers,
        raw,
        body,
      };
      requests.push(request);
      const answer = respond(request, requests.length - 1);
      const reply = () => {
        res.writeHead(answer.status ?? 200, { 'content-type': answer.contentType ?? 'application/json' });
        const body = answer.body ?? { errcode: 0, errmsg: 'ok' };
        res.end(typeof body === 'string' ? body : JSON.stringify(body));
      };
      if (answer.delayMs) setTimeout(reply, answer.delayMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
