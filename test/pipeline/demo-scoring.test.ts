import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadLexicon } from '../../config/lexicon.js';
import { loadRiskModel, riskModelPath } from '../../config/risk-model-file.js';
import { lexiconFileSchema, type RoundConfig, roundSchema } from '../../config/schema.js';
import { levelRank } from '../../core/types.js';
import { createProcessor } from '../../pipeline/process.js';
import { createJiebaSegmenter } from '../../pipeline/segmenter.js';
import { userDictionary } from '../../pipeline/user-dictionary.js';
import { writeConfigDir } from '../config/fixture.js';
import { SHARED_DIR } from '../helpers/shared-dir.js';
import { DEMO_ROUND, PLANTED_BODY, PLANTED_TITLE, SMALL_LEXICON } from './fixtures.js';

// The production path: the fitted model the app loads at start.
const SHIPPED_MODEL = loadRiskModel(riskModelPath());
const SEEDS_DIR = join(SHARED_DIR, 'domain', 'seeds');
const LEXICON_FILE = fileURLToPath(new URL('../../config/lexicon/default.yaml', import.meta.url));

const article = (title: string, body: string, publishedAt: string) => ({
  url: 'http://127.0.0.1:8931/forum/thread-1001.html',
  sourceId: 'demo-forum',
  sourceName: '明州论坛',
  sourceType: 'html' as const,
  title,
  body,
  publishedAt,
  fetchedAt: publishedAt,
});

describe('the demo round', () => {
  it('rates a strongly negative post about 明州市住建局 red for zjj', () => {
    const segmenter = createJiebaSegmenter(userDictionary([DEMO_ROUND], SMALL_LEXICON));
    const process = createProcessor({
      rounds: [DEMO_ROUND],
      lexicon: SMALL_LEXICON,
      segmenter,
      timezone: 'Asia/Shanghai',
      model: SHIPPED_MODEL,
    });
    const out = process(article(PLANTED_TITLE, PLANTED_BODY, '2026-11-22T09:30:00+08:00'));
    const [a] = out.assessments;
    expect(a?.phase).toBe('entry');
    expect(a?.units.map((u) => u.unitId)).toEqual(['zjj']);
    expect(a?.level).toBe('red');
    expect(out.level).toBe('red');
    // The strongest evidence is in the explanation.
    expect(a?.parts.map((p) => p.term)).toEqual(
      expect.arrayContaining(['违规收费', '吃拿卡要', '索要好处费']),
    );
    expect(a?.parts.some((p) => p.kind === 'unit' && p.unitId === 'zjj')).toBe(true);
  });
});

// The seed articles are real official publicity about inspection work: many units and misconduct words, but
// not high risk. Each names 纪委监委, so a round watching it must still rate them below orange.
const seeds = existsSync(SEEDS_DIR) ? readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')) : [];

describe.skipIf(seeds.length === 0 || !existsSync(LEXICON_FILE))(
  'seed articles with the default lexicon',
  () => {
    const round: RoundConfig = {
      ...DEMO_ROUND,
      id: 'seed-round',
      // The rectification phase makes the phase-scoped 整改 terms count too: the worst case.
      phases: { rectification: { start: '2020-01-01', end: '2030-12-31' } },
      units: [{ id: 'jw', name: '市纪委监委', aliases: ['纪委监委'], exclude: [], people: [] }],
      keywords: [],
    };

    it.each(seeds)('%s is below orange', (file) => {
      const lexicon = lexiconFileSchema.parse(parse(readFileSync(LEXICON_FILE, 'utf8'))).terms;
      const segmenter = createJiebaSegmenter(userDictionary([round], lexicon));
      const process = createProcessor({
        rounds: [round],
        lexicon,
        segmenter,
        timezone: 'Asia/Shanghai',
        roundsOf: 'all',
        model: SHIPPED_MODEL,
      });
      const lines = readFileSync(join(SEEDS_DIR, file), 'utf8').split('\n');
      const title = lines.find((l) => l.trim() !== '') ?? '';
      const out = process(article(title, lines.join('\n'), '2025-05-13T07:34:53+08:00'));
      const [a] = out.assessments;
      expect(a?.phase).toBe('rectification');
      expect(a?.units.map((u) => u.unitId)).toEqual(['jw']);
      expect(levelRank(out.level)).toBeLessThan(levelRank('orange'));
    });
  },
);

// Every organisation-like name a seed writes (市委巡察办, 盐源镇, 区纪委监委 …), loosely cut: the worst case is a
// round watching all of them.
const ORGANISATION =
  /\p{Script=Han}{2,14}?(?:局|委员会|委|办公室|办|院|中心|公司|集团|政府|街道|镇|乡|村|社区|银行|医院|学校|大学|部)/gu;

describe.skipIf(seeds.length === 0)('seed articles with the whole shipped lexicon', () => {
  it.each(seeds)('%s rates every organisation it names below orange', async (file) => {
    const lexicon = await loadLexicon(await writeConfigDir(), { env: {} });
    const text = readFileSync(join(SEEDS_DIR, file), 'utf8');
    const names = [...new Set(text.match(ORGANISATION) ?? [])].filter((n) => n.length >= 3);
    expect(names.length).toBeGreaterThan(20);
    const round = roundSchema.parse({
      id: 'seed-all',
      name: 'seed-all',
      phases: { rectification: { start: '2020-01-01', end: '2030-12-31' } },
      units: names.map((name, i) => ({ id: `u${i}`, name })),
    });
    const segmenter = createJiebaSegmenter(userDictionary([round], lexicon));
    const process = createProcessor({
      rounds: [round],
      lexicon,
      segmenter,
      timezone: 'Asia/Shanghai',
      roundsOf: 'all',
      model: SHIPPED_MODEL,
    });
    const title = text.split('\n').find((l) => l.trim() !== '') ?? '';
    const [a] = process(article(title, text, '2025-05-13T07:34:53+08:00')).assessments;
    expect(a?.units.length).toBeGreaterThan(names.length / 2);
    const alerted = (a?.units ?? []).filter((u) => levelRank(u.level ?? 'green') >= levelRank('orange'));
    expect(alerted.map((u) => `${u.unitName} ${u.score}`)).toEqual([]);
  });
});
