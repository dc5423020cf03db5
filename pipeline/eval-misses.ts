// The pairs `yuqing eval` got wrong, with the scorer's explanation, for whoever tunes a lexicon or a round.
import type { Level, ScorePart, UnitMatch } from '../core/types.js';
import type { EvalItem } from './eval-dataset.js';

/** One (item, watched unit) pair the scorer got wrong: a missed alert or a false one. */
export interface EvalMiss {
  kind: 'missed' | 'false';
  itemId: string;
  source: string;
  unitId: string;
  unitName: string;
  level: Level;
  /** -1 when the unit was not found in the item at all. */
  score: number;
  /** The explanation's strongest parts (by absolute points). */
  parts: Pick<ScorePart, 'label' | 'points'>[];
  /** The start of the title, else of the text. */
  snippet: string;
}

/** Parts shown per miss. */
const SHOWN_PARTS = 4;
const SNIPPET_CHARS = 60;

/** The pairs of one item whose alert disagrees with its label. */
export function missesOf(
  item: EvalItem,
  units: readonly UnitMatch[],
  alerted: ReadonlySet<string>,
): EvalMiss[] {
  const expected = new Set(item.expected);
  const snippet = (item.title?.trim() || item.text).replace(/\s+/g, ' ').slice(0, SNIPPET_CHARS);
  const out: EvalMiss[] = [];
  for (const w of item.watch) {
    const positive = expected.has(w.id);
    if (positive === alerted.has(w.id)) continue;
    const u = units.find((x) => x.unitId === w.id);
    const parts = [...(u?.parts ?? [])]
      .filter((p) => p.points !== 0)
      .sort((a, b) => Math.abs(b.points) - Math.abs(a.points))
      .slice(0, SHOWN_PARTS)
      .map((p) => ({ label: p.label, points: p.points }));
    out.push({
      kind: positive ? 'missed' : 'false',
      itemId: item.id,
      source: item.source,
      unitId: w.id,
      unitName: w.name,
      level: u?.level ?? 'green',
      score: u?.score ?? -1,
      parts,
      snippet,
    });
  }
  return out;
}

const LEVEL_NAMES: Record<Level, string> = { red: '红', orange: '橙', yellow: '黄', green: '绿' };

/** Chinese lines listing the misses: missed alerts first, then false ones. */
export function formatMisses(misses: readonly EvalMiss[]): string {
  const ordered = [...misses].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'missed' ? -1 : 1));
  const lines = [`判错的“条目×单位”对（${misses.length} 个）：`];
  for (const m of ordered) {
    const found = m.score < 0 ? '未识别到该单位' : `${m.score} 分（${LEVEL_NAMES[m.level]}）`;
    lines.push(
      `  [${m.kind === 'missed' ? '漏报' : '误报'}] ${m.itemId} ${m.unitName}：${found}  「${m.snippet}」`,
    );
    for (const p of m.parts) lines.push(`      ${p.points > 0 ? '+' : ''}${p.points}  ${p.label}`);
  }
  return `${lines.join('\n')}\n`;
}
