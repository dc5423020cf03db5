import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRiskModel } from '../../config/risk-model-file.js';
import { runCli } from '../helpers/cli.js';
import { SHARED_DIR } from '../helpers/shared-dir.js';

const TRAIN = join(SHARED_DIR, 'corpus', 'risk', 'train', 'items.jsonl');

/** A data set directory holding the first `n` real training items (both sources), plus `extra` lines. */
function trainingSubset(n: number, extra: string[] = []): string {
  const lines = readFileSync(TRAIN, 'utf8').split('\n').filter(Boolean);
  const gov = lines.filter((l) => l.includes('"gov-messages"')).slice(0, n / 4);
  const fin = lines.filter((l) => l.includes('"finance-news"')).slice(0, n - gov.length);
  const dir = mkdtempSync(join(tmpdir(), 'yuqing-train-'));
  writeFileSync(join(dir, 'items.jsonl'), [...fin, ...gov, ...extra].join('\n'));
  return dir;
}

describe.skipIf(!existsSync(TRAIN))('yuqing train', () => {
  it('fits the same model file twice over, reports cross-validated figures by source, and eval uses it', async () => {
    const set = trainingSubset(160);
    const out = join(set, 'a', 'risk-model.json');
    const again = join(set, 'b', 'risk-model.json');
    const first = await runCli(['train', set, '--out', out, '--folds', '3']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('3 折交叉验证');
    expect(first.stdout).toContain('finance-news');
    expect(first.stdout).toContain('gov-messages');
    expect((await runCli(['train', set, '--out', again, '--folds', '3'])).code).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(out, 'utf8'));

    const model = loadRiskModel(out);
    const cv = model.training?.cv as { folds: number; bySource: Record<string, unknown> };
    expect(cv.folds).toBe(3);
    expect(Object.keys(cv.bySource).sort()).toEqual(['finance-news', 'gov-messages']);

    const evaluated = await runCli(['eval', set, '--model', out]);
    expect(evaluated.code, evaluated.stderr).toBe(0);
    expect(evaluated.stdout).toContain('训练集 3 折交叉验证');
    expect(evaluated.stdout).toContain(out);
  });

  it('names the file and line of a malformed training line and writes no model', async () => {
    const set = trainingSubset(8, ['{"id": "broken", "source": "finance-news", "text": ']);
    const out = join(set, 'model.json');
    const r = await runCli(['train', set, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(set, 'items.jsonl')}:9`);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a model file eval cannot use, naming it', async () => {
    const set = trainingSubset(4);
    const bad = join(set, 'bad.json');
    writeFileSync(bad, '{"version": 1');
    const r = await runCli(['eval', set, '--model', bad]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(bad);
    expect(r.stderr).toContain('E_MODEL_CORRUPT');
  });
});
