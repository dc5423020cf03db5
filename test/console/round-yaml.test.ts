// Saving a round from the console patches its YAML file: the admin's comments, order and quoting survive.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/loader.js';
import { type AppConfig, type RoundConfig, roundSchema } from '../../config/schema.js';
import { parseYaml } from '../../config/yaml-file.js';
import { roundFileText, roundYaml, saveRound } from '../../console/round-config.js';
import { ROOT } from '../helpers/cli.js';
import { tempDir } from './fixtures.js';

const FILE = 'rounds/2026-r4.yaml';
const AT = '2026-11-20T08:00:00.000Z';
const removers: (() => void)[] = [];

afterEach(() => {
  for (const remove of removers.splice(0)) remove();
});

/** A copy of the bundled config in a tmp dir, loaded, with the example round and its original text. */
async function setup(): Promise<{ config: AppConfig; round: RoundConfig; original: string }> {
  const tmp = tempDir();
  removers.push(tmp.remove);
  const dir = join(tmp.dir, 'config');
  cpSync(join(ROOT, 'config'), dir, { recursive: true, filter: (src) => !src.endsWith('.ts') });
  const config = await loadConfig(dir);
  const round = config.rounds.find((r) => r.id === '2026-r4');
  if (!round) throw new Error('the example round is missing');
  return { config, round, original: readFileSync(join(dir, FILE), 'utf8') };
}

/** Save as the route does: build the text from the current file, validate and write it. */
async function save(config: AppConfig, round: RoundConfig, by = 'admin', at = AT) {
  const text = roundYaml(round, by, at, await roundFileText(config.dir, round.id));
  const saved = await saveRound(config, round, text);
  return { ...saved, text: readFileSync(join(config.dir, saved.file), 'utf8') };
}

/** The lines of `original` not found, in order, among the lines of `text`. */
function missingLines(original: string, text: string): string[] {
  const lines = text.split('\n');
  let from = 0;
  const missing: string[] = [];
  for (const line of original.split('\n')) {
    const at = lines.indexOf(line, from);
    if (at < 0) missing.push(line);
    else from = at + 1;
  }
  return missing;
}

const comments = (text: string) =>
  text.split('\n').filter((l) => l.trimStart().startsWith('#') || / # /.test(l));
const raw = (text: string) =>
  parseYaml(text).data as Record<string, unknown> & { units: Record<string, unknown>[] };
const unit = (round: RoundConfig, id: string) => {
  const found = round.units.find((u) => u.id === id);
  if (!found) throw new Error(`no unit ${id}`);
  return found;
};

describe('saving a round over its YAML file', () => {
  it('changes only the edited alias and threshold, keeping comments, layout and unwritten defaults out', async () => {
    const { config, round, original } = await setup();
    const edited = structuredClone(round);
    const scjg = unit(edited, 'scjg');
    const oldAlias = scjg.aliases[0] ?? '';
    scjg.aliases[0] = '明州市监局';
    edited.levels.red = 70;

    const { text, config: next } = await save(config, edited);

    const aliasLine = original.split('\n').find((l) => l.includes(oldAlias)) ?? '';
    expect(missingLines(original, text)).toEqual([aliasLine]);
    for (const comment of comments(original).filter((l) => l !== aliasLine)) expect(text).toContain(comment);
    expect(text).toContain(aliasLine.replace(oldAlias, '明州市监局'));
    // The raw file gains only what was edited: no filled-in defaults (exclude: [], orange: 35, active...).
    const expected = raw(original);
    (expected.units[1] as { aliases: string[] }).aliases[0] = '明州市监局';
    expected.levels = { red: 70 };
    expect(raw(text)).toEqual(expected);
    expect(roundSchema.parse(raw(text))).toEqual(edited);
    expect(next.rounds.find((r) => r.id === edited.id)).toEqual(edited);
  });

  it('deletes a removed key and keeps other units whole when a unit is added', async () => {
    const { config, round, original } = await setup();
    const edited = structuredClone(round);
    delete unit(edited, 'qsz').team;
    unit(edited, 'scjg').people.push('李明');
    edited.units.push({
      id: 'hbj',
      name: '明州市环境保护局',
      aliases: [],
      exclude: [],
      people: [],
      kind: 'gov',
    });

    const { text } = await save(config, edited);

    expect(text).not.toContain('第二巡察组');
    // zjj was not touched: its lines, including the comment on its children, stay as written.
    const zjj = original.slice(original.indexOf('  - id: zjj'), original.indexOf('  - id: scjg'));
    expect(text).toContain(zjj);
    for (const comment of comments(original)) expect(text).toContain(comment);
    const units = raw(text).units;
    expect(units.map((u) => u.id)).toEqual(['zjj', 'scjg', 'qsz', 'hbj']);
    expect(Object.keys(units[1] ?? {})).toEqual(['id', 'name', 'aliases', 'team', 'people']);
    expect(units[2]).not.toHaveProperty('team');
    expect(roundSchema.parse(raw(text))).toEqual(edited);
    expect((await loadConfig(config.dir)).rounds[0]).toEqual(edited);
  });

  it('keeps a scalar’s quoting and comment when its value changes', async () => {
    const { config, original } = await setup();
    const fullName = '明州市住房和城乡建设局';
    writeFileSync(
      join(config.dir, FILE),
      original.replace(`name: ${fullName}`, `name: '${fullName}' # 全称`),
      'utf8',
    );
    const reloaded = await loadConfig(config.dir);
    const edited = structuredClone(reloaded.rounds[0] as RoundConfig);
    unit(edited, 'zjj').name = `${fullName}（新）`;
    const { text } = await save(reloaded, edited);
    expect(text).toContain(`    name: '${fullName}（新）' # 全称\n`);
  });

  it('replaces the saved-by line instead of stacking it, and a no-change save keeps the file as it was', async () => {
    const { config, round, original } = await setup();
    const first = await save(config, round, '张三', AT);
    const second = await save(first.config, round, '李四', '2026-11-21T09:00:00.000Z');
    const lines = second.text.split('\n');
    expect(lines[0]).toMatch(/^# 由控制台保存（李四，2026-11-21T09:00:00.000Z）。/);
    expect(second.text.match(/由控制台保存/g)).toHaveLength(1);
    expect(lines.slice(1).join('\n')).toBe(original);
  });

  it('writes a whole file for a new round', async () => {
    const { config, round } = await setup();
    const fresh: RoundConfig = {
      ...structuredClone(round),
      id: '2026-r5',
      name: '明州市委2026年第五轮巡察',
      units: [{ id: 'r5-zjj', name: '明州市交通运输局', aliases: [], exclude: [], people: [] }],
    };
    expect(await roundFileText(config.dir, fresh.id)).toBeUndefined();
    const { text, file, config: next } = await save(config, fresh);
    expect(file).toBe('rounds/2026-r5.yaml');
    expect(text).toMatch(/^# 由控制台保存（admin，/);
    expect(raw(text)).toEqual(JSON.parse(JSON.stringify(fresh)));
    expect(raw(text).levels).toEqual({ red: 60, orange: 35, yellow: 15 });
    expect(next.rounds.find((r) => r.id === fresh.id)).toEqual(fresh);
  });

  it('writes the whole round when the old text cannot be patched', () => {
    const round = roundSchema.parse({ id: 'x', name: '轮次', units: [{ id: 'u', name: '单位' }] });
    for (const existing of ['id: [unclosed', 'just a string\n', 'id: x\n']) {
      const text = roundYaml(round, 'admin', AT, existing);
      expect(roundSchema.parse(raw(text))).toEqual(round);
      expect(raw(text).active).toBe(true);
    }
  });
});
