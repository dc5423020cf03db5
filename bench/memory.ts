import { execFileSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bounded, type Figure, round } from './figures.js';
import { startSmtpCatcher, startWebhookCatcher } from './fixture/catchers.js';
import { RUN_READY, rssOf, startCli } from './fixture/cli-process.js';
import { writeFixtureConfig } from './fixture/config.js';
import { plainItem } from './fixture/items.js';
import { repoRoot } from './fixture/paths.js';
import { startFixtureSite } from './fixture/site.js';
import type { TextPool } from './source-text.js';
import { seededRandom } from './timing.js';

/** RSS in MB of a fresh Node process that loads the config, with or without the jieba dictionaries. */
export function probeRss(mode: 'config' | 'dictionary'): number {
  const probe = fileURLToPath(new URL('./memory-probe.js', import.meta.url));
  const out = execFileSync(process.execPath, [probe, mode, join(repoRoot(), 'config')], { encoding: 'utf8' });
  return (JSON.parse(out) as { rssMb: number }).rssMb;
}

/**
 * Peak RSS (VmHWM) of `yuqing run` while it runs its first crawl cycle (30 new pages on a loopback site) on a
 * store that already holds items: the store file at `storePath` is hard-linked into a fresh data directory, so
 * the cycle adds its 30 items to that file.
 */
export async function runPeakOnStore(pool: TextPool, tmpDir: string, storePath: string): Promise<number> {
  const random = seededRandom(99);
  const now = Date.now();
  const site = await startFixtureSite({
    pageSize: 50,
    initial: Array.from({ length: 30 }, (_, i) => plainItem(pool, random, 900_000 + i, now - i * 60_000)),
  });
  const smtp = await startSmtpCatcher();
  const hook = await startWebhookCatcher();
  const dir = join(tmpDir, `memory-${Date.now()}`);
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  if (existsSync(storePath)) linkSync(storePath, join(dataDir, 'yuqing.db'));
  const configDir = writeFixtureConfig(dir, {
    listUrl: site.listUrl,
    schedule: '0 0 1 1 *',
    smtpUrl: smtp.url,
    webhookUrl: `${hook.url}/hook`,
  });
  const cli = await startCli(['--config', configDir, '--data', dataDir, 'run'], RUN_READY);
  try {
    const deadline = Date.now() + 120_000;
    while (site.served().article < 30 && Date.now() < deadline) await sleep(200);
    await sleep(3000);
    return rssOf(cli.pid)?.peakMb ?? Number.NaN;
  } finally {
    await cli.stop();
    await Promise.allSettled([site.close(), smtp.close(), hook.close()]);
  }
}

/** The memory figures: `yuqing run` during a crawl cycle (empty and full store) against the dictionary alone. */
export function memoryFigures(
  runPeakMb: number,
  fullStore: { items: number; peakMb: number } | undefined,
  dictionaryMb: number,
  configMb: number,
): Figure[] {
  const reference = 'process with config + jieba dictionaries only';
  const detail = {
    dictionaryRssMb: dictionaryMb,
    configOnlyRssMb: configMb,
    dictionaryCostMb: round(dictionaryMb - configMb, 1),
  };
  const figures = [
    bounded('yuqing run peak RSS, crawl cycle', 'MB', runPeakMb, reference, dictionaryMb, undefined, detail),
  ];
  if (fullStore) {
    figures.push(
      bounded(
        `yuqing run peak RSS, store of ${fullStore.items} items`,
        'MB',
        fullStore.peakMb,
        reference,
        dictionaryMb,
        undefined,
      ),
    );
  }
  return figures;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
