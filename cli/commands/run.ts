import { resolve } from 'node:path';
import { toConfigError } from '../../config/config-error.js';
import { ensureFirstAdmin, firstAdminNotice } from '../../console/first-admin.js';
import { assertWebBuilt } from '../../console/routes/static-app.js';
import { startConsole } from '../../console/server.js';
import { startScheduler } from '../../ingest/scheduler.js';
import { type App, buildApp } from '../app.js';
import { commandLogger, type GlobalOptions } from '../command-context.js';
import { startDemoIfConfigured } from '../demo.js';
import { listenProblem, loadValidatedConfig } from '../preflight.js';

/**
 * `yuqing run`: the scheduler and the console together, until SIGINT/SIGTERM. The config (files, console port
 * and host, store path) is checked before anything is created; a start that fails later is undone.
 */
export async function runCommand(options: GlobalOptions): Promise<void> {
  const logger = commandLogger(true);
  const config = await loadValidatedConfig(resolve(options.config), 'run', { dataDir: options.data });
  // A console without its page is of no use to an officer: say so before the store or the demo site opens.
  assertWebBuilt();
  const app = await buildApp(config, logger);
  const { settings } = app.config;
  const demo = await startDemoIfConfigured(app.config, logger).catch(async (error: unknown) => {
    await app.close();
    throw error;
  });
  const consoleServer = await startConsole({
    store: app.store,
    config: app.config,
    // Late-bound: after a round is saved in the console, app.reload swaps the segmenter behind these.
    queryTerms: (text) => app.queryTerms(text),
    applyConfig: async (next) => app.reload?.(next),
    logger,
    host: settings.console.host,
    port: settings.console.port,
  }).catch(async (error: unknown) => {
    await undoStart(app, demo);
    throw asListenError(error, app);
  });
  // First start: an `admin` account; its one-time password goes to stderr only, never into the log.
  const firstAdmin = await ensureFirstAdmin(app.store, app.config, process.env, new Date());
  if (firstAdmin?.password) process.stderr.write(firstAdminNotice(firstAdmin.name, firstAdmin.password));
  const scheduler = startScheduler(app);
  process.stdout.write(
    [
      `巡察舆情监测预警已启动`,
      `  控制台：${consoleServer.url}`,
      ...(demo ? [`  演示站点：${demo.url}（收到的预警：${demo.url}/hooks/ 与 ${demo.url}/mail/）`] : []),
      `  数据文件：${settings.storePath}`,
      `  按 Ctrl+C 停止`,
      '',
    ].join('\n'),
  );
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  logger.info('shutting down');
  await scheduler.stop();
  await consoleServer.close();
  await demo?.close();
  await app.close();
}

async function undoStart(app: App, demo: { close(): Promise<void> } | undefined): Promise<void> {
  await demo?.close().catch(() => undefined);
  await app.close().catch(() => undefined);
}

// The port can be taken between the preflight and the listen: still one settings.yaml line, no stack trace.
function asListenError(error: unknown, app: App): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string' || !/^E(ADDR|ACCES|NOTFOUND|AI_)/.test(code)) return error;
  const { host, port } = app.config.settings.console;
  const problem = listenProblem(error as NodeJS.ErrnoException, host, port);
  return toConfigError(app.config.dir, [
    { file: 'settings.yaml', path: ['console', problem.key], reason: problem.reason },
  ]);
}
