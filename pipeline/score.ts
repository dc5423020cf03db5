import type { Keyword, RoundConfig } from '../config/schema.js';
import {
  type Assessment,
  PHASE_LABELS,
  type PhaseName,
  type ScorePart,
  type UnitMatch,
} from '../core/types.js';
import { levelFor } from './level.js';
import { findPhrases } from './spans.js';

/** Points per occurrence are weight × this in the title, weight × 1 in the body. */
export const TITLE_MULTIPLIER = 2;
/** Occurrences of one term counted in the title. */
export const TITLE_CAP = 2;
/** Occurrences of one term counted in the body. */
export const BODY_CAP = 3;
/** Points of a watched unit named in the title. */
export const UNIT_IN_TITLE_POINTS = 10;

/** Phrases that refute or deny a report (辟谣, 经核实…); each distinct one lowers the score. */
export const REFUTATION_PHRASES: readonly string[] = [
  '辟谣',
  '谣言',
  '不实信息',
  '消息不实',
  '内容不实',
  '情况不实',
  '反映不实',
  '举报不实',
  '经核实',
  '经调查核实',
  '未发现',
  '不存在',
  '纯属捏造',
  '纯属虚构',
  '并非事实',
  '与事实不符',
  '澄清',
];
/** Points of each distinct refutation phrase. */
export const REFUTATION_POINTS = -15;
/** How many distinct refutation phrases count. */
export const REFUTATION_CAP = 2;

/**
 * Markers of official publicity about achievements (成效, 经验做法…) and of the official register in which
 * such reports are written (聚焦, 构建…机制, 全面从严治党…); complaints rarely use them, and each distinct one
 * lowers the risk a little. They outweigh the many misconduct words an article about inspection work names.
 */
export const PUBLICITY_PHRASES: readonly string[] = [
  '成效',
  '取得积极成效',
  '取得明显成效',
  '取得实效',
  '经验做法',
  '典型经验',
  '表彰',
  '先进集体',
  '先进个人',
  '获评',
  '荣获',
  '高质量发展',
  '扎实推进',
  '有力抓手',
  '稳步推进',
  '持续深化',
  '不断提升',
  '全面加强',
  '圆满完成',
  '再上新台阶',
  '走深走实',
  '提质增效',
  '赋能',
  '助推',
  '聚焦',
  '构建',
  '健全',
  '闭环',
  '一体化',
  '统筹',
  '织密',
  '贯彻落实',
  '深入贯彻',
  '新时代',
  '全面从严治党',
  '政治监督',
  '推动解决',
  '常态长效',
  '以案促改',
];
/** Points of each distinct publicity marker. */
export const PUBLICITY_POINTS = -5;
/** How many distinct publicity markers count. */
export const PUBLICITY_CAP = 10;

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

function termParts(
  terms: readonly Keyword[],
  where: 'title' | 'body',
  text: string,
  phase?: PhaseName,
): ScorePart[] {
  const byTerm = new Map(terms.map((k) => [k.term, k]));
  const parts: ScorePart[] = [];
  const [place, multiplier, cap] =
    where === 'title' ? ['标题', TITLE_MULTIPLIER, TITLE_CAP] : ['正文', 1, BODY_CAP];
  for (const [term, offsets] of findPhrases(text, [...byTerm.keys()])) {
    const k = byTerm.get(term);
    if (k === undefined) continue;
    const count = Math.min(offsets.length, cap);
    const extra = offsets.length > count ? `（共${offsets.length}次，按${count}次计）` : '';
    const scoped = k.phases !== undefined && k.phases.length > 0;
    const part: ScorePart = {
      kind: 'term',
      label: `${place}命中「${term}」(${k.category}) ×${count}${extra}`,
      term,
      category: k.category,
      where,
      weight: k.weight,
      count,
      points: k.weight * multiplier * count,
    };
    // effectiveTerms only keeps a phase-scoped term when the item is in one of its phases.
    if (scoped && phase !== undefined) {
      part.phase = phase;
      part.label += `（${PHASE_LABELS[phase]}阶段）`;
    }
    parts.push(part);
  }
  return parts;
}

function unitParts(units: readonly UnitMatch[]): ScorePart[] {
  return units
    .filter((u) => u.mentions.some((m) => m.where === 'title'))
    .map((u) => ({
      kind: 'unit' as const,
      label: `标题点名被巡察单位「${u.unitName}」`,
      unitId: u.unitId,
      where: 'title' as const,
      points: UNIT_IN_TITLE_POINTS,
    }));
}

function contextPart(
  text: string,
  phrases: readonly string[],
  pointsEach: number,
  cap: number,
  what: string,
): ScorePart | undefined {
  const found = [...findPhrases(text, phrases).keys()];
  if (found.length === 0) return undefined;
  const count = Math.min(found.length, cap);
  const shown = found.map((p) => `「${p}」`).join('');
  const capped = found.length > count ? `（按${count}个计）` : '';
  return { kind: 'context', label: `${what}${shown}，降低风险${capped}`, count, points: pointsEach * count };
}

/**
 * Explainable risk score of an item for one round: every addend is a ScorePart and the score is exactly the
 * sum of their points (never below 0: a clamping part makes up the difference); the level follows the
 * round's thresholds.
 */
export function assess(input: AssessInput): Assessment {
  const { round, title, body, units, phase } = input;
  const terms = effectiveTerms(round, input.lexicon, phase);
  const whole = `${title}\n${body}`;
  const parts: ScorePart[] = [
    ...termParts(terms, 'title', title, phase),
    ...termParts(terms, 'body', body, phase),
    ...unitParts(units),
  ];
  const refuted = contextPart(whole, REFUTATION_PHRASES, REFUTATION_POINTS, REFUTATION_CAP, '辟谣/否定语境');
  if (refuted !== undefined) parts.push(refuted);
  const publicity = contextPart(whole, PUBLICITY_PHRASES, PUBLICITY_POINTS, PUBLICITY_CAP, '正面宣传语境');
  if (publicity !== undefined) parts.push(publicity);
  const sum = parts.reduce((s, p) => s + p.points, 0);
  if (sum < 0) parts.push({ kind: 'context', label: '分值下限为0', points: -sum });
  const score = parts.reduce((s, p) => s + p.points, 0);
  const assessment: Assessment = {
    roundId: round.id,
    units,
    score,
    level: levelFor(score, round.levels),
    parts,
  };
  if (phase !== undefined) assessment.phase = phase;
  return assessment;
}
