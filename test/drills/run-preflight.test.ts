// Issue 23 finding 4: config that passed `config check` and then broke `run` half-way (a stack trace after the
// database and the admin were created). `run` must start whole or stop with one file: path: reason line.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const SETTINGS = readFileSync(join(ROOT, 'config/settings.yaml'), 'utf8');

/** The example config with settings.yaml edited, and a data dir that does not exist yet. */
function configWith(edit: (settings: string) => string): { config: string; data: string } {
  const root = mkdtempSync(join(tmpdir(), 'yuqing-preflight-'));
  const config = join(root, 'config');
  cpSync(join(ROOT, 'config'), config, { recursive: true });
  // No demo site: its port is shared by design and is not what these drills are about.
  writeFileSync(join(config, 'settings.yaml'), edit(SETTINGS).replace(/\ndemoSite:[\s\S]*$/, '\n'));
  return { config, data: join(root, 'data') };
}

const configLines = (stderr: string) => stderr.split('\n').filter((l) => /^[\w/.-]+\.yaml: /.test(l));

async function expectRefusedWhole(
  dirs: { config: string; data: string },
  line: RegExp,
  command: 'run' | 'config' = 'run',
): Promise<void> {
  const args = command === 'run' ? ['run'] : ['config', 'check'];
  const result = await runCli([...args, '--config', dirs.config, '--data', dirs.data]);
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr).not.toMatch(/内部错误|\n\s+at |RangeError/);
  const lines = configLines(result.stderr);
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(line);
  // Nothing was created: no data dir, no database, no admin.
  expect(existsSync(dirs.data)).toBe(false);
}

describe('run checks the config whole before it creates anything', () => {
  let busy: Server;
  let busyPort = 0;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((done) => busy.listen(0, '127.0.0.1', () => done()));
    const address = busy.address();
    busyPort = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(async () => {
    await new Promise<void>((done) => busy.close(() => done()));
  });

  it('refuses a time zone that is not IANA (was 内部错误：RangeError with node-cron frames)', async () => {
    const dirs = configWith((s) => s.replace('timezone: Asia/Shanghai', 'timezone: Mars/Phobos'));
    await expectRefusedWhole(
      dirs,
      /^settings\.yaml: 时区（timezone）: 不是 IANA 时区名称.*「Mars\/Phobos」$/,
    );
    rmSync(join(dirs.config, '..'), { recursive: true, force: true });
  }, 240_000);

  it('refuses a console port in use, in one settings.yaml line (was a stack trace after the database)', async () => {
    const dirs = configWith((s) => s.replace('port: 3000', `port: ${busyPort}`));
    await expectRefusedWhole(
      dirs,
      new RegExp(`^settings\\.yaml: 控制台的端口（console\\.port）: 端口 ${busyPort} 已被占用`),
    );
    // `config check` reports the same port as a warning only: the running service itself may hold it.
    const check = await runCli(['config', 'check', '--config', dirs.config, '--data', dirs.data]);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain(
      `警告：settings.yaml: 控制台的端口（console.port）: 端口 ${busyPort} 已被占用`,
    );
    rmSync(join(dirs.config, '..'), { recursive: true, force: true });
  }, 240_000);

  it('refuses a console host that is not an address of this machine, at check and at run', async () => {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): never a local address, and binding to it sends no traffic.
    const dirs = configWith((s) => s.replace('host: 127.0.0.1', 'host: 192.0.2.1'));
    const line = /^settings\.yaml: 控制台的监听地址（console\.host）: 本机没有地址「192\.0\.2\.1」/;
    await expectRefusedWhole(dirs, line, 'config');
    await expectRefusedWhole(dirs, line);
    rmSync(join(dirs.config, '..'), { recursive: true, force: true });
  }, 240_000);

  it('refuses a data dir under a file, before creating anything', async () => {
    const dirs = configWith((s) => s);
    writeFileSync(dirs.data, 'not a directory');
    const result = await runCli(['run', '--config', dirs.config, '--data', join(dirs.data, 'sub')]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).not.toMatch(/内部错误|\n\s+at /);
    expect(configLines(result.stderr)).toEqual([
      `settings.yaml: 数据目录（dataDir）: 「${dirs.data}」不是目录，无法在其中创建数据库文件`,
    ]);
    rmSync(join(dirs.config, '..'), { recursive: true, force: true });
  }, 240_000);
});
