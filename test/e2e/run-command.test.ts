import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLANTED } from '../../demo/content/index.js';
import { runCli, spawnCli } from '../helpers/cli.js';
import { type DemoEnv, startDemoEnv } from '../helpers/demo-env.js';
import { mailText } from '../helpers/smtp-catcher.js';
import { until } from '../helpers/until.js';

const ADMIN_PASSWORD = 'e2e-admin-password';

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
      // The first start creates `admin`; with this variable it gets a known password (issue #6).
      { YUQING_ADMIN_PASSWORD: ADMIN_PASSWORD },
    );
    try {
      const base = match[1] as string;
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const headers = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
      const search = await until(
        async () => {
          const res = await fetch(`${base}/api/search?q=${encodeURIComponent('收费')}`, { headers });
          const body = (await res.json()) as { total: number; hits: { title: string }[] };
          return body.hits.some((h) => h.title.includes(PLANTED.title)) ? body : undefined;
        },
        {
          timeoutMs: 180_000,
          what: 'the planted item in search',
          context: () => `yuqing run printed:\n${output()}`,
          ignoreErrors: true,
          intervalMs: 500,
        },
      );
      expect(search.total).toBeGreaterThan(0);
      const tips = (await (await fetch(`${base}/api/tips`, { headers })).json()) as {
        tips: { title: string; level: string }[];
      };
      expect(tips.tips.find((t) => t.title.includes(PLANTED.title))?.level).toBe('red');
      const page = await fetch(`${base}/`);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      // The SPA (dist/console-web), which `npm run build` made.
      expect(await page.text()).toContain('巡察舆情监测');
      await until(
        async () => (smtp.mails.some((m) => mailText(m.raw).includes(PLANTED.title)) ? true : undefined),
        {
          timeoutMs: 60_000,
          what: 'the planted item by mail',
          context: () => `yuqing run printed:\n${output()}`,
          ignoreErrors: true,
          intervalMs: 500,
        },
      );
      await until(
        async () => (wecom.requests.some((r) => r.raw.includes(PLANTED.title)) ? true : undefined),
        {
          timeoutMs: 60_000,
          what: 'the planted item at the 企业微信 receiver',
          context: () => `yuqing run printed:\n${output()}`,
          ignoreErrors: true,
          intervalMs: 500,
        },
      );
    } finally {
      const exited = new Promise<number | string | null>((done) => {
        child.once('exit', (code) => done(code));
        // A run that does not stop within a minute of SIGTERM is a failure to report, not a hang.
        setTimeout(() => {
          child.kill('SIGKILL');
          done('still running 60 s after SIGTERM');
        }, 60_000).unref();
      });
      child.kill('SIGTERM');
      expect(await exited, output()).toBe(0);
    }
    // Longer than the waits above add up to, so a slow step fails with the process's output, not a bare timeout.
  }, 420_000);
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
      expect(result.stderr).toContain(
        'rounds/r1.yaml: 第 1 个单位的别名（aliases）: 应为文字列表，实际为「甲」',
      );
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('extracts a page with default settings when the config dir is absent, but not past an invalid one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yuqing-extract-'));
    try {
      const page = join(dir, 'page.html');
      writeFileSync(
        page,
        '<html><head><title>青石镇召开防火会议_明州日报</title></head><body><h1>青石镇召开防火会议</h1>' +
          '<p>发布时间：2025年05月13日 07:34</p><div><p>青石镇召开冬季森林防火工作部署会，要求各村落实责任。</p></div></body></html>',
      );
      const ok = await runCli(['extract', page, '--json', '--config', join(dir, 'no-such-dir')]);
      expect(ok.code, ok.stderr).toBe(0);
      expect(JSON.parse(ok.stdout)).toMatchObject({
        title: '青石镇召开防火会议',
        publishedAt: '2025-05-13T07:34:00+08:00',
        kind: 'article',
      });
      // A saved forum index (its canonical URL names the site): a list with its links, not an article.
      const list = join(dir, 'list.html');
      const rows = Array.from(
        { length: 12 },
        (_, i) =>
          `<li><a href="/thread-${i}-1-1.html">青石镇第${i}村网友反映道路积水问题</a> <em>8-2</em></li>`,
      );
      writeFileSync(
        list,
        `<html><head><title>民生论坛</title><link rel="canonical" href="http://bbs.example.cn/forum-2-1.html"></head><body><p>广告：本站招募版主。</p><ul>${rows.join('')}</ul></body></html>`,
      );
      const listed = await runCli(['extract', list, '--json', '--config', join(dir, 'no-such-dir')]);
      expect(listed.code, listed.stderr).toBe(0);
      const listJson = JSON.parse(listed.stdout) as { kind: string; links: string[] };
      expect(listJson.kind).toBe('list');
      expect(listJson.links).toHaveLength(12);
      expect(listJson.links[0]).toBe('http://bbs.example.cn/thread-0-1-1.html');
      mkdirSync(join(dir, 'bad/rounds'), { recursive: true });
      writeFileSync(join(dir, 'bad/rounds/r.yaml'), 'id: [\n');
      const bad = await runCli(['extract', page, '--json', '--config', join(dir, 'bad')]);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toContain('rounds/r.yaml');
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
