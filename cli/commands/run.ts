import { resolve } from 'node:path';
import { ensureFirstAdmin, firstAdminNotice } from '../../console/first-admin.js';
import { startConsole } from '../../console/server.js';
import { openApp } from '../app.js';
import { commandLogger, type GlobalOptions } from '../command-context.js';
import { startDemoIfConfigured } from '../demo.js';
import { startScheduler } from '../scheduler.js';

/** `yuqing run`: the scheduler and the console together, until SIGINT/SIGTERM. */
export async function runCommand(options: GlobalOptions): Promise<void> {
  const logger = commandLogger(true);
  const app = await openApp({ configDir: resolve(options.config), dataDir: options.data, logger });
  const { settings } = app.config;
  const demo = await startDemoIfConfigured(app.config, logger);
  // First start: an `admin` account; its one-time password goes to stderr only, never into the log.
  const firstAdmin = await ensureFirstAdmin(app.store, app.config, process.env, new Date());
  if (firstAdmin?.password) process.stderr.write(firstAdminNotice(firstAdmin.name, firstAdmin.password));
  const consoleServer = await startConsole({
    store: app.store,
    config: app.config,
    // Late-bound: after a round is saved in the console, app.reload swaps the segmenter behind these.
    queryTerms: (text) => app.queryTerms(text),
    applyConfig: async (config) => app.reload?.(config),
    logger,
    host: settings.console.host,
    port: settings.console.port,
  });
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
