import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadConfig } from '../../config/loader.js';
import { parseYaml } from '../../config/yaml-file.js';
import { ConfigError } from '../../core/errors.js';
import { ROOT } from '../helpers/cli.js';

const FILES = [
  'settings.yaml',
  'sources.yaml',
  'channels.yaml',
  'rounds/2026-r4.yaml',
  'lexicon/default.yaml',
];

// Random documents: arbitrary JSON-like values dumped as YAML, and raw strings that are mostly not YAML at all.
const yamlDocument = fc.oneof(
  fc.jsonValue().map((v) => stringify(v)),
  fc.string({ maxLength: 300 }),
  fc
    .dictionary(
      fc.constantFrom(
        'id',
        'name',
        'units',
        'type',
        'url',
        'phases',
        'alerts',
        'crawl',
        'store',
        'to',
        'smtp',
      ),
      fc.jsonValue({ maxDepth: 3 }),
    )
    .map((v) => stringify(v)),
  fc.constantFrom('a: [', '{{{', '- - - :', ': :', '\t\tkey: value', '&a [*a]', '!!binary xyz', '---\n---\n'),
);

describe('config loader on random YAML', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'yuqing-fuzz-config-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a self-referencing alias as a YAML error instead of overflowing the stack', () => {
    expect(parseYaml('&a [*a]').errors).toEqual(['YAML 错误：别名（*）引用了包含它自己的节点']);
    expect(parseYaml('a: &x {b: 1}\nc: *x\nd: *x').errors).toEqual([]);
  });

  it('either loads or raises a ConfigError naming the file, never another kind of error', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FILES), yamlDocument, async (file, text) => {
        const config = join(dir, `c${run++}`);
        // The shipped lexicon is loaded from the project anyway: a copy in the dir would be parsed twice.
        cpSync(join(ROOT, 'config'), config, { recursive: true, filter: (src) => !src.includes('/lexicon') });
        mkdirSync(join(config, 'lexicon'), { recursive: true });
        writeFileSync(join(config, file), text);
        try {
          await loadConfig(config, { env: {} });
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          const message = (error as ConfigError).message;
          expect(message.length).toBeGreaterThan(0);
          expect(message).toContain(file.split('/').pop());
        } finally {
          rmSync(config, { recursive: true, force: true });
        }
      }),
      { numRuns: 300 },
    );
    // 300 full config loads: 19 s on an idle 2-core machine, 58 s while other suites load it; 4× headroom.
  }, 240_000);
});
