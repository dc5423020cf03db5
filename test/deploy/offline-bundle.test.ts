// The offline bundle (issue 25): `npm run bundle`'s tarball, extracted on a machine with only Node.js, starts
// the system with no npm, no registry and no network: the console answers its health check and the bundled
// example round crawls the demo site. Its start script refuses a Node older than package.json's engines.
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { until } from '../helpers/until.js';

const NAME = (() => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  return `${pkg.name}-${pkg.version}`;
})();
const ADMIN_PASSWORD = 'bundle-admin-password';

/** Only Node's own directory and the base system on PATH; npm told to stay offline; every proxy a dead port. */
function offlineEnv(home: string): NodeJS.ProcessEnv {
  const dead = 'http://127.0.0.1:9';
  return {
    PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
    HOME: home,
    TZ: 'Asia/Shanghai',
    npm_config_offline: 'true',
    npm_config_registry: `${dead}/`,
    HTTP_PROXY: dead,
    HTTPS_PROXY: dead,
    YUQING_ADMIN_PASSWORD: ADMIN_PASSWORD,
    ...(process.env.CHROMIUM_PATH ? { CHROMIUM_PATH: process.env.CHROMIUM_PATH } : {}),
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** Runs a command to its end; never rejects, so the assertion shows what it printed. */
function run(file: string, args: string[], env: NodeJS.ProcessEnv, cwd: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(file, args, { env, cwd, timeout: 120_000 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('offline bundle', () => {
  let scratch: string;
  let home: string;

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'yuqing-bundle-test-'));
    const out = join(scratch, 'out');
    const tarball = execFileSync(process.execPath, [join(ROOT, 'scripts/bundle.mjs'), '--out', out], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
    expect(tarball).toBe(join(out, `${NAME}-linux-x64.tar.gz`));
    home = join(scratch, 'site');
    mkdirSync(home);
    execFileSync('tar', ['-xzf', tarball, '-C', home]);
  }, 600_000);

  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('holds dist, production node_modules with the native modules built, both configs and start.sh', () => {
    const app = join(home, NAME);
    accessSync(join(app, 'start.sh'), constants.X_OK);
    for (const file of [
      'dist/cli/main.js',
      'dist/config/model',
      'dist/config/lexicon',
      'config/settings.yaml',
      'config.production/settings.yaml',
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    ]) {
      expect(existsSync(join(app, file)), file).toBe(true);
    }
    // Development tools are pruned: nothing in the bundle runs a compiler, a test or the linter.
    for (const dev of ['vitest', 'typescript', '@biomejs/biome', 'vite']) {
      expect(existsSync(join(app, 'node_modules', dev)), dev).toBe(false);
    }
  });

  it('refuses a Node older than the engines field, in one line naming both versions', async () => {
    const shims = join(scratch, 'old-node');
    mkdirSync(shims, { recursive: true });
    writeFileSync(join(shims, 'node'), '#!/bin/sh\necho 18.20.4\n');
    chmodSync(join(shims, 'node'), 0o755);
    const env = { ...offlineEnv(scratch), PATH: `${shims}:/usr/bin:/bin` };
    const result = await run(join(home, NAME, 'start.sh'), [], env, scratch);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('18.20.4');
    expect(lines[0]).toMatch(/≥ 20\.19\.0/);
  });

  it('starts with only Node: the console answers its health check and the demo site is crawled', async () => {
    const app = join(home, NAME);
    // An admin moving the bundled example off its fixed ports (another test may hold 3000 or 8931).
    const demoPort = await freePort();
    for (const file of ['settings.yaml', 'sources.yaml', 'channels.yaml']) {
      const path = join(app, 'config', file);
      writeFileSync(path, readFileSync(path, 'utf8').replaceAll('8931', String(demoPort)));
    }
    const settings = join(app, 'config/settings.yaml');
    writeFileSync(settings, readFileSync(settings, 'utf8').replace(/port: 3000\b/, 'port: 0'));
    const work = join(scratch, 'work');
    mkdirSync(work);
    const child: ChildProcess = spawn(join(app, 'start.sh'), [], { cwd: work, env: offlineEnv(work) });
    let output = '';
    child.stdout?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.stderr?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    const waitFor = <T>(probe: () => T | undefined | Promise<T | undefined>, what: string) =>
      until(probe, {
        timeoutMs: 120_000,
        what,
        context: () => `start.sh printed:\n${output.slice(-4000)}`,
        ignoreErrors: true,
        intervalMs: 500,
      });
    try {
      const base = await waitFor(
        () => /控制台：(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1],
        'console URL',
      );
      const health = await fetch(`${base}/api/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true });
      // The data directory is the example's ./data, under the directory the script was started from.
      expect(existsSync(join(work, 'data/yuqing.db'))).toBe(true);
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const articles = await waitFor(async () => {
        const res = await fetch(`${base}/api/health`, { headers: { cookie } });
        const body = (await res.json()) as { articles?: number };
        return (body.articles ?? 0) > 0 ? body.articles : undefined;
      }, 'articles from the demo site');
      expect(articles).toBeGreaterThan(0);
      const crawled = /"source":"demo-news"[^\n]*"fetched":([1-9]\d*)[^\n]*"msg":"source crawled"/;
      await waitFor(() => crawled.exec(output)?.[1], 'the demo news column crawled');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited, output.slice(-4000)).toBe(0);
  }, 300_000);

  // Last: it takes the page build away from the extracted bundle.
  it('refuses to start without the console page build, naming it and the command that makes it', async () => {
    const app = join(home, NAME);
    rmSync(join(app, 'dist/console-web'), { recursive: true, force: true });
    const work = join(scratch, 'work-no-web');
    mkdirSync(work);
    const result = await run(join(app, 'start.sh'), [], offlineEnv(work), work);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('E_WEB_BUILD');
    expect(result.stderr).toContain(join(app, 'dist/console-web', 'index.html'));
    expect(result.stderr).toContain('npm run build');
    // Refused before anything opened: no database was created.
    expect(existsSync(join(work, 'data/yuqing.db'))).toBe(false);
  });
});
