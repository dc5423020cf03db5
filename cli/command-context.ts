import { resolve } from 'node:path';
import { createLogger, type Logger } from '../core/log.js';
import { type App, openApp } from './app.js';

/** Options every command takes (a contract: `--config DIR` and `--data DIR`). */
export interface GlobalOptions {
  config: string;
  data?: string;
}

/** The logger of a command: info for the long-running service, warnings only for one-shot commands. */
export function commandLogger(service: boolean): Logger {
  return createLogger({ level: process.env.LOG_LEVEL ?? (service ? 'info' : 'warn') });
}

/** Open the app for a command and always close it afterwards. */
export async function withApp<T>(
  options: GlobalOptions,
  logger: Logger,
  fn: (app: App) => Promise<T>,
): Promise<T> {
  const app = await openApp({ configDir: resolve(options.config), dataDir: options.data, logger });
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

/** Print a value as one JSON document on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
