// config.production/, the config docker-compose.yml mounts: validates with its secrets set, and names the one
// variable that is missing when a secret is absent (at `config check` and at `run`, before anything opens).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, runCli } from '../helpers/cli.js';
import { PRODUCTION_ENV } from './production-env.js';

const DIR = join(ROOT, 'config.production');

/** The production env without `name`, and with nothing inherited that could fill it. */
function envWithout(name: string): NodeJS.ProcessEnv {
  return { ...PRODUCTION_ENV, [name]: undefined };
}

function missingLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.includes('未设置'));
}

describe('config.production', () => {
  it('listens on 0.0.0.0, has no demo site, refuses private addresses, stores in Elasticsearch', () => {
    const settings = parse(readFileSync(join(DIR, 'settings.yaml'), 'utf8')) as {
      console: { host: string };
      demoSite?: unknown;
      crawl: { allowPrivateAddresses: boolean };
      store: { type: string; node: string };
    };
    expect(settings.console.host).toBe('0.0.0.0');
    expect(settings.demoSite).toBeUndefined();
    expect(settings.crawl.allowPrivateAddresses).toBe(false);
    expect(settings.store.type).toBe('elasticsearch');
    expect(settings.store.node).toContain('es01:9200');
    const sources = readFileSync(join(DIR, 'sources.yaml'), 'utf8');
    expect(sources).not.toMatch(/127\.0\.0\.1|localhost|demo-/);
    const channels = readFileSync(join(DIR, 'channels.yaml'), 'utf8');
    expect(channels).not.toMatch(/:-/); // no fallback to the demo hooks
  });

  it('passes `config check` with the secrets set', async () => {
    const result = await runCli(['config', 'check', '--config', DIR], PRODUCTION_ENV);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('配置有效');
  });

  for (const name of ['ELASTIC_PASSWORD', 'YUQING_SMTP_URL']) {
    it(`refuses to start without ${name}, in one line naming it`, async () => {
      const data = mkdtempSync(join(tmpdir(), 'yuqing-prod-'));
      const result = await runCli(['run', '--config', DIR, '--data', data], envWithout(name));
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('E_CONFIG');
      const lines = missingLines(result.stderr);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(name);
    }, 240_000); // `run` loads the crawler stack before the config: slow on a loaded 2-core machine
  }
});
