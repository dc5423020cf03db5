// The deployment files: docker-compose.yml validates with whichever Compose exists (`docker compose` v2 or
// `docker-compose` v1; no engine is needed for `config`), and holds what the README promises.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../helpers/cli.js';
import { PRODUCTION_ENV } from './production-env.js';

const FILE = join(ROOT, 'docker-compose.yml');

/** The Compose command available here, if any. */
function composeCommand(): string[] | undefined {
  for (const cmd of [['docker', 'compose'], ['docker-compose']]) {
    const probe = spawnSync(cmd[0] as string, [...cmd.slice(1), 'version'], { encoding: 'utf8' });
    if (probe.status === 0) return cmd;
  }
  return undefined;
}

const compose = composeCommand();
if (!compose)
  process.stdout.write(
    'compose validation skipped: neither `docker compose` nor `docker-compose` is installed\n',
  );

function runConfig(env: NodeJS.ProcessEnv) {
  const cmd = compose as string[];
  return spawnSync(cmd[0] as string, [...cmd.slice(1), '-f', FILE, 'config', '-q'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });
}

describe.skipIf(!compose)(
  compose
    ? `docker-compose.yml (${compose.join(' ')} config)`
    : 'docker-compose.yml (skipped: no Compose installed)',
  () => {
    it('validates with every secret of .env.example set', () => {
      const result = runConfig(PRODUCTION_ENV);
      expect(result.status, result.stderr).toBe(0);
    });

    it('refuses to start without the SMTP URL, naming it', () => {
      const { YUQING_SMTP_URL: _unset, ...env } = PRODUCTION_ENV;
      const result = runConfig(env);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('YUQING_SMTP_URL');
    });

    it('refuses to start without ELASTIC_PASSWORD', () => {
      const result = runConfig({});
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('ELASTIC_PASSWORD');
    });
  },
);

describe('deployment files', () => {
  const file = parse(readFileSync(FILE, 'utf8')) as {
    services: Record<
      string,
      {
        healthcheck?: unknown;
        environment?: Record<string, string>;
        volumes?: string[];
        depends_on?: Record<string, { condition: string }>;
      }
    >;
    volumes: Record<string, unknown>;
  };

  it('runs Elasticsearch 8 single-node with security and TLS, the app and a mail catcher, with health checks', () => {
    const es = file.services.es01;
    expect(es?.environment).toMatchObject({
      'discovery.type': 'single-node',
      'xpack.security.enabled': 'true',
      'xpack.security.http.ssl.enabled': 'true',
    });
    for (const name of ['es01', 'yuqing', 'mailpit'])
      expect(file.services[name]?.healthcheck, name).toBeDefined();
    expect(file.services.yuqing?.depends_on?.es01?.condition).toBe('service_healthy');
    expect(Object.keys(file.volumes).sort()).toEqual(['es-certs', 'es-data', 'yuqing-data']);
    expect(file.services.yuqing?.volumes).toContain('yuqing-data:/app/data');
    expect(file.services.yuqing?.volumes).toContain('./config.production:/app/config:ro');
    const envExample = readFileSync(join(ROOT, '.env.example'), 'utf8');
    for (const name of Object.keys(PRODUCTION_ENV)) {
      expect(envExample, name).toMatch(new RegExp(`^${name}=`, 'm'));
      expect(file.services.yuqing?.environment?.[name], name).toContain(`\${${name}:?`);
    }
  });

  it('builds the app with Debian Chromium and runs it as a non-root user', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/apt-get install[^\n]*chromium/);
    expect(dockerfile).toContain('CHROMIUM_PATH=/usr/bin/chromium');
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toContain('HEALTHCHECK');
  });
});
