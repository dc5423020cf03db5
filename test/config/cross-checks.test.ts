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
      'rounds/r1.yaml: units[0].team: team "第一组" is not listed under teams: in channels.yaml (alerts[1] sends to: team)',
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
      'channels.yaml: teams.第一组[1]: unknown channel "pager" (not defined in channels.yaml)',
    );
  });

  it('settings.alerts.adminChannels naming an unknown channel is an error', async () => {
    const message = await failure({ 'settings.yaml': 'alerts:\n  adminChannels: [robot, office-wecom]\n' });
    expect(message).toBe(
      'settings.yaml: alerts.adminChannels[1]: unknown channel "office-wecom" (not defined in channels.yaml)',
    );
    const dir = await writeConfigDir({ 'settings.yaml': 'alerts:\n  adminChannels: [robot]\n' });
    expect((await loadConfig(dir, { env: {} })).settings.alerts.adminChannels).toEqual(['robot']);
  });
});
