// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings hold the ${VAR} syntax of the YAML files.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/loader.js';

const EXAMPLE = path.resolve(import.meta.dirname, '../../config');

describe('the bundled example config', () => {
  it('loads the demo round, sources, channels and the default lexicon without warnings', async () => {
    const config = await loadConfig(EXAMPLE, { env: {} });
    expect(config.dir).toBe(EXAMPLE);
    expect(config.warnings).toEqual([]);
    expect(config.rounds.map((r) => r.id)).toEqual(['2026-r4']);
    const round = config.rounds[0];
    expect(round?.name).toBe('明州市委2026年第四轮巡察');
    expect(round?.phases.rectification).toEqual({ start: '2027-03-16', end: '2027-06-30' });
    expect(round?.units.map((u) => u.id)).toEqual(['zjj', 'scjg', 'qsz']);
    expect(round?.units[0]).toMatchObject({
      aliases: ['市住建局', '明州住建局'],
      exclude: ['明湖区住建局'],
      people: ['王建华'],
    });
    expect(round?.keywords).toContainEqual({
      term: '整改不到位',
      category: '整改',
      weight: 10,
      phases: ['rectification'],
    });
    expect(round?.alerts).toEqual([
      { minLevel: 'red', channels: ['office-mail', 'office-wecom'] },
      { minLevel: 'orange', channels: ['office-mail'] },
    ]);
    expect(round?.sources).toEqual(['demo-news', 'demo-forum', 'demo-feed', 'demo-gbk', 'demo-spa']);
    expect(config.sources.find((s) => s.id === 'demo-spa')).toMatchObject({
      type: 'browser',
      url: 'http://127.0.0.1:8931/spa/',
      list: { item: 'ul#list li a' },
      schedule: '*/2 * * * *',
    });
    expect(config.sources.find((s) => s.id === 'demo-gbk')?.list?.item).toBe('div.list a');
    expect(config.settings.demoSite).toEqual({ port: 8931, smtpPort: 2526 });
    expect(config.settings.crawl.allowPrivateAddresses).toBe(true);
    expect(config.settings.storePath).toBe(path.resolve('data/yuqing.db'));
    expect(config.lexicon.length).toBeGreaterThanOrEqual(150);
  });

  it('uses the ${VAR:-default} fallbacks of channels.yaml unless the variables are set', async () => {
    const defaults = await loadConfig(EXAMPLE, { env: {} });
    expect(defaults.channels['office-mail']).toMatchObject({ type: 'email', smtp: 'smtp://127.0.0.1:2526' });
    expect(defaults.channels['office-wecom']).toEqual({
      type: 'wecom',
      url: 'http://127.0.0.1:8931/hooks/wecom',
    });
    const env = {
      YUQING_SMTP_URL: 'smtps://u:p@mail.example.org:465',
      YUQING_WECOM_URL: 'https://qyapi.example.org/x',
    };
    const set = await loadConfig(EXAMPLE, { env });
    expect(set.channels['office-mail']).toMatchObject({ smtp: 'smtps://u:p@mail.example.org:465' });
    expect(set.channels['office-wecom']).toMatchObject({ url: 'https://qyapi.example.org/x' });
  });
});
