import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLexicon } from '../../config/lexicon.js';
import type { Keyword } from '../../config/schema.js';
import { evaluate } from '../../pipeline/eval.js';
import { type EvalItem, loadDataset, parseDataset, roundOf } from '../../pipeline/eval-dataset.js';
import { SHARED_DIR } from '../helpers/shared-dir.js';

const DEV = join(SHARED_DIR, 'corpus', 'risk', 'dev');

const LEX: Keyword[] = [
  { term: '乱收费', category: '侵害群众利益', weight: 9 },
  { term: '诈骗', category: '涉众金融', weight: 9 },
];

describe('the eval data set format', () => {
  it('parses items, keeps unit kinds, and builds an ad-hoc round of the watched units', () => {
    const [item] = parseDataset(
      '{"id": 7, "source": "s", "title": null, "text": "x", "watch": [{"id": "m1", "name": "春华镇", "kind": "gov"}], "expected": ["m1"]}\n',
      'items.jsonl',
    );
    expect(item).toMatchObject({ id: '7', title: '', text: 'x', expected: ['m1'] });
    const round = roundOf(item as EvalItem);
    expect(round.units).toEqual([
      expect.objectContaining({ id: 'm1', name: '春华镇', kind: 'gov', aliases: [] }),
    ]);
    expect(round.levels).toEqual({ red: 60, orange: 35, yellow: 15 });
  });

  it('names the file and line of a bad line', () => {
    expect(() => parseDataset('{"id": 1, "watch": []}\nnot json\n', 'd/items.jsonl')).toThrow(
      'd/items.jsonl:2',
    );
  });
});

describe('evaluate', () => {
  it('computes pair precision and recall, attribution and the level confusion', () => {
    const items: EvalItem[] = [
      {
        id: 'a',
        source: 's',
        title: '',
        text: '青石镇政府乱收费，群众苦不堪言，投诉无门。请市住建局查处。',
        watch: [
          { id: 'u1', name: '青石镇政府' },
          { id: 'u2', name: '市住建局' },
        ],
        expected: ['u1'],
      },
      {
        id: 'b',
        source: 's',
        title: '',
        text: '市住建局召开会议。',
        watch: [{ id: 'u2', name: '市住建局' }],
        expected: [],
      },
    ];
    const r = evaluate(items, LEX);
    expect(r.predictions.a?.alert).toEqual(['u1']);
    expect(r.predictions.b?.alert).toEqual([]);
    expect([r.tp, r.fp, r.fn, r.precision, r.recall, r.attribution]).toEqual([1, 0, 0, 1, 1, 1]);
    expect(r.confusion.alert.red + r.confusion.alert.orange).toBe(1);
    expect(r.confusion.none.green).toBeGreaterThanOrEqual(1);
    expect(r.itemsPerSecond).toBeGreaterThan(0);
  });
});

// Regression floors on the development set, just below the figures reached when they were set (P 0.817,
// R 0.853, attribution 0.921; gov-messages P 0.761, finance-news R 0.853). The targets (P ≥ 0.85, R ≥ 0.95, attribution ≥ 0.95)
// are not reached yet.
describe.skipIf(!existsSync(join(DEV, 'items.jsonl')))('the development set', () => {
  it('keeps precision, recall and unit attribution above their floors', async () => {
    const report = evaluate(
      await loadDataset(DEV),
      await loadLexicon(join(import.meta.dirname, '../../config')),
    );
    expect(report.items).toBeGreaterThan(500);
    expect(report.precision).toBeGreaterThanOrEqual(0.81);
    expect(report.recall).toBeGreaterThanOrEqual(0.845);
    expect(report.attribution).toBeGreaterThanOrEqual(0.915);
    expect(report.bySource['gov-messages']?.precision).toBeGreaterThanOrEqual(0.75);
    expect(report.bySource['finance-news']?.recall).toBeGreaterThanOrEqual(0.845);
  }, 120_000);
});
