// Word evidence next to a unit: the character bigrams of the text around each of its mentions (inside the
// mention's sentence), with every watched unit's name masked. Which bigrams matter and how much is learned
// on the training set; the shipped model lists them with their weights.

import type { UnitMatch } from '../core/types.js';

/** Characters kept on each side of a mention, inside its sentence. */
export const WINDOW_REACH = 40;

const SENTENCE_END = /[。！？!?；;\n]/u;
const HAN = /\p{Script=Han}/u;

function sentenceAround(text: string, start: number, end: number): [number, number] {
  let from = Math.max(0, start - WINDOW_REACH);
  for (let i = start - 1; i >= from; i--) {
    if (SENTENCE_END.test(text[i] ?? '')) {
      from = i + 1;
      break;
    }
  }
  let to = Math.min(text.length, end + WINDOW_REACH);
  for (let i = end; i < to; i++) {
    if (SENTENCE_END.test(text[i] ?? '')) {
      to = i;
      break;
    }
  }
  return [from, to];
}

function masked(text: string, names: readonly string[]): string {
  let out = text;
  for (const n of names) if (n.length > 0) out = out.split(n).join('□');
  return out;
}

/** The text around a unit's mentions (title and body), with the watched units' names masked. */
export function unitWindows(
  title: string,
  body: string,
  unit: UnitMatch,
  units: readonly UnitMatch[],
): string[] {
  const names = [...new Set(units.flatMap((u) => [u.unitName, ...u.mentions.map((m) => m.text)]))].sort(
    (a, b) => b.length - a.length,
  );
  const windows: string[] = [];
  for (const m of unit.mentions) {
    const text = m.where === 'title' ? title : body;
    const [from, to] = sentenceAround(text, m.offset, m.offset + m.text.length);
    windows.push(masked(text.slice(from, to), names));
  }
  return [...new Set(windows)];
}

/** The distinct Han-character bigrams of some texts. */
export function bigramsOf(texts: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const t of texts) {
    for (let i = 0; i + 1 < t.length; i++) {
      const a = t[i] ?? '';
      const b = t[i + 1] ?? '';
      if (HAN.test(a) && HAN.test(b)) out.add(a + b);
    }
  }
  return out;
}
