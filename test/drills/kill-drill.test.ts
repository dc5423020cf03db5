// Kill drill: the real CLI is killed with SIGKILL at random points of a crawl cycle, again and again, then
// allowed to finish. No tip may be lost, and no alert may be delivered twice except the one in flight at a kill.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { silentLogger } from '../../core/log.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { ROOT } from '../helpers/cli.js';
import { type DemoEnv, startDemoEnv } from '../helpers/demo-env.js';
import { type Receiver, startReceiver } from '../helpers/http-receiver.js';

const MAIN = process.env.YUQING_CLI_MAIN ?? resolve(ROOT, 'dist/cli/main.js');
const KILLS = 20;

const UNITS = ['市住建局', '市市场监管局', '青石镇政府'];
const TERMS = ['吃拿卡要', '违规收费', '推诿扯皮', '形式主义', '乱收费', '整改不到位'];
const SENTENCES = [
  '群众反映办事窗口排队时间长',
  '有工作人员暗示需要另外交钱',
  '多次电话投诉无人回应',
  '相关负责人表示将调查核实',
  '村民称补贴款迟迟没有发放',
  '施工现场扬尘问题持续数月',
  '网友晒出收费单据引发热议',
  '当地媒体进行了跟踪报道',
  '居民自发组织联名信',
  '商户称检查过于频繁影响经营',
  '项目验收材料疑似造假',
  '有关部门回应称正在整改',
  '评论区出现大量类似经历',
  '涉事单位尚未公开回应',
  '家长反映学校食堂价格上涨',
  '物业费标准未经公示',
  '公交线路调整引发不满',
  '道路修缮工程一再拖延',
  '老旧小区改造质量堪忧',
  '政务热线转办后石沉大海',
];

/** A loopback site with 24 distinct items about watched units plus reposts of the first three. */
async function startDrillSite(): Promise<{ url: string; close(): Promise<void> }> {
  const items = Array.from({ length: 24 }, (_, i) => {
    const unit = UNITS[i % UNITS.length] ?? '';
    const term = TERMS[i % TERMS.length] ?? '';
    const body = Array.from({ length: 8 }, (_, k) => SENTENCES[(i * 7 + k * 3) % SENTENCES.length]).join(
      '。',
    );
    return {
      title: `${unit}第${i + 1}起：网友反映${term}问题`,
      body: `${unit}被指${term}。${body}。编号${i * 7919}。`,
    };
  });
  const pages = [...items, ...items.slice(0, 3)];
  // Dated yesterday: a fixed day would age past settings.alerts.maxAgeDays and stop alerting.
  const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    res.setHeader('content-type', 'text/html; charset=utf-8');
    if (path === '/robots.txt') return res.end('User-agent: *\nAllow: /\n');
    if (path === '/drill/') {
      const links = pages.map((_, n) => `<li><a href="/drill/p${n}.html">条目${n}</a></li>`).join('');
      return res.end(`<html><body><ul class="list">${links}</ul></body></html>`);
    }
    const n = Number(/^\/drill\/p(\d+)\.html$/.exec(path)?.[1] ?? -1);
    const page = pages[n];
    if (!page) {
      res.statusCode = 404;
      return res.end('not found');
    }
    res.end(
      `<html><head><title>${page.title}</title><meta name="publishdate" content="${day} 09:00"></head>` +
        `<body><h1>${page.title}</h1><div class="date">${day} 09:00</div><div class="content"><p>${page.body}</p></div></body></html>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
}

/** One `yuqing crawl --once` against a data dir, killed with SIGKILL after `killAfterMs` when given. */
function crawlOnce(configDir: string, dataDir: string, killAfterMs?: number): Promise<Run> {
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [MAIN, '--config', configDir, '--data', dataDir, 'crawl', '--once', '--source', 'drill-site'],
    {
      cwd: ROOT,
      stdio: 'ignore',
    },
  );
  const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  return new Promise((done) => {
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, ms: Date.now() - started });
    });
  });
}

async function openStore(dataDir: string): Promise<SqliteStore> {
  const store = new SqliteStore({ path: join(dataDir, 'yuqing.db'), logger: silentLogger() });
  await store.init();
  return store;
}

/** Every tip as `unit:level`, sorted: independent of ids, which depend on which repost came first. */
async function tipKeys(dataDir: string): Promise<string[]> {
  const store = await openStore(dataDir);
  try {
    const { tips } = await store.listTips({ limit: 500 });
    return tips.map((t) => `${t.roundId}:${t.unitId}:${t.level}:${t.title}`).sort();
  } finally {
    await store.close();
  }
}

describe('kill drill', () => {
  let env: DemoEnv;
  let hook: Receiver;
  let site: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    site = await startDrillSite();
    env = await startDemoEnv({
      extraSources: [
        {
          id: 'drill-site',
          name: '演练论坛',
          type: 'html',
          url: `${site.url}/drill/`,
          schedule: '*/2 * * * *',
          list: { item: 'ul.list li a' },
          article: { title: 'h1', body: 'div.content' },
        },
      ],
    });
    hook = await startReceiver();
    const channelsFile = join(env.configDir, 'channels.yaml');
    const channels = parse(readFileSync(channelsFile, 'utf8'));
    channels['drill-hook'] = { type: 'webhook', url: `${hook.url}/drill` };
    writeFileSync(channelsFile, stringify(channels));
    const roundFile = join(env.configDir, 'rounds/2026-r4.yaml');
    const round = parse(readFileSync(roundFile, 'utf8'));
    round.alerts = [{ minLevel: 'yellow', channels: ['drill-hook', 'office-wecom'] }];
    writeFileSync(roundFile, stringify(round));
  });

  afterAll(async () => {
    await hook?.close();
    await env?.close();
    await site?.close();
  });

  it('loses no tip and repeats at most the alert in flight at each of 20 SIGKILLs', async () => {
    const reference = join(env.dir, 'reference');
    const clean = await crawlOnce(env.configDir, reference);
    expect(clean.code).toBe(0);
    const expectedTips = await tipKeys(reference);
    expect(expectedTips.length).toBeGreaterThan(0);

    const drill = join(env.dir, 'drill');
    const kills: number[] = [];
    // Kill at a random point of the cycle; a cycle that finished first is retried (later cycles are shorter).
    let last = clean.ms;
    for (let i = 0; i < 3 * KILLS && kills.length < KILLS; i++) {
      const at = Math.round(150 + Math.random() * last);
      const run = await crawlOnce(env.configDir, drill, at);
      if (run.signal === 'SIGKILL') kills.push(at);
      else last = Math.max(300, run.ms - 150);
    }
    // Let it finish: a few clean cycles deliver whatever is still queued.
    for (let i = 0; i < 4; i++) {
      expect((await crawlOnce(env.configDir, drill)).code).toBe(0);
      const store = await openStore(drill);
      const pending = await store.listAlerts('pending');
      await store.close();
      if (pending.length === 0) break;
    }

    expect(await tipKeys(drill)).toEqual(expectedTips);
    const store = await openStore(drill);
    const alerts = await store.listAlerts();
    await store.close();
    expect(alerts.filter((a) => a.status !== 'sent')).toEqual([]);
    const hookAlerts = alerts.filter((a) => a.channel === 'drill-hook');
    const deliveries = new Map<string, number>();
    for (const req of hook.requests) {
      const id = (req.body as { alertId?: string }).alertId ?? '';
      deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
    }
    const ours = hookAlerts.map((a) => deliveries.get(a.id) ?? 0);
    const repeats = ours.reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    console.info(
      `kill drill: ${kills.length} SIGKILLs (at ${kills.join(', ')} ms; clean cycle ${clean.ms} ms), ` +
        `${expectedTips.length} tips, ${hookAlerts.length} webhook alerts, ${repeats} repeated`,
    );
    expect(ours.every((n) => n >= 1)).toBe(true);
    expect(repeats).toBeLessThanOrEqual(kills.length);
    expect(kills).toHaveLength(KILLS);
  }, 240_000);
});
