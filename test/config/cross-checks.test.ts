import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/loader.js';
import { ConfigError } from '../../core/errors.js';
import { BASE_FILES, rejection, writeConfigDir } from './fixture.js';

const ROUND = BASE_FILES['rounds/r1.yaml'] ?? '';
const CHANNELS = BASE_FILES['channels.yaml'] ?? '';

/** The base round with team 第一组 on unit a and a `to: team` route. */
const TEAM_ROUND = ROUND.replace('    aliases: [甲]\n', '    aliases: [甲]\n    team: 第一组\n').replace(
  '  - { minLevel: red, channels: [mail, robot] }\n',
  '  - { minLevel: red, channels: [mail, robot] }\n  - { minLevel: orange, to: team }\n',
);

async function failure(overrides: Record<string, string | null>): Promise<string> {
  const dir = await writeConfigDir(overrides);
  const err = await rejection(() => loadConfig(dir, { env: {} }));
  expect(err).toBeInstanceOf(ConfigError);
  return err.message;
}

describe('cross-file checks of teams and admin channels', () => {
  it('a unit whose team a to: team route uses must be listed under teams: in channels.yaml', async () => {
    const message = await failure({ 'rounds/r1.yaml': TEAM_ROUND });
    expect(message).toBe(
      'rounds/r1.yaml: 第 1 个单位的巡察组（team）: 巡察组「第一组」没有列在 channels.yaml 的 teams: 中（第 2 条推送规则要发给单位所属巡察组）',
    );
    const dir = await writeConfigDir({
      'rounds/r1.yaml': TEAM_ROUND,
      'channels.yaml': `${CHANNELS}teams:\n  第一组: [robot]\n`,
    });
    const config = await loadConfig(dir, { env: {} });
    expect(config.teams).toEqual({ 第一组: ['robot'] });
  });

  it('a team no to: team route reaches needs no entry', async () => {
    const round = TEAM_ROUND.replace(
      '{ minLevel: orange, to: team }',
      '{ minLevel: orange, to: team, teams: [其他组] }',
    );
    const config = await loadConfig(await writeConfigDir({ 'rounds/r1.yaml': round }), { env: {} });
    expect(config.rounds[0]?.units[0]?.team).toBe('第一组');
  });

  it('a team entry naming an unknown channel is an error', async () => {
    const message = await failure({
      'rounds/r1.yaml': TEAM_ROUND,
      'channels.yaml': `${CHANNELS}teams:\n  第一组: [robot, pager]\n`,
    });
    expect(message).toBe(
      'channels.yaml: 巡察组渠道表的巡察组「第一组」的第 2 个渠道: 未知的渠道「pager」（channels.yaml 中没有这个名称）',
    );
  });

  it('settings.alerts.adminChannels naming an unknown channel is an error', async () => {
    const message = await failure({ 'settings.yaml': 'alerts:\n  adminChannels: [robot, office-wecom]\n' });
    expect(message).toBe(
      'settings.yaml: 预警的第 2 个管理员渠道: 未知的渠道「office-wecom」（channels.yaml 中没有这个名称）',
    );
    const dir = await writeConfigDir({ 'settings.yaml': 'alerts:\n  adminChannels: [robot]\n' });
    expect((await loadConfig(dir, { env: {} })).settings.alerts.adminChannels).toEqual(['robot']);
  });
});
