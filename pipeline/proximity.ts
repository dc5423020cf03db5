import type { Hit, RoleMention } from './score-inputs.js';

/** A unit's mentions indexed for proximity lookups, so long texts with many mentions stay linear. */
export interface UnitView {
  /** Body clauses and sentences holding a subject mention of the unit. */
  clauses: Set<number>;
  sentences: Set<number>;
  /** Sorted offsets of subject mentions in the body, and of every mention per field. */
  starts: number[];
  all: Record<'title' | 'body', number[]>;
  inTitle: boolean;
  /** Title clauses holding a subject mention of this unit, and of another unit. */
  titleClauses: Set<number>;
  otherTitleClauses: Set<number>;
  /** Body clauses holding a subject mention of another unit. */
  otherClauses: Set<number>;
  /** Body clauses where the unit is named in a list with the other units there (A、B、C涉嫌诈骗). */
  listed: ReadonlySet<number>;
  /** Body sentences that name no unit and follow one naming only this unit: its subject carries on. */
  continued: Set<number>;
  sole: boolean;
  salient: boolean;
}

/** Index a unit's subject mentions and the other units' ones for proximity lookups. */
export function unitView(
  own: readonly RoleMention[],
  others: readonly RoleMention[],
  salient: boolean,
  listed: ReadonlySet<number> = new Set(),
): UnitView {
  const subject = own.filter((m) => m.role === 'subject');
  const body = subject.filter((m) => m.where === 'body');
  const sorted = (xs: RoleMention[]) => xs.map((m) => m.start).sort((a, b) => a - b);
  return {
    clauses: new Set([...body.map((m) => m.clause), ...listed]),
    sentences: new Set(body.map((m) => m.sentence)),
    starts: sorted(body),
    all: {
      title: sorted(own.filter((m) => m.where === 'title')),
      body: sorted(own.filter((m) => m.where === 'body')),
    },
    inTitle: subject.some((m) => m.where === 'title'),
    titleClauses: new Set(subject.filter((m) => m.where === 'title').map((m) => m.clause)),
    otherTitleClauses: new Set(
      others.filter((o) => o.role === 'subject' && o.where === 'title').map((o) => o.clause),
    ),
    otherClauses: new Set(
      others.filter((o) => o.role === 'subject' && o.where === 'body').map((o) => o.clause),
    ),
    listed,
    continued: continuedSentences(body, others),
    sole: others.length === 0,
    salient,
  };
}

/** How many unnamed sentences after a sentence naming the unit still read as about it. */
export const CONTINUATION_SENTENCES = 1;

// Chinese drops a subject that the sentence before gave (海象理财公司管管吧。不兑付，逾期…): a sentence that
// names no unit, right after one that names only this unit, is about this unit.
function continuedSentences(body: readonly RoleMention[], others: readonly RoleMention[]): Set<number> {
  const named = new Set([...body, ...others].filter((m) => m.where === 'body').map((m) => m.sentence));
  const othersNamed = new Set(
    others.filter((o) => o.where === 'body' && o.role === 'subject').map((o) => o.sentence),
  );
  const out = new Set<number>();
  for (const s of new Set(body.map((m) => m.sentence))) {
    if (othersNamed.has(s)) continue;
    for (let next = s + 1; next <= s + CONTINUATION_SENTENCES && !named.has(next); next++) out.add(next);
  }
  return out;
}

/** Distance from `x` to the nearest of the sorted offsets (Infinity when there are none). */
function nearest(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) < x) lo = mid + 1;
    else hi = mid;
  }
  const after = sorted[lo];
  const before = sorted[lo - 1];
  return Math.min(after === undefined ? Infinity : after - x, before === undefined ? Infinity : x - before);
}

/** Proximity of a term occurrence to a unit, 0–1, with the reason shown in the explanation. */
export function proximity(hit: Hit, v: UnitView) {
  const near = hit.rule.near;
  if (near !== undefined && nearest(v.all[hit.where], hit.start) > near)
    return { factor: 0, why: `距单位超过${near}字` };
  if (hit.where === 'title') {
    // A headline listing several stories: a term in another unit's item of it is about that unit.
    if (v.inTitle && v.otherTitleClauses.has(hit.clause) && !v.titleClauses.has(hit.clause))
      return { factor: 0.15, why: '标题中其他单位所在分句' };
    if (v.inTitle) return { factor: 1, why: '与单位同在标题' };
    return v.salient ? { factor: 0.5, why: '标题' } : { factor: 0.25, why: '标题（未点名该单位）' };
  }
  // A clause about another unit is about that unit, not this one.
  const otherClause = v.otherClauses.has(hit.clause);
  if (v.clauses.has(hit.clause))
    return otherClause
      ? v.listed.has(hit.clause)
        ? { factor: 1, why: '与单位同一分句（并列点名）' }
        : { factor: 0.7, why: '与本单位及其他单位同一分句' }
      : { factor: 1, why: '与单位同一分句' };
  if (otherClause) return { factor: 0.15, why: '其他单位所在分句' };
  if (v.sentences.has(hit.sentence)) return { factor: 0.6, why: '与单位同句' };
  if (v.continued.has(hit.sentence)) return { factor: 0.6, why: '承接上句（省略主语）' };
  if (nearest(v.starts, hit.start) <= 60) return { factor: 0.4, why: '单位附近' };
  // A headline of several stories (早报：A清盘；B获投资) does not make the whole body about each of them.
  const ownHeadline = v.inTitle && [...v.otherTitleClauses].every((c) => v.titleClauses.has(c));
  if (ownHeadline) return { factor: 0.6, why: '正文（标题点名该单位）' };
  if (v.sole) return { factor: 0.5, why: '正文（唯一点名的单位）' };
  return v.salient ? { factor: 0.35, why: '正文（主要单位）' } : { factor: 0.15, why: '正文（远离该单位）' };
}
