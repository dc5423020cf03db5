import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLANTED } from '../../demo/content/index.js';
import { runCli, spawnCli } from '../helpers/cli.js';
import { type DemoEnv, startDemoEnv } from '../helpers/demo-env.js';
import { mailText } from '../helpers/smtp-catcher.js';

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('condition not met in time');
}

describe('yuqing run: scheduler and console together', () => {
  let env: DemoEnv;

  beforeAll(async () => {
    env = await startDemoEnv();
  });

  afterAll(async () => {
    await env?.close();
  });

  it('crawls on start, serves search and tips, alerts, and stops cleanly on SIGTERM', async () => {
    const { smtp, wecom } = env;
    const { child, match, output } = await spawnCli(
      ['run', '--config', env.configDir, '--data', env.dataDir],
      /控制台：(http:\/\/127\.0\.0\.1:\d+)/,
    );
    try {
      const base = match[1] as string;
      const search = await until(async () => {
        const res = await fetch(`${base}/api/search?q=${encodeURIComponent('收费')}`);
        const body = (await res.json()) as { total: number; hits: { title: string }[] };
        return body.hits.some((h) => h.title.includes(PLANTED.title)) ? body : undefined;
      }, 180_000);
      expect(search.total).toBeGreaterThan(0);
      const tips = (await (await fetch(`${base}/api/tips`)).json()) as {
        tips: { title: string; level: string }[];
      };
      expect(tips.tips.find((t) => t.title.includes(PLANTED.title))?.level).toBe('red');
      const page = await fetch(`${base}/`);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(await page.text()).toContain('巡察舆情监测预警');
      await until(
        async () => (smtp.mails.some((m) => mailText(m.raw).includes(PLANTED.title)) ? true : undefined),
        60_000,
      );
      await until(
        async () => (wecom.requests.some((r) => r.raw.includes(PLANTED.title)) ? true : undefined),
        60_000,
      );
    } finally {
      const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
      child.kill('SIGTERM');
      expect(await exited, output()).toBe(0);
    }
  }, 300_000);
});

describe('yuqing config check and --help', () => {
  it('accepts the bundled example config', async () => {
    const result = await runCli(['config', 'check']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('配置有效');
  });

  it('names the file and the path of a bad value, without a stack trace, and exits non-zero', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yuqing-badcfg-'));
    try {
      mkdirSync(join(dir, 'rounds'));
      writeFileSync(
        join(dir, 'rounds/r1.yaml'),
        'id: r1\nname: 测试轮次\nunits:\n  - id: a\n    name: 甲单位\n    aliases: 甲\n',
      );
      const result = await runCli(['config', 'check', '--config', dir]);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('rounds/r1.yaml: units[0].aliases: expected a list of strings');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints help listing the commands', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['run', 'crawl', 'search', 'extract', 'config'])
      expect(result.stdout).toContain(command);
  });
});
