import { createLogger } from '../core/log.js';
import { startDemoSite } from './site.js';

const USAGE = 'usage: node dist/demo/main.js [--port 8931] [--smtp-port 2526] [--host 127.0.0.1]';

// Parsed command-line options of the standalone demo server.
interface DemoArgs {
  port: number;
  host: string;
  smtpPort?: number;
}

// Plain argv parsing: `--port N`, `--smtp-port N`, `--host H`; throws with the usage on anything else.
function parseDemoArgs(argv: readonly string[]): DemoArgs {
  const args: DemoArgs = { port: 8931, host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`missing value after ${flag}\n${USAGE}`);
    if (flag === '--host') {
      args.host = value;
      continue;
    }
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > 65535)
      throw new Error(`${flag}: expected a port number, got "${value}"`);
    if (flag === '--port') args.port = n;
    else if (flag === '--smtp-port') args.smtpPort = n;
    else throw new Error(`unknown option ${flag}\n${USAGE}`);
  }
  return args;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const args = parseDemoArgs(argv);
  const site = await startDemoSite({ ...args, logger: createLogger() });
  process.stdout.write(`演示站已启动：${site.url}/\n`);
  if (site.smtpPort !== undefined)
    process.stdout.write(`演示邮件服务器：smtp://${new URL(site.url).hostname}:${site.smtpPort}\n`);
  const stop = (): void => {
    site.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
