import { type Logger, pino } from 'pino';

export type { Logger };

/** Options for the root logger built by the composition root. */
export interface LoggerOptions {
  level?: string;
  /** Write to this file descriptor/stream instead of stderr (stdout is kept for command output). */
  destination?: NodeJS.WritableStream;
}

/** The root logger: JSON lines on stderr so that `--json` output on stdout stays clean. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: ['*.password', '*.secret', '*.smtp', '*.token'], censor: '***' },
    },
    options.destination ?? pino.destination(2),
  );
}

/** A logger that discards everything, for tests and pure callers. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
