import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/log.js';
import { type BrowserProxy, startBrowserProxy } from '../../crawlers/browser-proxy.js';
import { type ForwardProxy, startForwardProxy } from '../helpers/forward-proxy.js';

let site: Server;
let origin: string;
let upstream: ForwardProxy;

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

beforeAll(async () => {
  site = createServer((req, res) => {
    if (req.url === '/big') {
      res.writeHead(200);
      res.end(Buffer.alloc(300_000, 97));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`hello ${req.headers['user-agent']}`);
  });
  origin = await listen(site);
  // The source's own proxy, set up as squid is by default.
  upstream = await startForwardProxy();
});

afterAll(async () => {
  site.closeAllConnections();
  await Promise.all([new Promise((r) => site.close(r)), upstream.close()]);
});

function viaProxy(proxy: BrowserProxy, url: string): Promise<{ status: number; body: string }> {
  const p = new URL(proxy.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: p.hostname, port: p.port, path: url, headers: { host: new URL(url).host } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const base = { timeoutMs: 5_000, userAgent: 'yuqing-test/1.0', logger: silentLogger(), maxBytes: 100_000 };

describe('browser proxy', () => {
  it('forwards an allowed request with our User-Agent and refuses a private address with 403', async () => {
    const open = await startBrowserProxy({ ...base, policy: { allowPrivateAddresses: true } });
    const closed = await startBrowserProxy({ ...base, policy: { allowPrivateAddresses: false } });
    try {
      expect(await viaProxy(open, `${origin}/x`)).toEqual({ status: 200, body: 'hello yuqing-test/1.0' });
      const refused = await viaProxy(closed, `${origin}/x`);
      expect(refused.status).toBe(403);
      expect(refused.body).toContain('E_FETCH_PRIVATE_ADDRESS');
    } finally {
      await Promise.all([open.close(), closed.close()]);
    }
  });

  it('cuts a response past maxBytes', async () => {
    const proxy = await startBrowserProxy({ ...base, policy: { allowPrivateAddresses: true } });
    try {
      const result = await viaProxy(proxy, `${origin}/big`).catch((e: Error) => ({
        status: -1,
        body: e.message,
      }));
      expect(result.body.length).toBeLessThan(300_000);
    } finally {
      await proxy.close();
    }
  });

  it("sends plain HTTP through the source's own proxy in absolute form (no CONNECT to port 80)", async () => {
    const proxy = await startBrowserProxy({
      ...base,
      policy: { allowPrivateAddresses: true },
      upstream: upstream.url,
    });
    try {
      upstream.carried.length = 0;
      expect(await viaProxy(proxy, `${origin}/x`)).toEqual({ status: 200, body: 'hello yuqing-test/1.0' });
      expect(upstream.carried).toEqual([`${origin}/x`]);
    } finally {
      await proxy.close();
    }
  });
});
