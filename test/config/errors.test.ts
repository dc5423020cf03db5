// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings hold the ${VAR} syntax of the YAML files.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/loader.js';
import { ConfigError } from '../../core/errors.js';
import { BASE_FILES, rejection, writeConfigDir } from './fixture.js';

const ROUND = BASE_FILES['rounds/r1.yaml'] ?? '';

/** Load a fixture dir built from the base files plus overrides and return the ConfigError message. */
async function failure(
  overrides: Record<string, string | null>,
  env: NodeJS.ProcessEnv = {},
): Promise<string> {
  const dir = await writeConfigDir(overrides);
  const err = await rejection(() => loadConfig(dir, { env }));
  expect(err).toBeInstanceOf(ConfigError);
  expect((err as ConfigError).code).toBe('E_CONFIG');
  expect(err.message).not.toMatch(/\n\s+at /);
  return err.message;
}

describe('config error messages name the file and the path inside it', () => {
  it('reports a unit whose aliases are not a list', async () => {
    const round = ROUND.replace('aliases: [丙]', 'aliases: 丙');
    const message = await failure({ 'rounds/r1.yaml': round });
    expect(message).toBe('rounds/r1.yaml: units[2].aliases: expected a list of strings');
  });

  it('reports a missing required key', async () => {
    const message = await failure({ 'rounds/r1.yaml': ROUND.replace('    name: 乙单位\n', '') });
    expect(message).toContain('rounds/r1.yaml: units[1].name: required key is missing');
  });

  it('reports a key left empty', async () => {
    const message = await failure({ 'rounds/r1.yaml': ROUND.replace('name: 测试轮次', 'name:') });
    expect(message).toContain('rounds/r1.yaml: name: value is empty');
  });

  it('reports a bad level in an alert route, quoting the value', async () => {
    const message = await failure({ 'rounds/r1.yaml': ROUND.replace('minLevel: red', 'minLevel: purple') });
    expect(message).toBe(
      'rounds/r1.yaml: alerts[0].minLevel: expected one of red, orange, yellow, green, got "purple"',
    );
  });

  it('reports a route to a channel that channels.yaml does not define', async () => {
    const message = await failure({ 'rounds/r1.yaml': ROUND.replace('[mail, robot]', '[mail, pager]') });
    expect(message).toBe(
      'rounds/r1.yaml: alerts[0].channels[1]: unknown channel "pager" (not defined in channels.yaml)',
    );
  });

  it('reports a round source id that sources.yaml does not define', async () => {
    const message = await failure({
      'rounds/r1.yaml': ROUND.replace('sources: [s1, s2]', 'sources: [s1, nope]'),
    });
    expect(message).toBe('rounds/r1.yaml: sources[1]: unknown source "nope" (not defined in sources.yaml)');
  });

  it('reports a YAML syntax error with its line and column', async () => {
    const message = await failure({
      'channels.yaml': 'mail:\n  type: email\n  to: [a@example.org\n  from: x\n',
    });
    expect(message).toMatch(/^channels\.yaml: YAML syntax error at line 4, column \d+: /);
  });

  it('reports an unset ${VAR} without a default, and accepts ${VAR:-default} and set variables', async () => {
    const channels =
      'mail:\n  type: email\n  to: [a@example.org]\n  from: "${MAIL_FROM:-b@example.org}"\n  smtp: "${SMTP_URL}"\n';
    const message = await failure({ 'channels.yaml': channels });
    expect(message).toBe(
      'channels.yaml: mail.smtp: environment variable SMTP_URL is not set (set it, or write ${SMTP_URL:-default})',
    );
    const dir = await writeConfigDir({
      'channels.yaml': channels,
      'rounds/r1.yaml': ROUND.replace(', robot', ''),
    });
    const config = await loadConfig(dir, { env: { SMTP_URL: 'smtp://mail.example.org:25' } });
    expect(config.channels.mail).toEqual({
      type: 'email',
      to: ['a@example.org'],
      from: 'b@example.org',
      smtp: 'smtp://mail.example.org:25',
    });
  });

  it('lists every problem of every file in one error', async () => {
    const message = await failure({
      'sources.yaml': '- id: s1\n  name: 来源一\n  type: ftp\n  url: http://127.0.0.1:9/\n',
      'rounds/r1.yaml': ROUND.replace('aliases: [丙]', 'aliases: 丙'),
      'rounds/r2.yaml': 'id: r2\nname: 二\nunits: []\n',
    });
    expect(message.split('\n')).toEqual([
      'sources.yaml: [0].type: expected one of rss, html, browser, search, json, got "ftp"',
      'rounds/r1.yaml: units[2].aliases: expected a list of strings',
      'rounds/r2.yaml: units: a round needs at least one unit',
    ]);
  });

  it('requires a rounds folder with at least one round file', async () => {
    expect(await failure({ 'rounds/r1.yaml': null })).toMatch(/^rounds\/: no round files/);
    const dir = await writeConfigDir({ 'rounds/r1.yaml': null });
    await mkdir(path.join(dir, 'rounds'));
    expect((await rejection(() => loadConfig(dir, { env: {} }))).message).toMatch(
      /^rounds\/: no round files/,
    );
  });

  it('rejects a path that is not a directory', async () => {
    const err = await rejection(() => loadConfig('/nonexistent/yuqing-config', { env: {} }));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toBe('/nonexistent/yuqing-config: config directory not found');
    const file = path.join(await writeConfigDir(), 'sources.yaml');
    expect((await rejection(() => loadConfig(file, { env: {} }))).message).toContain('not a directory');
  });
});

describe('cross-file checks', () => {
  it('rejects duplicate source, round and unit ids', async () => {
    const message = await failure({
      'sources.yaml': `${BASE_FILES['sources.yaml']}- { id: s1, name: 重复, type: rss, url: "http://127.0.0.1:9/x" }\n`,
      'rounds/r1.yaml': ROUND.replace('id: c\n', 'id: a\n'),
      'rounds/r2.yaml': ROUND.replace('[mail, robot]', '[mail]'),
    });
    expect(message.split('\n')).toEqual([
      'sources.yaml: [2].id: duplicate source id "s1" (also at [0])',
      'rounds/r1.yaml: units[2].id: duplicate unit id "a" (also at units[0])',
      'rounds/r2.yaml: id: duplicate round id "r1" (also in rounds/r1.yaml)',
    ]);
  });

  it('requires a reason when a source ignores robots.txt, and a valid cron schedule', async () => {
    const sources = `- { id: s1, name: 一, type: rss, url: "http://127.0.0.1:9/a", respectRobotsTxt: false }
- { id: s2, name: 二, type: rss, url: "http://127.0.0.1:9/b", respectRobotsTxt: false, reason: 上级同意 }
- { id: s3, name: 三, type: rss, url: "http://127.0.0.1:9/c", schedule: "61 * * * *" }
`;
    const message = await failure({ 'sources.yaml': sources });
    expect(message.split('\n')).toEqual([
      'sources.yaml: [0].reason: required when respectRobotsTxt is false (say why robots.txt may be ignored)',
      'sources.yaml: [2].schedule: not a valid cron expression "61 * * * *" (e.g. "*/15 * * * *")',
    ]);
  });
});

describe('unknown keys', () => {
  it('are ignored with a warning naming file and path', async () => {
    const round = ROUND.replace('aliases: [甲]', 'aliases: [甲]\n    alias: [甲方]').replace(
      'id: r1',
      'id: r1\nowner: 张三',
    );
    const dir = await writeConfigDir({
      'rounds/r1.yaml': round,
      'settings.yaml': 'console: { prot: 8080 }\n',
    });
    const config = await loadConfig(dir, { env: {} });
    expect(config.warnings).toEqual([
      'settings.yaml: console.prot: unknown key (ignored)',
      'rounds/r1.yaml: owner: unknown key (ignored)',
      'rounds/r1.yaml: units[0].alias: unknown key (ignored)',
    ]);
    expect(config.rounds[0]?.units[0]?.aliases).toEqual(['甲']);
  });
});
