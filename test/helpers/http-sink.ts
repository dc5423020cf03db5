import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request received by the sink. */
export interface SunkRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
  json: unknown;
}

/** A real HTTP server on 127.0.0.1 that records requests and answers as told. */
export interface HttpSink {
  url: string;
  requests: SunkRequest[];
  close(): Promise<void>;
}

/** How the sink answers; the default is 200 with `{"errcode":0,"errmsg":"ok"}`. */
export type Responder = (req: SunkRequest) => { status: number; body: unknown; headers?: Record<string, string> };

const ok: Responder = () => ({ status: 200, body: { errcode: 0, errmsg: 'ok' } });

/** Start an HTTP sink on a free loopback port. */
export async function startHttpSink(respond: Responder = ok): Promise<HttpSink> {
  const requests: SunkRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let json: unknown;
      try {
        json = body ? JSON.parse(body) : undefined;
      } catch {
        json = undefined;
      }
      const sunk: SunkRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body, json };
      requests.push(sunk);
      const answer = respond(sunk);
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
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
