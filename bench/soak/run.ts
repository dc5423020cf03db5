// `npm run soak -- --minutes N`: the real `yuqing run` against a loopback site that keeps publishing, updating
// and deleting items, with a real SMTP server and 企业微信-style receiver; checks at the end that every red story
// was alerted exactly once, nothing was lost, the store is intact and RSS did not grow after warm-up.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSmtpCatcher, startWebhookCatcher } from '../fixture/catchers.js';
import { RUN_READY, rssOf, startCli } from '../fixture/cli-process.js';
import { FIXTURE_SOURCE, writeFixtureConfig } from '../fixture/config.js';
import { plainItem, redItem } from '../fixture/items.js';
import { repoRoot } from '../fixture/paths.js';
import { type FixtureItem, startFixtureSite } from '../fixture/site.js';
import { loadTextPool } from '../source-text.js';
import { pick, seededRandom } from '../timing.js';
import {
  checkAlertedOnce,
  checkMemory,
  checkNothingLost,
  integrityCheck,
  type PublishedItem,
  type SoakCheck,
  storedClusters,
} from './checks.js';

/** Options read from the command line. */
interface SoakOptions {
  minutes: number;
  /** Cron of the source; six fields = with seconds. */
  schedule: string;
  periodMs: number;
  publishEveryMs: number;
}

const RED_SHARE = 0.2;

function parseOptions(argv: readonly string[]): SoakOptions {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`${name}=`))?.split('=')[1];
  };
  const minutes = Number(value('--minutes') ?? 3);
  const periodSecs = Number(value('--period-secs') ?? 15);
  if (!(minutes > 0) || !(periodSecs >= 1 && periodSecs <= 59)) {
    throw new Error('usage: npm run soak -- --minutes N [--period-secs S (1–59, default 15)]');
  }
  return {
    minutes,
    schedule: `*/${periodSecs} * * * * *`,
    periodMs: periodSecs * 1000,
    publishEveryMs: Number(value('--publish-every-secs') ?? 3) * 1000,
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const log = (text: string) => process.stderr.write(`soak: ${text}\n`);
  const root = repoRoot();
  const pool = loadTextPool(resolve(process.env.YUQING_SHARED_DIR ?? join(root, '..', 'shared')));
  const random = seededRandom(Date.now() % 2 ** 31);
  const dir = mkdtempSync(join(tmpdir(), 'yuqing-soak-'));
  const published = new Map<number, PublishedItem & { at: number }>();
  let nextId = 1;
  const newItem = (red: boolean): FixtureItem =>
    (red ? redItem : plainItem)(pool, random, nextId++, Date.now());
  const site = await startFixtureSite({ pageSize: 40 });
  const remember = (item: FixtureItem, red: boolean) =>
    published.set(item.id, {
      id: item.id,
      url: `${site.url}/news/${item.id}.html`,
      red,
      deleted: false,
      at: Date.now(),
    });
  for (let i = 0; i < 20; i++) {
    const item = newItem(false);
    site.publish(item);
    remember(item, false);
  }
  const smtp = await startSmtpCatcher();
  const hook = await startWebhookCatcher();
  const configDir = writeFixtureConfig(dir, {
    listUrl: site.listUrl,
    schedule: options.schedule,
    smtpUrl: smtp.url,
    webhookUrl: `${hook.url}/cgi-bin/webhook/send?key=soak`,
    maxPages: 5,
    maxItems: 100,
  });
  const dataDir = join(dir, 'data');
  log(`${options.minutes} min, source schedule "${options.schedule}", data in ${dataDir}`);
  const cli = await startCli(['--config', configDir, '--data', dataDir, 'run'], RUN_READY);
  const samples: { at: number; rssMb: number }[] = [];
  const sampler = setInterval(() => {
    const rss = rssOf(cli.pid);
    if (rss) samples.push({ at: Date.now(), rssMb: rss.rssMb });
  }, 2000);
  const counts = { published: 20, updated: 0, deleted: 0 };
  const end = Date.now() + options.minutes * 60_000;
  let exitCode: number | null = null;
  try {
    while (Date.now() < end) {
      await sleep(options.publishEveryMs);
      if (cli.child.exitCode !== null) throw new Error(`yuqing run exited early:\n${cli.output()}`);
      const roll = random();
      // Only items listed for three periods are changed or removed: by then a cycle has stored them.
      const settled = [...published.values()].filter(
        (p) => !p.deleted && Date.now() - p.at > 3 * options.periodMs,
      );
      if (roll < 0.15 && settled.length > 0) {
        const victim = pick(random, settled);
        const body = plainItem(pool, random, victim.id, Date.now()).body;
        site.update(victim.id, { body: `${body}\n（本文已更新）` });
        counts.updated += 1;
      } else if (roll < 0.3 && settled.length > 10) {
        const victim = pick(random, settled);
        site.remove(victim.id);
        victim.deleted = true;
        counts.deleted += 1;
      } else {
        const red = random() < RED_SHARE;
        const item = newItem(red);
        site.publish(item);
        remember(item, red);
        counts.published += 1;
      }
    }
    log(`publishing stopped (${JSON.stringify(counts)}); waiting for the last cycles and alerts…`);
    await sleep(2 * options.periodMs + 15_000);
  } finally {
    clearInterval(sampler);
    exitCode = await cli.stop();
    await Promise.allSettled([site.close(), smtp.close(), hook.close()]);
  }
  const storePath = join(dataDir, 'yuqing.db');
  const items = [...published.values()];
  const stored = storedClusters(storePath, FIXTURE_SOURCE);
  const integrity = integrityCheck(storePath);
  const checks: SoakCheck[] = [
    checkNothingLost(items, stored),
    checkAlertedOnce('email', items, stored, smtp.arrivals),
    checkAlertedOnce('wecom', items, stored, hook.arrivals),
    checkMemory(samples, Math.min(60_000, (options.minutes * 60_000) / 3)),
    { name: 'store integrity_check', ok: integrity === 'ok', detail: integrity },
    { name: 'graceful stop', ok: exitCode === 0, detail: `exit code ${exitCode}` },
  ];
  const report = {
    date: new Date().toISOString(),
    minutes: options.minutes,
    schedule: options.schedule,
    counts: {
      ...counts,
      red: items.filter((i) => i.red).length,
      mails: smtp.arrivals.length,
      robotMessages: hook.arrivals.length,
    },
    checks,
  };
  const resultsPath = join(root, 'bench', 'soak-results.json');
  writeFileSync(resultsPath, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(
    [
      `soak ${options.minutes} min (${options.schedule}): ${JSON.stringify(report.counts)}`,
      ...checks.map((c) => `${c.ok ? 'PASS' : 'FAIL'}  ${c.name}: ${c.detail}`),
      `results written to ${resultsPath}`,
      '',
    ].join('\n'),
  );
  if (checks.every((c) => c.ok)) rmSync(dir, { recursive: true, force: true });
  else {
    log(`kept ${dir} for inspection; last output of yuqing run:\n${cli.output().slice(-4000)}`);
    process.exitCode = 1;
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

main().catch((error: unknown) => {
  process.stderr.write(
    `soak failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
