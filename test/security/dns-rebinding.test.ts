import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ResolvedAddress } from '../../crawlers/address-guard.js';
import { fetchRaw } from '../../crawlers/http-fetch.js';

// Finding 7 of issue 23: the guard resolved the name itself and undici resolved it again, so a name answering a
// public address first and a loopback one next (DNS rebinding) passed the guard and reached the internal server.
//
// The resolver below is the one the guard uses (node:dns/promises). Its first answer is a public documentation
// address (TEST-NET-3, never connected to: the first answer only feeds the guard's check); every later answer
// is loopback. The connection itself must be checked on what it connects to.
const answers = vi.hoisted(() => ({ calls: 0, rebind: false }));
vi.mock('node:dns/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:dns/promises')>();
  const lookup = async (host: string, _options?: unknown): Promise<ResolvedAddress[]> => {
    if (host !== 'localhost') return real.lookup(host, { all: true });
    answers.calls++;
    // Only the guard's own check (the first call, made before any socket opens, when the policy refuses private
    // addresses) ever sees the public answer.
    const first = answers.rebind && answers.calls === 1;
    return first ? [{ address: '203.0.113.7', family: 4 }] : [{ address: '127.0.0.1', family: 4 }];
  };
  return { ...real, lookup, default: { ...real, lookup } };
});

let server: Server;
let port: number;
let hits = 0;

beforeEach(async () => {
  answers.calls = 0;
  answers.rebind = false;
  hits = 0;
  server = createServer((_req, res) => {
    hits++;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<html><body>internal admin page</body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const options = {
  userAgent: 'yuqing-test',
  timeoutMs: 5_000,
  maxBytes: 1_000_000,
  accept: 'html' as const,
  allowPrivateAddresses: false,
};

describe('DNS rebinding', () => {
  it('refuses a name that answers public to the guard and loopback to the connection', async () => {
    answers.rebind = true;
    const error = await fetchRaw(`http://localhost:${port}/admin`, options).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_FETCH_PRIVATE_ADDRESS' });
    expect(String((error as Error).message)).toContain('127.0.0.1');
    expect(hits).toBe(0);
    expect(answers.calls).toBeGreaterThanOrEqual(2);
  });

  it('still connects to the loopback answer when the policy allows private addresses', async () => {
    const res = await fetchRaw(`http://localhost:${port}/admin`, { ...options, allowPrivateAddresses: true });
    expect(res.status).toBe(200);
    expect(hits).toBe(1);
  });
});
