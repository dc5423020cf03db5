import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { bounded, type Figure, round } from './figures.js';
import { type Catcher, startSmtpCatcher, startWebhookCatcher } from './fixture/catchers.js';
import { type CliProcess, RUN_READY, rssOf, startCli } from './fixture/cli-process.js';
import { writeFixtureConfig } from './fixture/config.js';
import { itemMarker, plainItem, redItem } from './fixture/items.js';
import { startFixtureSite } from './fixture/site.js';
import type { TextPool } from './source-text.js';
import { percentile, seededRandom } from './timing.js';

/** What the detection run needs. */
export interface DetectionBenchDeps {
  pool: TextPool;
  tmpDir: string;
  /** Red items published, one every `spacingMs` (plus jitter), so they land at different points of the minute. */
  items: number;
  spacingMs: number;
  progress: (text: string) => void;
}

/** Latency figures and the memory samples of the `yuqing run` process. */
export interface DetectionBenchResult {
  figures: Figure[];
  /** Peak RSS (VmHWM) of `yuqing run` over the whole run, in MB. */
  runPeakMb: number;
}

const SCHEDULE = '* * * * *';
const SCHEDULE_SECONDS = 60;
const TARGET_WORST_SECONDS = 65;
const GIVE_UP_MS = 150_000;
const FIRST_ID = 100_000;

/**
 * Starts the real `yuqing run` (built CLI) on a loopback site with a 1-minute schedule, a real SMTP server and a
 * 企业微信-style receiver; publishes red items one by one and times publish → both the mail and the robot
 * message received. Also samples the process's RSS during its crawl cycles.
 */
export async function measureDetection(deps: DetectionBenchDeps): Promise<DetectionBenchResult> {
  const random = seededRandom(4242);
  const start = Date.now();
  const initial = Array.from({ length: 30 }, (_, i) =>
    plainItem(deps.pool, random, i + 1, start - i * 60_000),
  );
  const site = await startFixtureSite({ pageSize: 50, initial: initial.reverse() });
  const smtp = await startSmtpCatcher();
  const hook = await startWebhookCatcher();
  const dir = join(deps.tmpDir, 'detection');
  mkdirSync(dir, { recursive: true });
  const configDir = writeFixtureConfig(dir, {
    listUrl: site.listUrl,
    schedule: SCHEDULE,
    smtpUrl: smtp.url,
    webhookUrl: `${hook.url}/cgi-bin/webhook/send?key=bench`,
  });
  let cli: CliProcess | undefined;
  let peakMb = 0;
  let sampler: NodeJS.Timeout | undefined;
  try {
    cli = await startCli(['--config', configDir, '--data', join(dir, 'data'), 'run'], RUN_READY);
    const pid = cli.pid;
    sampler = setInterval(() => {
      peakMb = Math.max(peakMb, rssOf(pid)?.peakMb ?? 0);
    }, 250);
    const published: { id: number; at: number }[] = [];
    for (let i = 0; i < deps.items; i++) {
      const due = start + 5_000 + i * deps.spacingMs + Math.floor(random() * 7_000);
      await sleep(Math.max(0, due - Date.now()));
      const id = FIRST_ID + i;
      site.publish(redItem(deps.pool, random, id, Date.now()));
      published.push({ id, at: Date.now() });
      deps.progress(`detection: red item ${i + 1}/${deps.items} published`);
    }
    const latencies = await waitForAlerts(published, smtp, hook);
    peakMb = Math.max(peakMb, rssOf(pid)?.peakMb ?? 0);
    const missing = latencies.filter((l) => !Number.isFinite(l)).length;
    const seconds = latencies.filter(Number.isFinite);
    const detail = {
      items: deps.items,
      missing,
      schedule: SCHEDULE,
      p95: round(percentile(seconds, 95), 1),
      all: latencies.map((l) => round(l, 1)).join(' '),
    };
    const reference = `schedule period (${SCHEDULE_SECONDS} s)`;
    return {
      figures: [
        bounded(
          'detection latency p50',
          's',
          percentile(seconds, 50),
          reference,
          SCHEDULE_SECONDS,
          undefined,
          detail,
        ),
        bounded(
          'detection latency max',
          's',
          missing > 0 ? Number.POSITIVE_INFINITY : Math.max(...seconds),
          reference,
          SCHEDULE_SECONDS,
          TARGET_WORST_SECONDS,
        ),
      ],
      runPeakMb: peakMb,
    };
  } finally {
    if (sampler) clearInterval(sampler);
    await cli?.stop();
    await Promise.allSettled([site.close(), smtp.close(), hook.close()]);
  }
}

/** Seconds from publish until both a mail and a robot message name the item (Infinity when one never came). */
async function waitForAlerts(
  published: readonly { id: number; at: number }[],
  smtp: Catcher,
  hook: Catcher,
): Promise<number[]> {
  const arrivedAt = (catcher: Catcher, id: number) =>
    catcher.arrivals.find((a) => a.text.includes(itemMarker(id)))?.at;
  const last = published[published.length - 1]?.at ?? Date.now();
  const done = () => published.every((p) => arrivedAt(smtp, p.id) && arrivedAt(hook, p.id));
  while (!done() && Date.now() < last + GIVE_UP_MS) await sleep(200);
  return published.map((p) => {
    const mail = arrivedAt(smtp, p.id);
    const robot = arrivedAt(hook, p.id);
    return mail && robot ? (Math.max(mail, robot) - p.at) / 1000 : Number.POSITIVE_INFINITY;
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
