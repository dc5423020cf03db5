// Shared set-up of the integrity, disk-full and late-receiver drills: a fixture site, real catchers, a config.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Catcher, startSmtpCatcher, startWebhookCatcher } from '../../bench/fixture/catchers.js';
import { type FixtureConfigOptions, writeFixtureConfig } from '../../bench/fixture/config.js';
import { plainItem, redItem } from '../../bench/fixture/items.js';
import { cliMain, repoRoot } from '../../bench/fixture/paths.js';
import { type FixtureItem, type FixtureSite, startFixtureSite } from '../../bench/fixture/site.js';
import { loadTextPool, type TextPool } from '../../bench/source-text.js';
import { seededRandom } from '../../bench/timing.js';
import { SHARED_DIR } from '../helpers/shared-dir.js';
import { until as untilValue } from '../helpers/until.js';

/** A drill's world: site, catchers, config and data directories. */
export interface DrillEnv {
  dir: string;
  configDir: string;
  dataDir: string;
  storePath: string;
  site: FixtureSite;
  smtp: Catcher;
  hook: Catcher;
  /** Items made for this drill, `red` ones are complaints about 明州市住建局. */
  makeItem(id: number, red?: boolean): FixtureItem;
  close(): Promise<void>;
}

/** Start the site (with `items` plain items on one list page) and catchers, and write the config. */
export async function startDrillEnv(
  items: number,
  config: Partial<Omit<FixtureConfigOptions, 'listUrl' | 'smtpUrl' | 'webhookUrl'>> & {
    smtpUrl?: string;
    webhookUrl?: string;
    /** Links per list page (default 500: one page). */
    pageSize?: number;
  } = {},
): Promise<DrillEnv> {
  const pool: TextPool = loadTextPool(SHARED_DIR);
  const random = seededRandom(items * 7919);
  const now = Date.now();
  const makeItem = (id: number, red = false) =>
    (red ? redItem : plainItem)(pool, random, id, now - id * 1000);
  const site = await startFixtureSite({
    pageSize: config.pageSize ?? 500,
    initial: Array.from({ length: items }, (_, i) => makeItem(i + 1)),
  });
  const [smtp, hook] = await Promise.all([startSmtpCatcher(), startWebhookCatcher()]);
  const dir = mkdtempSync(join(tmpdir(), 'yuqing-drill-'));
  const configDir = writeFixtureConfig(dir, {
    listUrl: site.listUrl,
    schedule: config.schedule ?? '0 0 1 1 *',
    smtpUrl: config.smtpUrl ?? smtp.url,
    webhookUrl: config.webhookUrl ?? `${hook.url}/cgi-bin/webhook/send?key=drill`,
    maxItems: config.maxItems ?? 1000,
    maxPages: config.maxPages ?? 5,
    sendIntervalSecs: config.sendIntervalSecs ?? 1,
  });
  const dataDir = join(dir, 'data');
  return {
    dir,
    configDir,
    dataDir,
    storePath: join(dataDir, 'yuqing.db'),
    site,
    smtp,
    hook,
    makeItem,
    async close() {
      await Promise.allSettled([site.close(), smtp.close(), hook.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Spawn the built CLI with the drill's config and data; `shellPrefix` runs it through bash (e.g. `ulimit`). */
export function spawnYuqing(
  env: DrillEnv,
  args: readonly string[],
  shellPrefix?: string,
  vars: NodeJS.ProcessEnv = {},
): ChildProcess {
  const argv = [cliMain(), '--config', env.configDir, '--data', env.dataDir, ...args];
  const options = { cwd: repoRoot(), env: { ...process.env, ...vars } };
  if (!shellPrefix) return spawn(process.execPath, argv, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  const quoted = [process.execPath, ...argv].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  return spawn('bash', ['-c', `${shellPrefix}; exec ${quoted}`], {
    ...options,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Wait for a process to exit; returns its code, signal and everything it printed. */
export function finished(
  child: ChildProcess,
): Promise<{ code: number | null; signal: string | null; output: string }> {
  let output = '';
  child.stdout?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  return new Promise((done) => child.once('exit', (code, signal) => done({ code, signal, output })));
}

/** Resolve once `check` is true (polled), or reject after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  await untilValue(check, { timeoutMs, what, intervalMs: 50 });
}
