import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { SHARED_DIR } from '../helpers/shared-dir.js';

const DEV = join(SHARED_DIR, 'corpus', 'risk', 'dev');

function tinySet(): string {
  const dir = mkdtempSync(join(tmpdir(), 'yuqing-eval-'));
  const items = [
    {
      id: 'x1',
      source: 's',
      title: '青石镇政府乱收费',
      text: '青石镇政府违规收费，群众苦不堪言。',
      watch: [{ id: 'u1', name: '青石镇政府' }],
      expected: ['u1'],
    },
    {
      id: 'x2',
      source: 's',
      title: null,
      text: '天气晴好。',
      watch: [{ id: 'u1', name: '青石镇政府' }],
      expected: [],
    },
  ];
  writeFileSync(join(dir, 'items.jsonl'), items.map((i) => JSON.stringify(i)).join('\n'));
  return dir;
}

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
      expect(out.precision).toBeGreaterThanOrEqual(0.88);
      expect(out.recall).toBeGreaterThanOrEqual(0.94);
      expect(out.attribution).toBeGreaterThanOrEqual(0.96);
    },
    180_000,
  );
});
