import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../console/security.js';
import { createConsoleServer } from '../../console/server.js';
import { WebBuildError } from '../../core/errors.js';
import { tempDir } from './fixtures.js';
import { seededStore, testDeps } from './seed.js';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
const INDEX =
  '<!doctype html><title>巡察舆情监测控制台</title><script type="module" src="/assets/app-1.js"></script>';

beforeAll(async () => {
  const tmp = tempDir();
  const store = await seededStore(tmp.dir);
  const web = join(tmp.dir, 'web');
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(join(web, 'index.html'), INDEX);
  writeFileSync(join(web, 'assets/app-1.js'), 'console.log(1)');
  writeFileSync(join(tmp.dir, 'secret.txt'), 'secret');
  app = createConsoleServer({ ...testDeps(tmp.dir, store), webRoot: web });
  await app.ready();
  cleanup = async () => {
    await app.close();
    await store.close();
    tmp.remove();
  };
});

afterAll(async () => cleanup());

describe('the built SPA', () => {
  it('serves index.html at / and for client routes, assets as files, with the page CSP', async () => {
    for (const url of ['/', '/search', '/tips/abc?x=1']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toBe(INDEX);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    }
    const asset = await app.inject({ method: 'GET', url: '/assets/app-1.js' });
    expect(asset.headers['content-type']).toContain('text/javascript');
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('answers unknown API routes and missing assets with 404 and never leaves the build folder', async () => {
    const api = await app.inject({ method: 'GET', url: '/api/nothing' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: { code: 'E_NOT_FOUND' } });
    expect((await app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
    for (const url of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.body, url).not.toBe('secret');
      expect([200, 404], url).toContain(res.statusCode);
    }
  });
});

describe('without a build', () => {
  it('refuses to create the console, naming the missing index.html and the command that builds it', async () => {
    const tmp = tempDir();
    const store = await seededStore(tmp.dir);
    try {
      const empty = join(tmp.dir, 'no-build');
      mkdirSync(empty);
      let error: unknown;
      try {
        createConsoleServer({ ...testDeps(tmp.dir, store), webRoot: empty });
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(WebBuildError);
      expect((error as WebBuildError).code).toBe('E_WEB_BUILD');
      expect((error as Error).message).toContain(join(empty, 'index.html'));
      expect((error as Error).message).toContain('npm run build');
    } finally {
      await store.close();
      tmp.remove();
    }
  });
});
