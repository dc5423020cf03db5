// Issue 20's config keys: phase-driven schedules, round intensify windows, and the recurrence word lists.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/loader.js';
import { BASE_FILES, rejection, writeConfigDir } from './fixture.js';

const withSchedule = (schedule: string) =>
  (BASE_FILES['sources.yaml'] ?? '').replace(
    '  list: { item: "ul li a" }',
    `  list: { item: "ul li a" }\n  schedule: ${schedule}`,
  );

describe('issue 20 config keys', () => {
  it('accepts a phase schedule and an intensify window, and still a plain cron string', async () => {
    const dir = await writeConfigDir({
      'sources.yaml': withSchedule('{ default: "0 */2 * * *", entry: "*/10 * * * *", outside: pause }'),
      'rounds/r1.yaml': `${BASE_FILES['rounds/r1.yaml']}\nintensify: { afterEntryDays: 7 }\n`,
    });
    const config = await loadConfig(dir);
    expect(config.sources[0]?.schedule).toEqual({
      default: '0 */2 * * *',
      entry: '*/10 * * * *',
      outside: 'pause',
    });
    expect(config.sources[1]?.schedule).toBe('*/15 * * * *');
    expect(config.rounds[0]?.intensify).toEqual({ afterEntryDays: 7 });
    // The shipped rectification wording is loaded.
    expect(config.recurrenceWording?.rectification).toEqual(
      expect.arrayContaining(['还是老样子', '整改不到位']),
    );
  });

  it('names the file, the path and the reason of a bad phase cron, a bad outside and a bad intensify', async () => {
    const dir = await writeConfigDir({
      'sources.yaml': withSchedule('{ entry: "every ten minutes", outside: stop }'),
      'rounds/r1.yaml': `${BASE_FILES['rounds/r1.yaml']}\nintensify: { afterFeedbackDays: -3 }\n`,
    });
    const message = (await rejection(() => loadConfig(dir))).message;
    expect(message).toContain(
      'sources.yaml: 第 1 个信息源的采集计划的进驻阶段（schedule.entry）: 不是有效的 cron 表达式「every ten minutes」',
    );
    expect(message).toContain(
      'sources.yaml: 第 1 个信息源的采集计划的阶段外（schedule.outside）: 不是有效的 cron 表达式「stop」',
    );
    expect(message).toContain(
      'rounds/r1.yaml: 加密监测的反馈后天数（intensify.afterFeedbackDays）: 应为正整数（天数），实际为数字 -3',
    );
  });

  it('refuses an intensify window whose phase the round does not have', async () => {
    const dir = await writeConfigDir({
      'rounds/r1.yaml': `${BASE_FILES['rounds/r1.yaml']}\nintensify: { afterFeedbackDays: 14, afterEntryDays: 3 }\n`,
    });
    const message = (await rejection(() => loadConfig(dir))).message;
    expect(message).toContain(
      'rounds/r1.yaml: 加密监测的反馈后天数（intensify.afterFeedbackDays）: 本轮没有配置反馈阶段（phases.feedback）',
    );
    expect(message).not.toContain('afterEntryDays');
  });

  it('reads extra wording from the config dir and reports a malformed list', async () => {
    const dir = await writeConfigDir();
    await mkdir(path.join(dir, 'lexicon', 'recurrence'), { recursive: true });
    await writeFile(path.join(dir, 'lexicon', 'recurrence', 'local.yaml'), 'rectification: [换了个马甲]\n');
    expect((await loadConfig(dir)).recurrenceWording?.rectification).toContain('换了个马甲');
    await writeFile(path.join(dir, 'lexicon', 'recurrence', 'local.yaml'), 'rectification: 换了个马甲\n');
    const message = (await rejection(() => loadConfig(dir))).message;
    expect(message).toContain(
      'lexicon/recurrence/local.yaml: 整改用语（rectification）: 应为文字列表，实际为「换了个马甲」',
    );
  });
});
