import type { Keyword, RoundConfig, UnitKind } from '../config/schema.js';
import type { Assessment, PhaseName, ScorePart, UnitMatch } from '../core/types.js';
import { dropListedCases } from './case-list.js';
import { caseNamePart } from './case-name.js';
import { clauseBounds, headlineClauseBounds, sentenceBounds } from './clauses.js';
import {
  PUBLICITY_CAP,
  PUBLICITY_PHRASES,
  PUBLICITY_POINTS,
  REFUTATION_CAP,
  REFUTATION_PHRASES,
  REFUTATION_POINTS,
} from './context-phrases.js';
import { datelineLength } from './dateline.js';
import { allegationFloor, praiseCeiling } from './floor.js';
import { levelFor } from './level.js';
import { itemFilter, postItemStarts } from './post-items.js';
import { proximity, unitView } from './proximity.js';
import {
  type Field,
  fieldStart,
  type Hit,
  locateMentions,
  type RoleMention,
  separateNamesFromTerms,
  termHits,
  textOf,
} from './score-inputs.js';
import { sentimentOf } from './sentiment.js';
import { findPhrases, type Span } from './spans.js';
import { listClauses } from './targeting.js';
import { sourceWeightPart, termPartsFor } from './term-parts.js';
import { compileTerm, type TermRule } from './terms.js';

export {
  PUBLICITY_PHRASES,
  PUBLICITY_POINTS,
  REFUTATION_PHRASES,
  REFUTATION_POINTS,
} from './context-phrases.js';
export {
  BODY_CAP,
  TERM_CONTEXT_MAX,
  TERM_DECAY,
  TERM_DECAY_FLOOR,
  TERM_POINTS,
  TITLE_CAP,
  TITLE_MULTIPLIER,
  termContext,
} from './term-parts.js';

/** Points of a watched unit named (as the subject) in the title. */
export const UNIT_IN_TITLE_POINTS = 10;
/** Points per unit of net negative sentiment around the unit, and the bounds of the sentiment part. */
export const SENTIMENT_POINTS = 2;
export const SENTIMENT_MAX = 16;
export const SENTIMENT_MIN = -6;
/** Share of the risk a unit keeps when it is only tagged, asked to act or cited as a source. */
export const ASIDE_FACTOR = 0.3;

/** What assess needs about one item and one round. */
export interface AssessInput {
  round: RoundConfig;
  /** The default lexicon; the round's keywords are added to it (and override terms of the same text). */
  lexicon: readonly Keyword[];
  title: string;
  body: string;
  /** Units of this round the item mentions (from matchUnits). */
  units: UnitMatch[];
  /** The round's phase the item falls in, if any. */
  phase?: PhaseName;
  /** The source's `weight` (sources.yaml): the score is multiplied by it; 1 when absent. */
  sourceWeight?: number;
}

/**
 * The terms in force for a round in a phase: the lexicon plus the round's keywords (which override lexicon
 * terms of the same text), phase-scoped ones only in their phases, weight-0 ones dropped.
 */
export function effectiveTerms(
  round: RoundConfig,
  lexicon: readonly Keyword[],
  phase?: PhaseName,
): Keyword[] {
  const byTerm = new Map<string, Keyword>();
  for (const k of [...lexicon, ...round.keywords]) byTerm.set(k.term, k);
  // Weight 0 disables a term: it neither scores nor masks the shorter terms inside it.
  return [...byTerm.values()].filter(
    (k) =>
      k.weight !== 0 &&
      (k.phases === undefined || k.phases.length === 0 || (phase !== undefined && k.phases.includes(phase))),
  );
}

// One compiled rule per keyword: rounds sharing the shipped lexicon (yuqing eval makes one round per item)
// share its compiled terms.
const compiledTerms = new WeakMap<Keyword, TermRule>();
function compiledTerm(k: Keyword): TermRule {
  const known = compiledTerms.get(k);
  if (known !== undefined) return known;
  const rule = compileTerm(k);
  compiledTerms.set(k, rule);
  return rule;
}

// Compiled rules per lexicon array and phase, so a stream of items does not recompile them.
const compiled = new WeakMap<readonly Keyword[], WeakMap<RoundConfig, Map<string, TermRule[]>>>();
function rulesFor(round: RoundConfig, lexicon: readonly Keyword[], phase?: PhaseName): TermRule[] {
  const byRound = compiled.get(lexicon) ?? new WeakMap<RoundConfig, Map<string, TermRule[]>>();
  compiled.set(lexicon, byRound);
  const byPhase = byRound.get(round) ?? new Map<string, TermRule[]>();
  byRound.set(round, byPhase);
  const key = phase ?? '';
  const rules = byPhase.get(key) ?? effectiveTerms(round, lexicon, phase).map(compiledTerm);
  byPhase.set(key, rules);
  return rules;
}

function contextPart(
  text: string,
  phrases: readonly string[],
  pointsEach: number,
  cap: number,
  what: string,
  masked: readonly Span[] = [],
): ScorePart | undefined {
  const found = [...findPhrases(text, phrases, masked).keys()];
  if (found.length === 0) return undefined;
  const count = Math.min(found.length, cap);
  const shown = found.map((p) => `「${p}」`).join('');
  const capped = found.length > count ? `（按${count}个计）` : '';
  return { kind: 'context', label: `${what}${shown}，降低风险${capped}`, count, points: pointsEach * count };
}

/** Characters before an allegation where a publicity word leads into it rather than praising. */
const LEAD_IN = 2;

/**
 * The allegations in `textOf(fields)` coordinates, each with the characters just before it: a publicity word
 * leading straight into one (精心构建利益链, 打造骗局) describes the misconduct, not a success.
 */
function leadIns(fields: readonly Field[], counted: readonly Hit[]): Span[] {
  return counted.map((h) => {
    const at = fieldStart(fields, h.where);
    return { start: Math.max(at, at + h.start - LEAD_IN), end: at + h.end };
  });
}

function sentimentPart(fields: readonly Field[], own: readonly RoleMention[]): ScorePart | undefined {
  const windows: string[] = [];
  for (const m of own.filter((x) => x.role === 'subject')) {
    const field = fields.find((f) => f.where === m.where);
    if (!field) continue;
    const [from, to] = [
      field.sentences.starts[m.sentence] ?? 0,
      field.sentences.starts[m.sentence + 1] ?? field.text.length,
    ];
    windows.push(field.text.slice(Math.max(from, m.start - 80), Math.min(to, m.end + 80)));
  }
  if (windows.length === 0) return undefined;
  const s = sentimentOf([...new Set(windows)].join('\n'));
  const net = s.negative - s.positive * 0.5;
  const points = Math.max(SENTIMENT_MIN, Math.min(SENTIMENT_MAX, Math.round(net * SENTIMENT_POINTS)));
  if (points === 0) return undefined;
  const words = s.words
    .slice(0, 6)
    .map((w) => `「${w}」`)
    .join('');
  return {
    kind: 'sentiment',
    label: points > 0 ? `单位周边负面情绪${words}` : '单位周边语气正面',
    points,
  };
}

/** Whether a title is just the start of the body (forum and Weibo items without a headline). */
export function repeatsBody(title: string, body: string): boolean {
  // Compared on letters and digits only: quotes and emoji placeholders may be cleaned from one and not the other.
  const words = (s: string) => s.replace(/[^\p{L}\p{N}]+/gu, '');
  const head = words(title).slice(0, 24);
  return head.length >= 6 && words(body.slice(0, 200)).startsWith(head);
}

/**
 * Where a unit is named as the subject of the headline: the title, else the body's first sentence (counted
 * from after its dateline, if any).
 */
function headlineMention(
  own: readonly RoleMention[],
  noTitle: boolean,
  lead: number,
): 'title' | 'body' | undefined {
  const subject = own.filter((m) => m.role === 'subject');
  if (subject.some((m) => m.where === 'title')) return 'title';
  const early = (m: RoleMention) => m.where === 'body' && m.sentence === 0 && m.start - lead < HEADLINE_REACH;
  if (noTitle && subject.some(early)) return 'body';
  return undefined;
}

/** Without a title, a unit named this early in the body's first sentence (after the dateline) is its subject. */
const HEADLINE_REACH = 40;

interface Scored {
  score: number;
  parts: ScorePart[];
}

function finish(
  parts: ScorePart[],
  sourceWeight: number,
  levels: RoundConfig['levels'],
  kind?: UnitKind,
): Scored {
  let sum = parts.reduce((s, p) => s + p.points, 0);
  sum += sourceWeightPart(parts, sum, sourceWeight);
  // A place is where something happened, not who did it: like a unit named in passing it keeps a fraction
  // of the risk (so the one responsible ranks above it), and it is never alerted on its own.
  if (kind === 'place' && sum > 0) {
    const kept = Math.min(levels.orange - 1, Math.round(sum * ASIDE_FACTOR));
    parts.push({ kind: 'context', label: '地点名称，非责任主体', points: kept - sum });
    sum = kept;
  }
  if (sum < 0) parts.push({ kind: 'context', label: '分值下限为0', points: -sum });
  return { score: Math.max(0, sum), parts };
}

/**
 * Explainable risk score of an item for one round. Each mentioned unit gets its own score: lexicon terms
 * weighted by how close they stand to the unit's mentions (same clause, sentence, nearby, elsewhere), the
 * unit named in the title, the negative sentiment around it, and the document's refutation and publicity
 * context; a unit only tagged, asked to act or cited as a source keeps a fraction. Negated terms (未发现…,
 * 严禁…) do not count. The assessment takes the best unit's score, level and parts; every score is exactly
 * the sum of its parts (never below 0: a clamping part makes up the difference).
 */
export function assess(input: AssessInput): Assessment {
  const { round, units, phase } = input;
  // A title that only repeats the start of the body (a post without a headline) is read once, in the body.
  const title = repeatsBody(input.title, input.body) ? '' : input.title;
  const fields: Field[] = [
    { where: 'title', text: title, sentences: sentenceBounds(title), clauses: headlineClauseBounds(title) },
    {
      where: 'body',
      text: input.body,
      sentences: sentenceBounds(input.body),
      clauses: clauseBounds(input.body),
    },
  ];
  const located = locateMentions(fields, units).filter((m) => m.where === 'body' || title !== '');
  const namedClauses = new Set(
    located.filter((m) => m.role === 'subject').map((m) => `${m.where}:${m.clause}`),
  );
  const found = termHits(fields, rulesFor(round, input.lexicon, phase), phase, (where, clause) =>
    namedClauses.has(`${where}:${clause}`),
  );
  const separated = separateNamesFromTerms(located, found.counted, found.negated);
  const { mentions } = separated;
  const listed = dropListedCases(fields, separated.counted, mentions);
  const counted = listed.counted;
  const negated = [...separated.negated, ...listed.negated];
  const whole = textOf(fields);
  const docParts: ScorePart[] = [];
  if (negated.length > 0) {
    const shown = [...new Set(negated.map((n) => `「${n.negator}…${n.rule.display}」`))].slice(0, 5).join('');
    docParts.push({
      kind: 'context',
      label: `否定/规定/提醒语境${shown}，不计分`,
      count: negated.length,
      points: 0,
    });
  }
  const refuted = contextPart(whole, REFUTATION_PHRASES, REFUTATION_POINTS, REFUTATION_CAP, '辟谣/否定语境');
  if (refuted !== undefined) docParts.push(refuted);
  const publicity = contextPart(
    whole,
    PUBLICITY_PHRASES,
    PUBLICITY_POINTS,
    PUBLICITY_CAP,
    '正面宣传语境',
    leadIns(fields, counted),
  );
  if (publicity !== undefined) docParts.push(publicity);
  const weight = input.sourceWeight ?? 1;

  const subjectCount = (id: string) => mentions.filter((m) => m.unitId === id && m.role === 'subject').length;
  const most = Math.max(0, ...units.map((u) => subjectCount(u.unitId)));
  const lists = listClauses(mentions, input.body);
  const lead = datelineLength(input.body);
  const itemStarts = postItemStarts(input.body);
  const scoredUnits: UnitMatch[] = units.map((u) => {
    const own = mentions.filter((m) => m.unitId === u.unitId);
    // A name both units answer to (红岭创投 for 红岭创投 and its company's full name) is not another subject.
    const ownAt = new Set(own.map((o) => `${o.where}:${o.start}`));
    const others = mentions.filter((m) => m.unitId !== u.unitId && !ownAt.has(`${m.where}:${m.start}`));
    const salient = most > 0 && subjectCount(u.unitId) === most;
    const aside = own.every((m) => m.role !== 'subject');
    // A unit only tagged or asked to act is located by all its mentions, at a fraction of the weight.
    const located = aside ? own.map((m) => ({ ...m, role: 'subject' as const })) : own;
    const view = unitView(located, others, salient, lists.get(u.unitId));
    // In a multi-item post only the unit's own items (and unnamed ones it carries) hold risk for it.
    const bodyOf = (ms: readonly RoleMention[]) => ms.filter((m) => m.where === 'body').map((m) => m.start);
    const inItems = itemFilter(
      itemStarts,
      bodyOf(own),
      bodyOf(others),
      own.some((m) => m.where === 'title'),
    );
    const ownCounted = counted.filter((h) => h.where === 'title' || inItems(h.start));
    const parts = termPartsFor(
      ownCounted,
      (h) => {
        const p = proximity(h, view);
        return aside
          ? { factor: p.factor * ASIDE_FACTOR, why: `${p.why}（仅被@、请求、引用、作地点或作受害方）` }
          : p;
      },
      fields,
    );
    const headline = headlineMention(own, title === '', lead);
    if (headline !== undefined)
      parts.push({
        kind: 'unit',
        label: `${headline === 'title' ? '标题' : '首句'}点名被巡察单位「${u.unitName}」`,
        unitId: u.unitId,
        where: headline,
        points: UNIT_IN_TITLE_POINTS,
      });
    const named = caseNamePart(fields, own, u.unitName);
    if (named !== undefined) parts.push({ ...named, unitId: u.unitId });
    const sentiment = sentimentPart(fields, own);
    if (sentiment !== undefined) parts.push({ ...sentiment, unitId: u.unitId });
    const kind = round.units.find((c) => c.id === u.unitId)?.kind;
    const toSum = [...parts, ...docParts.map((p) => ({ ...p }))];
    const floor = allegationFloor(ownCounted, view, aside, toSum, round.levels.orange);
    if (floor !== undefined) toSum.push({ ...floor, unitId: u.unitId });
    const praised = praiseCeiling(title, view.inTitle, toSum, round.levels.orange);
    if (praised !== undefined) toSum.push({ ...praised, unitId: u.unitId });
    const { score, parts: all } = finish(toSum, weight, round.levels, kind);
    return { ...u, score, level: levelFor(score, round.levels, all), parts: all };
  });

  let best: Scored;
  const top = [...scoredUnits].sort((a, b) => (b.score ?? 0) - (a.score ?? 0))[0];
  if (top) best = { score: top.score ?? 0, parts: top.parts ?? [] };
  else
    best = finish(
      [...termPartsFor(counted, () => ({ factor: 1, why: '未点名单位' }), fields), ...docParts],
      weight,
      round.levels,
    );
  const assessment: Assessment = {
    roundId: round.id,
    units: scoredUnits,
    score: best.score,
    level: levelFor(best.score, round.levels, best.parts),
    parts: best.parts,
  };
  if (phase !== undefined) assessment.phase = phase;
  return assessment;
}
