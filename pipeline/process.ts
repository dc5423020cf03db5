import { createHash } from 'node:crypto';
import type { Keyword, RoundConfig } from '../config/schema.js';
import { type Assessment, type ExtractedArticle, levelRank, type ProcessedArticle } from '../core/types.js';
import { stripBoilerplate } from './boilerplate.js';
import { normalizeArticle } from './normalize.js';
import { phaseAt } from './phase.js';
import { applyModel, type RiskModel } from './risk-model.js';
import { assess } from './score.js';
import { simhash64 } from './simhash.js';
import type { Segmenter } from './types.js';
import { matchUnits, unitPatterns } from './units.js';

/** What the processor needs; the segmenter should already hold userDictionary(rounds, lexicon). */
export interface ProcessorDeps {
  rounds: readonly RoundConfig[];
  lexicon: readonly Keyword[];
  segmenter: Segmenter;
  /** IANA zone in which phase dates are read, e.g. Asia/Shanghai. */
  timezone: string;
  /** Each source's `weight` from sources.yaml by source id; a missing source weighs 1. */
  sourceWeights?: ReadonlyMap<string, number>;
  /**
   * 'listed' (default): an item is assessed only for the rounds whose `sources` list its source, so a round
   * never scores (or routes, or shows) another round's crawl; 'all': every active round (dry runs, evaluation).
   */
  roundsOf?: 'listed' | 'all';
  /** The fitted risk model (config/model/risk-model.json); without it units keep the rule scores. */
  model?: RiskModel;
}

/** A pure function from an extracted article to a processed, scored one. */
export type Processor = (article: ExtractedArticle) => ProcessedArticle;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Stable article id: the first 24 hex digits of the SHA-256 of the (normalized) URL. */
export function articleId(normalizedUrl: string): string {
  return sha256(normalizedUrl).slice(0, 24);
}

/** Highest level of an assessment that names no watched unit: it is never a tip, so never red or orange. */
export const UNNAMED_MAX_LEVEL = 'yellow';

function withoutUnitNoAlarm(a: Assessment, round: RoundConfig): Assessment {
  if (a.units.length > 0) return a;
  // The score is capped below the alert line too, with a part saying why, so search and sorting never show an
  // alarm-sized score for an item the level says is no tip (the parts still add up to the score).
  const cap = round.levels.orange - 1;
  if (a.score <= cap && a.level !== 'red' && a.level !== 'orange') return a;
  const level = levelRank(a.level) > levelRank(UNNAMED_MAX_LEVEL) ? UNNAMED_MAX_LEVEL : a.level;
  if (a.score <= cap) return { ...a, level };
  const part = {
    kind: 'context' as const,
    label: '未点名任何被巡察单位，不预警（分值封顶）',
    points: cap - a.score,
  };
  return { ...a, score: cap, parts: [...a.parts, part], level };
}

/**
 * The pipeline: normalize → id and content hash → search tokens → SimHash → for every active round its
 * units, phase (by publish time, else fetch time) and assessment (only rounds listing the item's source); the article's score and level are the best
 * assessment's (green/0 when no round is active). Items naming no unit are still assessed, with `units: []`.
 */
export function createProcessor(deps: ProcessorDeps): Processor {
  const { segmenter, lexicon, timezone } = deps;
  const rounds = deps.rounds.filter((r) => r.active !== false);
  // Derived names are worked out once per round, not per item.
  const patterns = rounds.map((r) => r.units.map(unitPatterns));
  return (raw) => {
    const a = normalizeArticle(raw);
    const sourceWeight = deps.sourceWeights?.get(a.sourceId) ?? 1;
    // Boilerplate (reprint terms, disclaimers, related reading) is about no unit: it is neither matched nor scored.
    const body = stripBoilerplate(a.body);
    const assessments: Assessment[] = rounds.flatMap((round, i) => {
      if (deps.roundsOf !== 'all' && !round.sources.includes(a.sourceId)) return [];
      const phase = phaseAt(round, a.publishedAt ?? a.fetchedAt, timezone);
      const units = matchUnits(round, a.title, body, patterns[i], segmenter.cut);
      const ruled = assess({ round, lexicon, title: a.title, body, units, phase, sourceWeight });
      const scored = deps.model
        ? applyModel(ruled, round, deps.model, { title: a.title, body }, sourceWeight)
        : ruled;
      return [withoutUnitNoAlarm(scored, round)];
    });
    // Stable sort: rounds with equal scores keep their configured order.
    assessments.sort((x, y) => y.score - x.score);
    const top = assessments[0];
    // One segmentation pass serves both the index and the fingerprint: segmenting is most of the pipeline's cost.
    const titleTokens = segmenter.cutForSearch(a.title);
    const bodyTokens = segmenter.cutForSearch(a.body);
    return {
      ...a,
      id: articleId(a.url),
      contentHash: sha256(`${a.title}\n${a.body}`),
      simhash: simhash64([...titleTokens, ...bodyTokens]),
      titleTokens: titleTokens.join(' '),
      bodyTokens: bodyTokens.join(' '),
      assessments,
      score: top?.score ?? 0,
      level: top?.level ?? 'green',
    };
  };
}
