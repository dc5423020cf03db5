// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings hold the ${VAR} syntax of the YAML files.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/loader.js';
import { writeConfigDir } from './fixture.js';

describe('settings', () => {
  it('defaults when settings.yaml is absent', async () => {
    const config = await loadConfig(await writeConfigDir(), { env: {} });
    const s = config.settings;
    expect(s.timezone).toBe('Asia/Shanghai');
    expect(s.console.port).toBe(3000);
    expect(s.crawl.respectRobotsTxt).toBe(true);
    expect(s.crawl.allowPrivateAddresses).toBe(false);
    expect(s.dataDir).toBe(path.resolve('data'));
    expect(s.storePath).toBe(path.resolve('data/yuqing.db'));
    expect(path.isAbsolute(s.storePath)).toBe(true);
  });

  it('lets sources.yaml and channels.yaml be absent when no round refers to them', async () => {
    const round = 'id: r1\nname: 一\nunits: [{ id: a, name: 甲单位 }]\n';
    const dir = await writeConfigDir({
      'sources.yaml': null,
      'channels.yaml': null,
      'rounds/r1.yaml': round,
    });
    const config = await loadConfig(dir, { env: {} });
    expect(config.sources).toEqual([]);
    expect(config.channels).toEqual({});
    expect(config.rounds[0]?.alerts).toEqual([]);
  });

  it('derives the store path from dataDir, honours store.path, and --data overrides both', async () => {
    const dir = await writeConfigDir({ 'settings.yaml': 'dataDir: ./var/yq\n' });
    expect((await loadConfig(dir, { env: {} })).settings.storePath).toBe(path.resolve('var/yq/yuqing.db'));

    const withPath = await writeConfigDir({
      'settings.yaml': 'dataDir: ./var/yq\nstore: { path: /srv/db/y.db }\n',
    });
    expect((await loadConfig(withPath, { env: {} })).settings.storePath).toBe('/srv/db/y.db');

    const overridden = await loadConfig(withPath, { env: {}, dataDir: 'other' });
    expect(overridden.settings.dataDir).toBe(path.resolve('other'));
    expect(overridden.settings.storePath).toBe(path.resolve('other/yuqing.db'));
  });

  it('reports a wrongly typed setting with its path', async () => {
    const dir = await writeConfigDir({
      'settings.yaml': 'console:\n  port: "${PORT:-abc}"\ncrawl: { timeoutSecs: 0 }\n',
    });
    await expect(loadConfig(dir, { env: {} })).rejects.toThrow(
      'settings.yaml: 控制台的端口（console.port）: 应为端口号，实际为「abc」\nsettings.yaml: 采集的超时秒数（crawl.timeoutSecs）: 应为 1 到 600 之间的秒数，实际为 0',
    );
  });
});
