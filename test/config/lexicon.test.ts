import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLexicon } from '../../config/lexicon.js';
import { loadConfig } from '../../config/loader.js';
import { ConfigError } from '../../core/errors.js';
import { SHARED_DIR } from '../helpers/shared-dir.js';
import { rejection, writeConfigDir } from './fixture.js';

const SEEDS = path.join(SHARED_DIR, 'domain', 'seeds');
const CATEGORIES = [
  '违纪违法',
  '腐败',
  '四风',
  '形式主义官僚主义',
  '侵害群众利益',
  '信访举报',
  '安全事故',
  '作风纪律',
  '整改',
];

describe('the default lexicon', () => {
  it('has at least 150 unique terms over the expected categories, weights 1-10', async () => {
    const terms = await loadLexicon(await writeConfigDir(), { env: {} });
    expect(terms.length).toBeGreaterThanOrEqual(150);
    expect(new Set(terms.map((t) => t.term)).size).toBe(terms.length);
    // The nine inspection categories, plus public-finance and civic-complaint terms (market.yaml).
    expect(new Set(terms.map((t) => t.category))).toEqual(new Set([...CATEGORIES, '涉众金融', '民生投诉']));
    for (const t of terms) expect(t.weight, t.term).toSatisfy((w: number) => w >= 1 && w <= 10);
  });

  it('weighs strong misconduct high and leaves official-publicity words low or out', async () => {
    const terms = await loadLexicon(await writeConfigDir(), { env: {} });
    const weight = new Map(terms.map((t) => [t.term, t.weight]));
    for (const term of ['贪污', '受贿', '索贿', '吃拿卡要', '违规收费', '挪用公款', '套取补贴']) {
      expect(weight.get(term), term).toBeGreaterThanOrEqual(8);
    }
    for (const term of ['问题线索', '监督', '违纪', '整改', '问题', '巡察']) {
      expect(weight.get(term) ?? 0, term).toBeLessThanOrEqual(1);
    }
  });

  it('gives rectification terms the feedback and rectification phases', async () => {
    const terms = await loadLexicon(await writeConfigDir(), { env: {} });
    const byTerm = new Map(terms.map((t) => [t.term, t]));
    for (const term of [
      '整改不到位',
      '表面整改',
      '敷衍整改',
      '虚假整改',
      '问题反弹',
      '屡改屡犯',
      '整改走过场',
    ]) {
      expect(byTerm.get(term), term).toMatchObject({
        category: '整改',
        phases: ['feedback', 'rectification'],
      });
    }
  });

  it.skipIf(!existsSync(SEEDS))(
    'weighs little every term that recurs in the positive publicity articles of the seeds',
    async () => {
      const terms = await loadLexicon(await writeConfigDir(), { env: {} });
      const seeds = await Promise.all(
        (await readdir(SEEDS)).map((f) => readFile(path.join(SEEDS, f), 'utf8')),
      );
      expect(seeds.length).toBe(5);
      for (const t of terms) {
        const most = Math.max(...seeds.map((s) => s.split(t.term).length - 1));
        if (most >= 3) expect(t.weight, `${t.term} occurs ${most}× in one seed`).toBeLessThanOrEqual(2);
      }
    },
  );
});

describe('a config dir lexicon', () => {
  it('adds terms and overrides default ones by term', async () => {
    const extra =
      'terms:\n  - { term: 贪污, category: 腐败, weight: 3 }\n  - { term: 乱停车, category: 作风纪律, weight: 4 }\n';
    const dir = await writeConfigDir({ 'lexicon/extra.yaml': extra });
    const defaults = await loadLexicon(await writeConfigDir(), { env: {} });
    const config = await loadConfig(dir, { env: {} });
    expect(config.lexicon.length).toBe(defaults.length + 1);
    expect(config.lexicon.filter((t) => t.term === '贪污')).toEqual([
      { term: '贪污', category: '腐败', weight: 3 },
    ]);
    expect(config.lexicon).toContainEqual({ term: '乱停车', category: '作风纪律', weight: 4 });
  });

  it('reports a bad entry with its file and path', async () => {
    const dir = await writeConfigDir({
      'lexicon/extra.yaml': 'terms:\n  - { term: 乱停车, category: 作风纪律, weight: 高 }\n',
    });
    const err = await rejection(() => loadLexicon(dir, { env: {} }));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toMatch(/^lexicon\/extra\.yaml: 第 1 个词条的权重（weight）: 应为权重，实际为/);
  });
});
