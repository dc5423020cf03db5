import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { ROOT } from './cli.js';

/** Where the test's copy of the bundled example should send and fetch. */
export interface ExampleConfigOptions {
  /** Base URL of a running demo site, replacing the example's http://127.0.0.1:8931. */
  demoUrl: string;
  smtpUrl: string;
  wecomUrl: string;
  consolePort?: number;
  /** Extra sources added to sources.yaml and to the example round. */
  extraSources?: Record<string, unknown>[];
}

/** Copy the bundled example config into `dir`, pointed at test servers; returns the config dir. */
export function writeExampleConfig(dir: string, options: ExampleConfigOptions): string {
  const configDir = join(dir, 'config');
  mkdirSync(configDir, { recursive: true });
  cpSync(join(ROOT, 'config/rounds'), join(configDir, 'rounds'), { recursive: true });
  const settings = parse(readFileSync(join(ROOT, 'config/settings.yaml'), 'utf8')) ?? {};
  delete settings.demoSite;
  settings.console = { ...settings.console, port: options.consolePort ?? 0 };
  settings.alerts = { ...settings.alerts, sendIntervalSecs: 1 };
  writeFileSync(join(configDir, 'settings.yaml'), stringify(settings));
  const sources = (
    parse(readFileSync(join(ROOT, 'config/sources.yaml'), 'utf8')) as Record<string, unknown>[]
  ).map((s) => ({ ...s, url: String(s.url).replace('http://127.0.0.1:8931', options.demoUrl) }));
  const extra = options.extraSources ?? [];
  writeFileSync(join(configDir, 'sources.yaml'), stringify([...sources, ...extra]));
  if (extra.length > 0) {
    const roundFile = join(configDir, 'rounds/2026-r4.yaml');
    const round = parse(readFileSync(roundFile, 'utf8'));
    round.sources = [...round.sources, ...extra.map((s) => s.id)];
    writeFileSync(roundFile, stringify(round));
  }
  writeFileSync(
    join(configDir, 'channels.yaml'),
    stringify({
      'office-mail': {
        type: 'email',
        to: ['xunchaban@example.org'],
        from: 'yuqing@example.org',
        smtp: options.smtpUrl,
      },
      'office-wecom': { type: 'wecom', url: options.wecomUrl },
    }),
  );
  return configDir;
}
