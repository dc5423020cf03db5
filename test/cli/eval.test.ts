import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { SHARED_DIR } from '../helpers/shared-dir.js';

const DEV = join(SHARED_DIR, 'corpus', 'risk', 'dev');

/** A labelled item about 青石镇政府 (unit u1), expected to alert on it or not. */
const item = (id: string, title: string | null, text: string, alert: boolean) => ({
  id,
  source: 's',
  title,
  text,
  watch: [{ id: 'u1', name: '青石镇政府' }],
  expected: alert ? ['u1'] : [],
});

/** A data set directory holding these items. */
function writeSet(items: ReturnType<typeof item>[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'yuqing-eval-'));
  writeFileSync(join(dir, 'items.jsonl'), items.map((i) => JSON.stringify(i)).join('\n'));
  return dir;
}

/** A set the scorer gets right: a complaint and an unrelated item. */
const tinySet = () =>
  writeSet([
    item('x1', '青石镇政府乱收费', '青石镇政府违规收费，群众苦不堪言。', true),
    item('x2', null, '天气晴好。', false),
  ]);

/** A set the scorer gets wrong twice: a complaint in words no lexicon holds, and a complaint labelled "no alert". */
const setWithMisses = () =>
  writeSet([
    item('m1', '青石镇政府的事', '青石镇政府那边的人一直这样，大家都知道是怎么回事。', true),
    item('m2', '青石镇政府违规收费', '青石镇政府违规收费、吃拿卡要，群众苦不堪言。', false),
  ]);

describe('yuqing eval', () => {
  it('prints the metrics as one JSON object with --json, without a config dir', async () => {
    const r = await runCli(['--config', join(tmpdir(), 'no-such-config'), 'eval', tinySet(), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ items: 2, precision: 1, recall: 1, f1: 1 });
    expect(out.predictions.x1.alert).toEqual(['u1']);
    expect(out.predictions.x2.levels.u1).toBe('green');
    expect(out.itemsPerSecond).toBeGreaterThan(0);
  });

  it('prints a Chinese report without --json', async () => {
    const r = await runCli(['eval', tinySet()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('精确率');
    expect(r.stdout).toContain('单位归属准确率');
  });

  it('lists the pairs it got wrong with their explanation under --misses', async () => {
    const dir = setWithMisses();
    const r = await runCli(['eval', dir, '--misses']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('判错的“条目×单位”对（2 个）');
    expect(r.stdout).toMatch(/\[漏报\] m1 青石镇政府：\d+ 分（(绿|黄)）/);
    expect(r.stdout).toMatch(/\[误报\] m2 青石镇政府：\d+ 分（(橙|红)）/);
    expect(r.stdout).toContain('违规收费');
    const plain = await runCli(['eval', dir]);
    expect(plain.stdout).not.toContain('判错');

    const json = JSON.parse((await runCli(['eval', dir, '--json', '--misses'])).stdout);
    expect(json.misses.map((m: { itemId: string; kind: string }) => `${m.itemId}:${m.kind}`)).toEqual([
      'm1:missed',
      'm2:false',
    ]);
    expect(json.misses[1].parts[0].points).toBeGreaterThan(0);
    expect(JSON.parse((await runCli(['eval', dir, '--json'])).stdout).misses).toBeUndefined();
  });

  it('exits 2 on a missing data set', async () => {
    const r = await runCli(['eval', join(tmpdir(), 'no-such-dataset')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('评测集目录不存在');
  });

  it.skipIf(!existsSync(join(DEV, 'items.jsonl')))(
    'scores the development set above its regression floors',
    async () => {
      const r = await runCli(['eval', DEV, '--json']);
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout);
      // Floors of the fitted model (dev P 0.861 / R 0.950, attribution 0.957). The hand-tuned rule scorer had
      // P 0.887 here because it was tuned on this very set; on train, unseen by it, it gets R 0.884, while the
      // model's 5-fold CV there is P 0.844 / R 0.941. Both sets are guarded.
      expect(out.precision).toBeGreaterThanOrEqual(0.85);
      expect(out.recall).toBeGreaterThanOrEqual(0.94);
      expect(out.attribution).toBeGreaterThanOrEqual(0.95);
      expect(out.train.folds).toBe(5);
      expect(out.train.f1).toBeGreaterThanOrEqual(0.88);
      expect(out.train.recall).toBeGreaterThanOrEqual(0.93);
      expect(Object.keys(out.train.bySource).sort()).toEqual(['finance-news', 'gov-messages']);
    },
    180_000,
  );
});
