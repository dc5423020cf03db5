import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, openApp } from '../../cli/app.js';
import { evidenceCommand, evidenceReport } from '../../cli/commands/evidence.js';
import { createConsoleServer } from '../../console/server.js';
import { silentLogger } from '../../core/log.js';
import { runCycle } from '../../ingest/cycle.js';
import { signIn } from '../console/session.js';
import { type DemoEnv, startDemoEnv } from '../helpers/demo-env.js';
import { type LoopbackSite, loopbackSource, startLoopbackSite } from '../helpers/loopback-site.js';

/** Run the real command function, capturing what it prints and the exit code it sets. */
async function captured(fn: () => Promise<void>): Promise<{ stdout: string; stderr: string; code: number }> {
  const out = { stdout: '', stderr: '' };
  const write = { stdout: process.stdout.write, stderr: process.stderr.write };
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out.stdout += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    out.stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  const before = process.exitCode;
  process.exitCode = undefined;
  try {
    await fn();
    return { ...out, code: Number(process.exitCode ?? 0) };
  } finally {
    process.stdout.write = write.stdout;
    process.stderr.write = write.stderr;
    process.exitCode = before;
  }
}

describe('yuqing evidence', () => {
  let env: DemoEnv;
  let site: LoopbackSite;
  let app: App;
  let id: string;

  beforeAll(async () => {
    site = await startLoopbackSite(1);
    env = await startDemoEnv({ extraSources: [loopbackSource(site)] });
    app = await openApp({ configDir: env.configDir, dataDir: env.dataDir, logger: silentLogger() });
    const summary = await runCycle(app, { sourceId: 'loop' });
    expect(summary.stored).toBe(1);
    const hits = await app.store.search({ terms: [], sourceId: 'loop' });
    expect(hits.total).toBe(1);
    id = hits.hits[0]?.id ?? '';
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await site?.close();
    await env?.close();
  });

  it('records the evidence of a stored item, not in the item row', async () => {
    const record = await app.store.getEvidence(id);
    expect(record).toMatchObject({
      articleId: id,
      status: 200,
      finalUrl: `${site.url}/a/1.html`,
      size: site.pages.get('/a/1.html')?.length,
    });
    expect(existsSync(join(env.dataDir, 'evidence', id.slice(0, 2), id, 'response.gz'))).toBe(true);
    const stored = await app.store.getArticle(id);
    expect(stored && 'evidence' in stored).toBe(false);
  });

  it('still exports the original bytes after the page is deleted at its source, and verifies them', async () => {
    site.remove('/a/1.html');
    expect((await fetch(`${site.url}/a/1.html`)).status).toBe(404);
    const out = join(env.dir, 'exported');
    const result = await captured(() =>
      evidenceCommand(id, { config: env.configDir, data: env.dataDir, out }),
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(`已写出原始响应：${join(out, 'response.html')}`);
    expect(result.stdout).toContain('校验通过');
    expect(readFileSync(join(out, 'response.html')).equals(site.pages.get('/a/1.html') as Buffer)).toBe(true);
    const meta = JSON.parse(readFileSync(join(out, 'meta.json'), 'utf8'));
    expect(meta).toMatchObject({ articleId: id, url: `${site.url}/a/1.html`, status: 200 });

    const verified = await captured(() =>
      evidenceCommand(id, { config: env.configDir, data: env.dataDir, verify: true }),
    );
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain(`校验通过：原始响应的 SHA-256 与入库时记录的一致（${meta.sha256}）`);
  });

  it('fails --verify with a clear message and exit 1 once the stored file is tampered with', async () => {
    const gz = join(env.dataDir, 'evidence', id.slice(0, 2), id, 'response.gz');
    const original = readFileSync(gz);
    try {
      writeFileSync(gz, gzipSync(Buffer.from('<html>被改动的页面</html>')));
      const result = await captured(() =>
        evidenceCommand(id, { config: env.configDir, data: env.dataDir, verify: true }),
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`校验失败：信息「${id}」的取证材料与入库时记录的不一致`);
      expect(result.stderr).toContain('SHA-256 与入库时记录的不一致');
      const json = await evidenceReport(app, id, { verify: true, json: true });
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout).verify).toMatchObject({ ok: false, expectedSha256: expect.any(String) });
    } finally {
      writeFileSync(gz, original);
    }
    expect((await evidenceReport(app, id, { verify: true })).code).toBe(0);
  });

  it('serves the evidence record, the raw response as a download and a verification in the console', async () => {
    const server = createConsoleServer({
      store: app.store,
      config: app.config,
      queryTerms: app.queryTerms,
      logger: silentLogger(),
    });
    // Every console API route needs a session (issue #6).
    const session = await signIn(server, app.store, app.config, { name: 'tester', role: 'admin' });
    try {
      const base = `/api/articles/${id}/evidence`;
      const detail = await session.inject({ method: 'GET', url: base });
      expect(detail.statusCode).toBe(200);
      const body = detail.json() as { evidence: { sha256: string }; files: Record<string, string> };
      expect(body.files).toEqual({
        response: `${base}/response`,
        responseFileName: 'response.html',
        frame: `${base}/frame`,
      });
      const raw = await session.inject({ method: 'GET', url: `${base}/response` });
      expect(raw.statusCode).toBe(200);
      expect(raw.headers['content-type']).toBe('application/octet-stream');
      expect(raw.headers['content-disposition']).toBe(`attachment; filename="${id}-response.html"`);
      expect(raw.headers['x-evidence-sha256']).toBe(body.evidence.sha256);
      expect(raw.rawPayload.equals(site.pages.get('/a/1.html') as Buffer)).toBe(true);
      const shot = await session.inject({ method: 'GET', url: `${base}/screenshot` });
      expect(shot.statusCode).toBe(404);
      expect(shot.json().error.message).toContain('没有页面截图');
      const check = await session.inject({ method: 'GET', url: `${base}/verify` });
      expect(check.json()).toMatchObject({ ok: true, problems: [] });
      const unknown = await session.inject({ method: 'GET', url: '/api/articles/nope/evidence' });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.message).toContain('未找到文章「nope」');
    } finally {
      await server.close();
    }
  });

  it('keeps the list page validators in the store, so the next cycle asks with a conditional GET', async () => {
    expect(await app.store.getValidators(`${site.url}/list/`)).toMatchObject({ etag: expect.any(String) });
    const again = await runCycle(app, { sourceId: 'loop' });
    expect(site.notModified()).toBe(1);
    expect(again.stored).toBe(0);
    expect((await app.store.getSourceHealthState('loop'))?.consecutiveFailures).toBe(0);
  });

  it('says so and exits 1 for an unknown item', async () => {
    const result = await captured(() =>
      evidenceCommand('no-such-item', { config: env.configDir, data: env.dataDir, verify: true }),
    );
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toContain('未找到信息「no-such-item」');
  });
});
