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
    expect(message).toBe('rounds/r1.yaml: 第 3 个单位的别名（aliases）: 应为文字列表，实际为「丙」');
  });

  it('reports a missing required key', async () => {
    const message = await failure({ 'rounds/r1.yaml': ROUND.replace('    name: 乙单位\n', '') });
    expect(message).toContain('rounds/r1.yaml: 第 2 个单位的名称（name）: 缺少必填项，应填写单位名称');
  });

  it('reports a key left empty', async () => {
    const message = await failure({ 'rounds/r1.yaml': ROUND.replace('name: 测试轮次', 'name:') });
    expect(message).toContain('rounds/r1.yaml: 轮次名称（name）: 未填写（值为空），应填写轮次名称');
  });

  it('reports a bad level in an alert route, quoting the value', async () => {
    const message = await failure({ 'rounds/r1.yaml': ROUND.replace('minLevel: red', 'minLevel: purple') });
    expect(message).toBe(
      'rounds/r1.yaml: 第 1 条推送规则的最低等级（minLevel）: 应为 red（红）、orange（橙）、yellow（黄）、green（绿）之一，实际为「purple」',
    );
  });

  it('reports a route to a channel that channels.yaml does not define', async () => {
    const message = await failure({ 'rounds/r1.yaml': ROUND.replace('[mail, robot]', '[mail, pager]') });
    expect(message).toBe(
      'rounds/r1.yaml: 第 1 条推送规则的第 2 个渠道: 未知的渠道「pager」（channels.yaml 中没有这个名称）',
    );
  });

  it('reports a round source id that sources.yaml does not define', async () => {
    const message = await failure({
      'rounds/r1.yaml': ROUND.replace('sources: [s1, s2]', 'sources: [s1, nope]'),
    });
    expect(message).toBe(
      'rounds/r1.yaml: 第 2 个信息源: 未知的信息源「nope」（sources.yaml 中没有这个编号）',
    );
  });

  it('reports a YAML syntax error with its line and column', async () => {
    const message = await failure({
      'channels.yaml': 'mail:\n  type: email\n  to: [a@example.org\n  from: x\n',
    });
    expect(message).toMatch(/^channels\.yaml: YAML 语法错误（第 4 行第 \d+ 列）：缩进不对/);
  });

  it('reports an unset ${VAR} without a default, and accepts ${VAR:-default} and set variables', async () => {
    const channels =
      'mail:\n  type: email\n  to: [a@example.org]\n  from: "${MAIL_FROM:-b@example.org}"\n  smtp: "${SMTP_URL}"\n';
    const message = await failure({ 'channels.yaml': channels });
    expect(message).toBe(
      'channels.yaml: 渠道「mail」的SMTP 地址（smtp）: 环境变量 SMTP_URL 未设置（请设置它，或写成 ${SMTP_URL:-默认值}）',
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
      'sources.yaml: 第 1 个信息源的类型（type）: 应为 rss、html、browser、search、json 之一，实际为「ftp」',
      'rounds/r1.yaml: 第 3 个单位的别名（aliases）: 应为文字列表，实际为「丙」',
      'rounds/r2.yaml: 单位（units）: 一个轮次至少要有一个被巡察单位，实际为 0 项',
    ]);
  });

  it('reports a phase order problem even when another part of the round is wrong', async () => {
    const round = ROUND.replace(
      'entry: { start: 2026-11-01, end: 2027-01-15 }',
      'entry: { start: 2026-11-01, end: 2027-01-15 }\n  feedback: { start: 2026-10-01, end: 2026-10-02 }',
    ).replace('aliases: [丙]', 'aliases: 丙');
    const message = await failure({ 'rounds/r1.yaml': round, 'settings.yaml': 'timezone: Mars/Phobos\n' });
    expect(message.split('\n')).toEqual([
      'settings.yaml: 时区（timezone）: 不是 IANA 时区名称（如 Asia/Shanghai）：「Mars/Phobos」',
      'rounds/r1.yaml: 反馈阶段的开始日期（phases.feedback.start）: 反馈阶段的开始日期 2026-10-01 早于进驻阶段的开始日期 2026-11-01',
      'rounds/r1.yaml: 第 3 个单位的别名（aliases）: 应为文字列表，实际为「丙」',
    ]);
  });

  it('requires a rounds folder with at least one round file', async () => {
    expect(await failure({ 'rounds/r1.yaml': null })).toMatch(/^rounds\/: 没有轮次文件/);
    const dir = await writeConfigDir({ 'rounds/r1.yaml': null });
    await mkdir(path.join(dir, 'rounds'));
    expect((await rejection(() => loadConfig(dir, { env: {} }))).message).toMatch(/^rounds\/: 没有轮次文件/);
  });

  it('rejects a path that is not a directory', async () => {
    const err = await rejection(() => loadConfig('/nonexistent/yuqing-config', { env: {} }));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toBe('/nonexistent/yuqing-config: 配置目录不存在');
    const file = path.join(await writeConfigDir(), 'sources.yaml');
    expect((await rejection(() => loadConfig(file, { env: {} }))).message).toContain('不是目录');
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
      'sources.yaml: 第 3 个信息源的编号（id）: 信息源编号「s1」重复（第 1 个信息源已用）',
      'rounds/r1.yaml: 第 3 个单位的编号（id）: 单位编号「a」重复（第 1 个单位已用）',
      'rounds/r2.yaml: 轮次编号（id）: 轮次编号「r1」重复（rounds/r1.yaml 已用）',
    ]);
  });

  it('requires a reason when a source ignores robots.txt, and a valid cron schedule', async () => {
    const sources = `- { id: s1, name: 一, type: rss, url: "http://127.0.0.1:9/a", respectRobotsTxt: false }
- { id: s2, name: 二, type: rss, url: "http://127.0.0.1:9/b", respectRobotsTxt: false, reason: 上级同意 }
- { id: s3, name: 三, type: rss, url: "http://127.0.0.1:9/c", schedule: "61 * * * *" }
`;
    const message = await failure({ 'sources.yaml': sources });
    expect(message.split('\n')).toEqual([
      'sources.yaml: 第 1 个信息源的理由（reason）: respectRobotsTxt 为 false 时必须写明不遵守 robots.txt 的理由',
      'sources.yaml: 第 3 个信息源的采集计划（schedule）: 不是有效的 cron 表达式「61 * * * *」（例如 "*/15 * * * *"）',
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
      'settings.yaml: 控制台的「prot」（console.prot）: 未知的键，已忽略（是否拼错？）',
      'rounds/r1.yaml: 「owner」（owner）: 未知的键，已忽略（是否拼错？）',
      'rounds/r1.yaml: 第 1 个单位的「alias」（alias）: 未知的键，已忽略（是否拼错？）',
    ]);
    expect(config.rounds[0]?.units[0]?.aliases).toEqual(['甲']);
  });
});
