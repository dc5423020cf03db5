import type { ScorePart } from '../core/types.js';
import type { Field, Hit } from './score-inputs.js';

/** Points per occurrence are weight × TERM_POINTS × proximity, × this in the title. */
export const TITLE_MULTIPLIER = 2;
/** An occurrence right after an intensifier (恶意拖欠, 疯狂非法融资) counts this much more. */
export const INTENSIFIER_FACTOR = 1.3;
/** Points per unit of lexicon weight for an occurrence in the unit's own clause. */
export const TERM_POINTS = 5;
/** Each further term part (by strength) counts this fraction of the one before. */
export const TERM_DECAY = 0.6;
/** No term part counts less than this fraction, so every piece of evidence stays in the explanation. */
export const TERM_DECAY_FLOOR = 0.15;
/** Occurrences of one term counted in the title. */
export const TITLE_CAP = 2;
/** Occurrences of one term counted in the body. */
export const BODY_CAP = 3;

/** Longest context snippet kept with a term part (characters, ellipses included). */
export const TERM_CONTEXT_MAX = 60;

/**
 * Plain-text snippet around a term occurrence: the term with about as much text on each side, whitespace
 * flattened, `…` where the field text was cut; at most TERM_CONTEXT_MAX characters.
 */
export function termContext(text: string, start: number, end: number): string {
  const len = end - start;
  if (len >= TERM_CONTEXT_MAX) return text.slice(start, start + TERM_CONTEXT_MAX);
  const side = Math.floor((TERM_CONTEXT_MAX - len - 2) / 2);
  const from = Math.max(0, start - side);
  const to = Math.min(text.length, end + side);
  const flat = text.slice(from, to).replace(/\s+/g, ' ').trim();
  return `${from > 0 ? '…' : ''}${flat}${to < text.length ? '…' : ''}`;
}

/** One part per (field, term): occurrences weighted by `factorOf`, strongest first with diminishing returns. */
export function termPartsFor(
  hits: readonly Hit[],
  factorOf: (h: Hit) => { factor: number; why: string },
  fields: readonly Field[] = [],
): ScorePart[] {
  const groups = new Map<string, Hit[]>();
  for (const h of hits) {
    const key = `${h.where}\u0000${h.rule.display}`;
    groups.set(key, [...(groups.get(key) ?? []), h]);
  }
  const parts: ScorePart[] = [];
  const raws: { part: ScorePart; raw: number }[] = [];
  for (const group of groups.values()) {
    const first = group[0];
    if (!first) continue;
    const { keyword, display } = first.rule;
    const title = first.where === 'title';
    const scored = group
      .map((h) => {
        const p = factorOf(h);
        return { h, ...p, factor: h.intensifier === undefined ? p.factor : p.factor * INTENSIFIER_FACTOR };
      })
      .sort((a, b) => b.factor - a.factor);
    const counted = scored.slice(0, title ? TITLE_CAP : BODY_CAP).filter((s) => s.factor > 0);
    if (counted.length === 0) continue;
    const raw =
      counted.reduce((s, c) => s + c.factor, 0) *
      keyword.weight *
      TERM_POINTS *
      (title ? TITLE_MULTIPLIER : 1);
    const extra = group.length > counted.length ? `（共${group.length}次，按${counted.length}次计）` : '';
    const stressed = [...new Set(counted.flatMap((c) => (c.h.intensifier ? [c.h.intensifier] : [])))];
    const stress = stressed.length > 0 ? `（加重语气「${stressed.join('」「')}」）` : '';
    const part: ScorePart = {
      kind: 'term',
      label: `${title ? '标题' : '正文'}命中「${display}」(${keyword.category}) ×${counted.length}${extra}，${counted[0]?.why}${stress}`,
      term: display,
      category: keyword.category,
      where: first.where,
      weight: keyword.weight,
      count: counted.length,
      points: 0,
    };
    const shown = counted.reduce((a, b) => (b.h.start < a.h.start ? b : a)).h;
    const text = fields.find((f) => f.where === shown.where)?.text;
    if (text) part.context = termContext(text, shown.start, shown.end);
    if (first.phase !== undefined) {
      part.phase = first.phase;
      part.label += '（阶段词）';
    }
    raws.push({ part, raw });
  }
  // Diminishing returns: the strongest term counts fully, each further one less, so a long article listing
  // many risk words does not outscore a short post making one clear allegation.
  raws.sort((a, b) => b.raw - a.raw);
  raws.forEach(({ part, raw }, i) => {
    const decay = Math.max(TERM_DECAY_FLOOR, TERM_DECAY ** i);
    part.points = Math.round(raw * decay);
    if (i > 0 && part.points > 0) part.label += `（第${i + 1}强证据，按${Math.round(decay * 100)}%计）`;
    if (part.points > 0) parts.push(part);
  });
  return parts;
}

/**
 * A source's `weight` scales a positive score: appends the part saying so to `parts` and returns its points
 * (0 for weight 1 or a score of 0 or less).
 */
export function sourceWeightPart(parts: ScorePart[], sum: number, sourceWeight: number): number {
  if (sourceWeight === 1 || sum <= 0) return 0;
  const points = Math.round(sum * (sourceWeight - 1));
  if (points !== 0)
    parts.push({ kind: 'source', label: `来源权重 ×${sourceWeight}`, weight: sourceWeight, points });
  return points;
}
