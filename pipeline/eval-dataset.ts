import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type RoundConfig, roundSchema, type UnitKind, unitKindSchema } from '../config/schema.js';
import { InputError } from '../core/errors.js';

/** A watched unit of a labelled item. */
export interface EvalUnit {
  id: string;
  name: string;
  kind?: UnitKind;
}

/** One labelled item of a detection data set (`items.jsonl`, see the corpus README). */
export interface EvalItem {
  id: string;
  source: string;
  title: string;
  text: string;
  /** ISO-like time, if the item has one. */
  time?: string;
  watch: EvalUnit[];
  /** The watched units the item should alert (level ≥ orange) for. */
  expected: string[];
}

const str = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

function parseItem(raw: unknown, where: string): EvalItem {
  if (typeof raw !== 'object' || raw === null) throw new InputError(`${where}：应为 JSON 对象`);
  const o = raw as Record<string, unknown>;
  if (o.id === undefined || o.id === null) throw new InputError(`${where}：缺少 id`);
  if (!Array.isArray(o.watch)) throw new InputError(`${where}：watch 应为单位列表`);
  const watch: EvalUnit[] = o.watch.map((w, i) => {
    const u = (w ?? {}) as Record<string, unknown>;
    if (typeof u.id !== 'string' || typeof u.name !== 'string' || u.name.trim() === '')
      throw new InputError(`${where}：watch[${i}] 需要字符串 id 和 name`);
    const unit: EvalUnit = { id: u.id, name: u.name.trim() };
    const kind = unitKindSchema.safeParse(u.kind);
    if (kind.success) unit.kind = kind.data;
    return unit;
  });
  const expected = Array.isArray(o.expected) ? o.expected.map(str) : [];
  const item: EvalItem = {
    id: str(o.id),
    source: str(o.source) || 'unknown',
    title: str(o.title),
    text: str(o.text),
    watch,
    expected,
  };
  if (typeof o.time === 'string' && o.time !== '') item.time = o.time;
  return item;
}

/** Parse the lines of an items.jsonl file; a bad line raises InputError naming the file and line. */
export function parseDataset(text: string, file: string): EvalItem[] {
  const items: EvalItem[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw new InputError(`${file}:${i + 1}：不是合法的 JSON`);
    }
    items.push(parseItem(raw, `${file}:${i + 1}`));
  });
  return items;
}

/** The items.jsonl of a data set folder: DIR/items.jsonl, else DIR/dev/items.jsonl. */
export function datasetFile(dir: string): string {
  for (const candidate of [path.join(dir, 'items.jsonl'), path.join(dir, 'dev', 'items.jsonl')]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new InputError(`${dir}：找不到 items.jsonl（也没有 dev/items.jsonl）`);
}

/** Read a labelled data set folder. */
export async function loadDataset(dir: string): Promise<EvalItem[]> {
  const file = datasetFile(dir);
  return parseDataset(await readFile(file, 'utf8'), file);
}

/** The ad-hoc round of an item: its watched units (names only, no aliases), no phases, default levels. */
export function roundOf(item: EvalItem): RoundConfig {
  return roundSchema.parse({
    id: `eval-${item.id}`,
    name: `评测 ${item.id}`,
    units: item.watch.map((w) => ({ id: w.id, name: w.name, ...(w.kind !== undefined && { kind: w.kind }) })),
  });
}
