// biome-ignore-all lint/suspicious/noTemplateCurlyInString: one mutation writes the ${VAR} syntax of the YAML files.
// Deterministic mutations of the bundled example config (config/): every one either validates or is refused
// with lines `file: 中文路径: reason` naming the mutated file and place, never an internal error or a stack trace.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { loadValidatedConfig } from '../../cli/preflight.js';
import { fileKindOf, humanPath } from '../../config/human-path.js';
import { ConfigError } from '../../core/errors.js';
import { ROOT, runCli } from '../helpers/cli.js';

type Key = string | number;
const DELETE = Symbol('delete');

/** Places in the example files that a mutation rewrites. */
const TARGETS: [string, Key[]][] = [
  ['settings.yaml', ['timezone']],
  ['settings.yaml', ['console', 'port']],
  ['settings.yaml', ['console', 'host']],
  ['settings.yaml', ['crawl', 'timeoutSecs']],
  ['settings.yaml', ['crawl', 'maxPageBytes']],
  ['settings.yaml', ['crawl', 'maxConcurrency']],
  ['settings.yaml', ['crawl', 'delaySecs']],
  ['settings.yaml', ['alerts', 'maxAttempts']],
  ['settings.yaml', ['alerts', 'sendIntervalSecs']],
  ['settings.yaml', ['store', 'type']],
  ['settings.yaml', ['demoSite', 'port']],
  ['sources.yaml', [0, 'id']],
  ['sources.yaml', [0, 'type']],
  ['sources.yaml', [0, 'url']],
  ['sources.yaml', [0, 'schedule']],
  ['sources.yaml', [0, 'list', 'item']],
  ['sources.yaml', [0, 'article', 'body']],
  ['sources.yaml', [1, 'weight']],
  ['sources.yaml', [2, 'delaySecs']],
  ['channels.yaml', ['office-mail', 'smtp']],
  ['channels.yaml', ['office-mail', 'to']],
  ['channels.yaml', ['office-mail', 'type']],
  ['channels.yaml', ['office-wecom', 'url']],
  ['rounds/2026-r4.yaml', ['id']],
  ['rounds/2026-r4.yaml', ['phases', 'entry', 'start']],
  ['rounds/2026-r4.yaml', ['phases', 'feedback', 'start']],
  ['rounds/2026-r4.yaml', ['phases', 'rectification', 'end']],
  ['rounds/2026-r4.yaml', ['units', 0, 'name']],
  ['rounds/2026-r4.yaml', ['units', 1, 'aliases']],
  ['rounds/2026-r4.yaml', ['units', 2, 'id']],
  ['rounds/2026-r4.yaml', ['keywords', 0, 'term']],
  ['rounds/2026-r4.yaml', ['keywords', 1, 'weight']],
  ['rounds/2026-r4.yaml', ['sources', 1]],
  ['rounds/2026-r4.yaml', ['alerts', 0, 'minLevel']],
  ['rounds/2026-r4.yaml', ['alerts', 1, 'channels', 0]],
  ['rounds/2026-r4.yaml', ['levels', 'red']],
  ['lexicon/default.yaml', ['terms', 0, 'term']],
  ['lexicon/default.yaml', ['terms', 3, 'weight']],
];

/** Hostile values, from the adversarial probe (issue 23) and the new-user tour (issue 21). */
const VALUES: unknown[] = [
  DELETE,
  null,
  '',
  'not a url at all',
  -1,
  1e308,
  Number.POSITIVE_INFINITY,
  true,
  [],
  { a: 1 },
  '2026-13-45',
  'Mars/Phobos',
  '/(unclosed/',
  'a[',
  99_999_999,
  '${YUQING_FUZZ_UNSET}',
];

interface Mutation {
  file: string;
  path: Key[];
  value: unknown;
}

// Three values per target, rotating through the list so that every value meets many targets: 114 mutations.
const MUTATIONS: Mutation[] = TARGETS.flatMap(([file, path], t) =>
  [0, 5, 11].map((step) => ({ file, path, value: VALUES[(t + step) % VALUES.length] })),
);

function mutate(text: string, { path, value }: Mutation): string {
  const doc = parseDocument(text);
  if (value === DELETE) doc.deleteIn(path);
  else doc.setIn(path, value);
  return doc.toString();
}

// The human name without its bracketed YAML keys: 第 2 个单位的名称（name） → 第 2 个单位的名称.
const bare = (s: string) => s.replace(/（[^（）]*）$/, '');

describe('config validation on mutations of the example config', () => {
  let dir: string;
  const originals = new Map<string, string>();
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'yuqing-mutations-'));
    cpSync(join(ROOT, 'config'), dir, { recursive: true });
    for (const [file] of TARGETS) originals.set(file, readFileSync(join(dir, file), 'utf8'));
    // The shipped lexicon is read from the project anyway; a copy in the dir would be parsed twice per load.
    rmSync(join(dir, 'lexicon'), { recursive: true });
    mkdirSync(join(dir, 'lexicon'));
  });
  const restore = (file: string) => {
    if (file.startsWith('lexicon/')) rmSync(join(dir, file));
    else writeFileSync(join(dir, file), originals.get(file) ?? '');
  };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has at least 100 mutations', () => {
    expect(MUTATIONS.length).toBeGreaterThanOrEqual(100);
  });

  it('refuses each bad one with Chinese file: path: reason lines naming the place, never an internal error', async () => {
    let refused = 0;
    for (const m of MUTATIONS) {
      const original = originals.get(m.file) ?? '';
      writeFileSync(join(dir, m.file), mutate(original, m));
      const label = `${m.file} ${JSON.stringify(m.path)} = ${String(m.value === DELETE ? '(deleted)' : JSON.stringify(m.value))}`;
      try {
        await loadValidatedConfig(dir, 'check', { env: {} });
      } catch (error) {
        refused++;
        expect(error, label).toBeInstanceOf(ConfigError);
        const message = (error as Error).message;
        expect(message, label).not.toMatch(/内部错误|\n\s+at |Invalid input|expected /);
        const lines = message.split('\n');
        for (const line of lines) expect(line, label).toMatch(/^[\w/.-]+\.yaml: .+: .*[\u4e00-\u9fff]/);
        const ours = lines.filter((l) => l.startsWith(`${m.file}: `));
        const where = bare(humanPath(fileKindOf(m.file), m.path));
        // The place itself or a place inside it (a list item's key...), or else a check of another file
        // that the change broke (a renamed source id is unknown to the round).
        const named = ours.some((l) =>
          bare(l.slice(m.file.length + 2).split(': ')[0] ?? '').startsWith(where),
        );
        expect(named || lines.some((l) => !l.startsWith(`${m.file}: `)), `${label}\n${message}`).toBe(true);
      } finally {
        restore(m.file);
      }
    }
    // Most mutations are harmful; a test where nothing is refused would prove nothing.
    expect(refused).toBeGreaterThanOrEqual(90);
  }, 120_000);

  it('prints the same lines from the real `config check`, with exit code 2 and no stack trace', async () => {
    const picks: Mutation[] = [
      { file: 'settings.yaml', path: ['timezone'], value: 'Mars/Phobos' },
      { file: 'settings.yaml', path: ['crawl', 'timeoutSecs'], value: 1e308 },
      { file: 'channels.yaml', path: ['office-mail', 'smtp'], value: 'not a url at all' },
      { file: 'rounds/2026-r4.yaml', path: ['units', 1, 'name'], value: DELETE },
    ];
    for (const m of picks) {
      const original = originals.get(m.file) ?? '';
      writeFileSync(join(dir, m.file), mutate(original, m));
      try {
        const result = await runCli(['config', 'check', '--config', dir], { YUQING_FUZZ_UNSET: undefined });
        expect(result.code, result.stderr).toBe(2);
        expect(result.stderr).not.toMatch(/内部错误|\n\s+at /);
        const lines = result.stderr.split('\n').filter((l) => l.includes('.yaml: '));
        expect(lines, result.stderr).toHaveLength(1);
        expect(lines[0]).toContain(`${m.file}: ${humanPath(fileKindOf(m.file), m.path)}: `);
      } finally {
        restore(m.file);
      }
    }
  }, 240_000);
});
