// Recurrence matching (issue 20): is a new item about a problem the inspection team raised at 反馈? A pure stage
// applied after the assessment: it adds an explainable "涉及已反馈问题" part and, on a recurrence signal, lifts the
// level. The scorer is not touched; the Assessment keeps its shape.
import { DateTime } from 'luxon';
import type { RecurrenceWording, RoundConfig } from '../config/schema.js';
import { PROBLEM_STATUS_LABELS, type Problem } from '../core/ledger.js';
import type { Assessment, ProcessedArticle, ScorePart, UnitMatch } from '../core/types.js';
import { levelFor } from './level.js';

/** Points a matched problem adds when there is no recurrence signal. */
export const PROBLEM_POINTS = 8;

/** Share of the problem's content words the item must contain, with one key term / without any. */
const OVERLAP_WITH_TERM = 0.25;
const OVERLAP_ALONE = 0.5;

/** What recurrence matching needs besides the item. */
export interface RecurrenceDeps {
  rounds: readonly RoundConfig[];
  /** Problems of the rounds, any status. */
  problems: readonly Problem[];
  wording: RecurrenceWording;
  /** Precise-mode segmentation (Segmenter.cut). */
  cut: (text: string) => string[];
  timezone: string;
}

/** One item ↔ problem match, with the evidence. */
export interface RecurrenceMatch {
  roundId: string;
  unitId: string;
  problemId: string;
  /** Key terms of the problem found in the item. */
  terms: string[];
  /** Share of the problem's content words found in the item (0…1). */
  overlap: number;
  /** Rectification wording found in the item (还是老样子…). */
  wording: string[];
  /** Wording found, or the problem was already marked 已整改/已销号. */
  recurrence: boolean;
  part: ScorePart;
}

/** The item with its assessments amended, and the matches behind the amendments. */
export interface RecurrenceResult {
  article: ProcessedArticle;
  matches: RecurrenceMatch[];
}

/**
 * Match the item against the problems of each unit it is about, in rounds whose feedback has started by the
 * item's date (publish time, else fetch time). A match needs the problem's words, not one keyword: two key
 * terms, or one key term and a quarter of the problem's content words, or half of them without a term.
 */
export function applyRecurrence(article: ProcessedArticle, deps: RecurrenceDeps): RecurrenceResult {
  if (deps.problems.length === 0) return { article, matches: [] };
  const text = `${article.title}\n${article.body}`;
  const itemWords = new Set(deps.cut(text));
  const wording = deps.wording.rectification.filter((w) => text.includes(w));
  const generic = new Set(deps.wording.generic);
  const date = localDate(article.publishedAt ?? article.fetchedAt, deps.timezone);
  const matches: RecurrenceMatch[] = [];
  const assessments = article.assessments.map((assessment) => {
    const round = deps.rounds.find((r) => r.id === assessment.roundId);
    const since = round && feedbackStart(round);
    if (!round || !since || !date || date < since) return assessment;
    let amended = assessment;
    for (const unit of assessment.units) {
      const unitWords = unitNameWords(round, unit.unitId);
      for (const problem of deps.problems) {
        if (problem.roundId !== round.id || problem.unitId !== unit.unitId) continue;
        const found = matchProblem(problem, text, itemWords, wording, generic, unitWords, deps.cut);
        if (!found) continue;
        const current = amended.units.find((u) => u.unitId === unit.unitId) ?? unit;
        const part = problemPart(problem, found, current.score ?? amended.score, round);
        matches.push({ roundId: round.id, unitId: unit.unitId, problemId: problem.id, ...found, part });
        amended = addPart(amended, unit.unitId, part, round);
      }
    }
    return amended;
  });
  if (matches.length === 0) return { article, matches };
  const sorted = [...assessments].sort((x, y) => y.score - x.score);
  const top = sorted[0];
  return {
    article: { ...article, assessments: sorted, score: top?.score ?? 0, level: top?.level ?? 'green' },
    matches,
  };
}

interface Found {
  terms: string[];
  overlap: number;
  wording: string[];
  recurrence: boolean;
}

function matchProblem(
  problem: Problem,
  text: string,
  itemWords: ReadonlySet<string>,
  wording: string[],
  generic: ReadonlySet<string>,
  unitWords: ReadonlySet<string>,
  cut: (text: string) => string[],
): Found | undefined {
  const terms = problem.terms.filter((t) => t.length > 0 && text.includes(t));
  const words = contentWords(cut(`${problem.title}\n${problem.description}`), generic, unitWords);
  const shared = words.filter((w) => itemWords.has(w)).length;
  const overlap = words.length === 0 ? 0 : shared / words.length;
  const matched =
    terms.length >= 2 || (terms.length === 1 && overlap >= OVERLAP_WITH_TERM) || overlap >= OVERLAP_ALONE;
  if (!matched) return undefined;
  const done = problem.status !== 'rectifying';
  return { terms, overlap, wording, recurrence: wording.length > 0 || done };
}

// The problem's distinct words that can tell one problem from another: two characters or more, no digits or
// punctuation, no generic word and no part of the unit's own names (every item about the unit has those).
function contentWords(
  tokens: readonly string[],
  generic: ReadonlySet<string>,
  unitWords: ReadonlySet<string>,
): string[] {
  const out = new Set<string>();
  for (const t of tokens) {
    const w = t.trim();
    if (w.length < 2 || !/^[\p{Script=Han}A-Za-z]+$/u.test(w)) continue;
    if (generic.has(w) || unitWords.has(w)) continue;
    out.add(w);
  }
  return [...out];
}

function unitNameWords(round: RoundConfig, unitId: string): Set<string> {
  const unit = round.units.find((u) => u.id === unitId);
  return new Set(unit ? [unit.name, ...unit.aliases] : []);
}

// With a recurrence signal the part lifts the unit to at least orange; otherwise it adds PROBLEM_POINTS.
function problemPart(problem: Problem, found: Found, unitScore: number, round: RoundConfig): ScorePart {
  const lift = found.recurrence ? round.levels.orange - unitScore : 0;
  const points = Math.max(PROBLEM_POINTS, Math.ceil(lift));
  const why = [
    found.terms.length > 0 ? `关键词「${found.terms.join('」「')}」` : '',
    `与问题描述相似 ${Math.round(found.overlap * 100)}%`,
    found.wording.length > 0 ? `整改反弹表述「${found.wording.join('」「')}」` : '',
    problem.status !== 'rectifying' ? `该问题已标记为${PROBLEM_STATUS_LABELS[problem.status]}` : '',
  ].filter(Boolean);
  return {
    kind: 'problem',
    label: `涉及已反馈问题：${problem.id} ${problem.title}（${why.join('；')}）`,
    points,
    unitId: problem.unitId,
    problemId: problem.id,
    ...(problem.category !== undefined && { category: problem.category }),
  };
}

// The unit gets the part; the assessment takes the best unit's score, level and parts, as the scorer does.
function addPart(assessment: Assessment, unitId: string, part: ScorePart, round: RoundConfig): Assessment {
  const units: UnitMatch[] = assessment.units.map((u) => {
    if (u.unitId !== unitId) return u;
    const parts = [...(u.parts ?? []), part];
    const score = (u.score ?? 0) + part.points;
    return { ...u, parts, score, level: levelFor(score, round.levels, parts) };
  });
  const best = units.reduce<UnitMatch | undefined>(
    (b, u) => ((u.score ?? 0) > (b?.score ?? Number.NEGATIVE_INFINITY) ? u : b),
    undefined,
  );
  if (!best || (best.score ?? 0) <= assessment.score) {
    return { ...assessment, units };
  }
  const parts = best.parts ?? [...assessment.parts, part];
  const score = best.score ?? assessment.score + part.points;
  return { ...assessment, units, score, parts, level: levelFor(score, round.levels, parts) };
}

/** The date from which items are matched: the feedback start, else the rectification start. */
export function feedbackStart(round: RoundConfig): string | undefined {
  return round.phases.feedback?.start ?? round.phases.rectification?.start;
}

function localDate(iso: string, zone: string): string | undefined {
  const t = DateTime.fromISO(iso, { zone });
  return t.isValid ? (t.toISODate() ?? undefined) : undefined;
}
