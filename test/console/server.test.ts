import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../console/security.js';
import { createConsoleServer, type RunningConsole, startConsole } from '../../console/server.js';
import { silentLogger } from '../../core/log.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { ensureSpaBuilt } from '../console-web/build-spa.js';
import { IMG_PAYLOAD, SCRIPT_PAYLOAD, tempDir, testConfig } from './fixtures.js';
import { startSeededConsole } from './seed.js';

describe('startConsole on a real socket', () => {
  let running: RunningConsole;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    // The real SPA build: the page is what `npm run build` made (built here if missing).
    const seeded = await startSeededConsole({ webRoot: await ensureSpaBuilt() });
    running = seeded.running;
    cleanup = seeded.close;
  });

  afterAll(async () => cleanup());

  it('listens on loopback with a real port', () => {
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(running.url).not.toMatch(/:0$/);
  });

  it('serves the page with the security headers', async () => {
    const res = await fetch(`${running.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    expect(html).toContain('巡察舆情监测');
    // The seeded store holds hostile items; the page is the static build and carries none of them.
    expect(html).not.toContain(SCRIPT_PAYLOAD);
    expect(html).not.toContain(IMG_PAYLOAD);
  });

  it("serves the build's scripts as JavaScript with the same policy", async () => {
    const html = await (await fetch(`${running.url}/`)).text();
    const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const res = await fetch(`${running.url}${script}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('cache-control')).toContain('immutable');
  });

  it('rejects when the port is taken', async () => {
    const port = Number(new URL(running.url).port);
    const tmp = tempDir();
    try {
      await expect(
        startConsole({
          store: new SqliteStore({ path: `${tmp.dir}/other.db`, logger: silentLogger() }),
          config: testConfig(tmp.dir),
          queryTerms: (q) => [q],
          logger: silentLogger(),
          host: '127.0.0.1',
          port,
        }),
      ).rejects.toThrow(/EADDRINUSE/);
    } finally {
      tmp.remove();
    }
  });

  it('serves the API over the socket', async () => {
    const res = await fetch(`${running.url}/api/health`);
    // Without a session the probe learns only that the service is up.
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});

describe('internal errors', () => {
  it('answer 500 with a generic message and log the error', async () => {
    const tmp = tempDir();
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const store = new SqliteStore({ path: `${tmp.dir}/yuqing.db`, logger: silentLogger() });
    await store.init();
    await store.close();
    const app = createConsoleServer({
      store,
      config: testConfig(tmp.dir),
      queryTerms: (q) => [q],
      logger: pino({ level: 'error' }, sink),
    });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ error: { code: 'E_INTERNAL', message: '服务器内部错误，请查看日志' } });
      expect(lines.join('')).toContain('console request failed');
      expect(lines.join('')).toContain('"component":"console"');
    } finally {
      await app.close();
      tmp.remove();
    }
  });
});
