import { describe, expect, it } from 'vitest';
import type { Keyword, RoundConfig } from '../../config/schema.js';
import type { Assessment, UnitMatch } from '../../core/types.js';
import { levelFor } from '../../pipeline/level.js';
import { ASIDE_FACTOR, assess, effectiveTerms, REFUTATION_POINTS } from '../../pipeline/score.js';
import { matchUnits } from '../../pipeline/units.js';
import { DEMO_ROUND } from './fixtures.js';

const ROUND: RoundConfig = { ...DEMO_ROUND, keywords: [] };
const LEX: Keyword[] = [
  { term: '收费', category: '侵害群众利益', weight: 2 },
  { term: '违规收费', category: '侵害群众利益', weight: 8 },
  { term: '举报', category: '信访举报', weight: 3 },
  { term: '整改不到位', category: '整改', weight: 10, phases: ['rectification'] },
];

const run = (
  title: string,
  body: string,
  opts: {
    round?: RoundConfig;
    lexicon?: Keyword[];
    phase?: 'entry' | 'feedback' | 'rectification';
    sourceWeight?: number;
  } = {},
) => {
  const round = opts.round ?? ROUND;
  return assess({
    round,
    lexicon: opts.lexicon ?? LEX,
    title,
    body,
    units: matchUnits(round, title, body),
    phase: opts.phase,
    sourceWeight: opts.sourceWeight,
  });
};
const sumOf = (parts: { points: number }[]) => parts.reduce((s, p) => s + p.points, 0);
const unit = (a: Assessment, id: string): UnitMatch | undefined => a.units.find((u) => u.unitId === id);
const termPoints = (u: UnitMatch | undefined, term: string) =>
  u?.parts?.find((p) => p.kind === 'term' && p.term === term)?.points ?? 0;

describe('assess', () => {
  it('explains every point: each unit score and the assessment score are the sums of their parts', () => {
    const a = run('市住建局违规收费', '业主举报市住建局违规收费，青石镇政府未回应。经核实情况属实。', {
      phase: 'rectification',
    });
    expect(a.score).toBe(sumOf(a.parts));
    for (const u of a.units) expect(u.score).toBe(sumOf(u.parts ?? []));
    expect(a.score).toBe(Math.max(...a.units.map((u) => u.score ?? 0)));
    for (const p of a.parts) expect(p.label).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('scores each unit by how close the terms stand to its mentions', () => {
    const a = run('', '市住建局违规收费问题突出。另据报道，青石镇政府召开了会议。');
    const zjj = unit(a, 'zjj');
    const qsz = unit(a, 'qsz');
    expect(termPoints(zjj, '违规收费')).toBeGreaterThan(termPoints(qsz, '违规收费'));
    expect(zjj?.score ?? 0).toBeGreaterThan(qsz?.score ?? 0);
    expect(a.parts.some((p) => p.kind === 'unit' && p.unitId === 'zjj')).toBe(true);
  });

  it('lets a longer term mask the shorter terms inside it', () => {
    const u = unit(run('', '市住建局违规收费'), 'zjj');
    expect(u?.parts?.map((p) => p.term).filter(Boolean)).toEqual(['违规收费']);
  });

  it('does not count a negated or rule-quoting term (未发现, 严禁)', () => {
    const denied = unit(run('', '市住建局未违规收费。'), 'zjj');
    expect(termPoints(denied, '违规收费')).toBe(0);
    const rule = unit(run('', '市住建局：严禁任何单位违规收费。'), 'zjj');
    expect(termPoints(rule, '违规收费')).toBe(0);
    expect(rule?.parts?.some((p) => p.kind === 'context' && p.label.includes('严禁'))).toBe(true);
  });

  it('lowers the score for refutation, capped at two phrases', () => {
    const plain = run('', '有人称市住建局违规收费。');
    const refuted = run('', '有人称市住建局违规收费。经核实，纯属捏造，属于谣言，特此澄清。');
    const part = refuted.parts.find((p) => p.label.startsWith('辟谣'));
    expect(part?.points).toBe(2 * REFUTATION_POINTS);
    expect(refuted.score).toBeLessThan(plain.score);
  });

  it('counts a phase-scoped term only when the item is in one of its phases', () => {
    expect(termPoints(unit(run('', '市住建局整改不到位'), 'zjj'), '整改不到位')).toBe(0);
    const u = unit(run('', '市住建局整改不到位', { phase: 'rectification' }), 'zjj');
    expect(termPoints(u, '整改不到位')).toBeGreaterThan(0);
    expect(u?.parts?.find((p) => p.term === '整改不到位')?.phase).toBe('rectification');
    expect(effectiveTerms(ROUND, LEX).map((k) => k.term)).not.toContain('整改不到位');
  });

  it('adds the round keywords, overriding the lexicon term of the same text; weight 0 disables a term', () => {
    const round = { ...ROUND, keywords: [{ term: '违规收费', category: '本轮关注', weight: 0 }] };
    expect(effectiveTerms(round, LEX).map((k) => k.term)).not.toContain('违规收费');
    const u = unit(run('', '市住建局违规收费', { round }), 'zjj');
    expect(u?.parts?.map((p) => p.term)).toContain('收费');
  });

  it('gives a unit only @-tagged in a list, or asked to act, a fraction of the risk', () => {
    const a = run('', '青石镇政府违规收费，请市住建局查处。');
    expect(unit(a, 'qsz')?.score ?? 0).toBeGreaterThan(unit(a, 'zjj')?.score ?? 0);
    const b = run('', '青石镇政府违规收费 @市住建局 @媒体 @公安');
    expect(unit(b, 'qsz')?.score ?? 0).toBeGreaterThan(unit(b, 'zjj')?.score ?? 0);
  });

  it('adds a sentiment part for angry words around the unit, and none for neutral text', () => {
    const angry = unit(run('', '市住建局的人太黑心了，群众苦不堪言，投诉无门！'), 'zjj');
    expect(angry?.parts?.find((p) => p.kind === 'sentiment')?.points ?? 0).toBeGreaterThan(0);
    const neutral = unit(run('', '市住建局召开会议，部署下一阶段工作。'), 'zjj');
    expect(neutral?.parts?.some((p) => p.kind === 'sentiment')).toBe(false);
  });

  it('multiplies by the source weight with a named source part', () => {
    const base = run('', '市住建局违规收费');
    const heavy = run('', '市住建局违规收费', { sourceWeight: 1.5 });
    const part = heavy.parts.find((p) => p.kind === 'source');
    expect(part?.points).toBe(Math.round(base.score * 0.5));
    expect(heavy.score).toBe(sumOf(heavy.parts));
  });

  it('never alerts on a place: it keeps a fraction of the risk, below orange', () => {
    const round: RoundConfig = {
      ...ROUND,
      units: [{ id: 'p', name: '青石镇', aliases: [], exclude: [], people: [], kind: 'place' }],
    };
    const a = run('青石镇违规收费', '青石镇违规收费，违规收费，强烈举报', { round });
    const raw = sumOf(a.parts.filter((p) => p.label !== '地点名称，非责任主体'));
    expect(raw).toBeGreaterThanOrEqual(round.levels.orange);
    expect(a.score).toBe(Math.min(round.levels.orange - 1, Math.round(raw * ASIDE_FACTOR)));
    expect(a.score).toBe(sumOf(a.parts));
  });

  it('never goes below 0, with a clamping part that keeps the sum exact', () => {
    const a = run('', '市住建局：经核实，纯属捏造，属于谣言。取得积极成效，高质量发展。');
    expect(a.score).toBe(0);
    expect(sumOf(a.parts)).toBe(0);
  });

  it('levels a score by the round thresholds (score ≥ threshold)', () => {
    const levels = { red: 60, orange: 35, yellow: 15 };
    expect([levelFor(60, levels), levelFor(35, levels), levelFor(15, levels), levelFor(14, levels)]).toEqual([
      'red',
      'orange',
      'yellow',
      'green',
    ]);
    const strict = { ...ROUND, levels: { red: 1000, orange: 900, yellow: 800 } };
    expect(run('', '市住建局违规收费', { round: strict }).level).toBe('green');
  });
});

describe('lexicon rules', () => {
  const lexicon = (k: Keyword) => [k];
  const score = (k: Keyword, body: string) =>
    termPoints(unit(run('', body, { lexicon: lexicon(k) }), 'zjj'), k.term.split(' ')[0] ?? '');

  it('+must requires a word in the same sentence, -exclude forbids one', () => {
    const must = { term: '收费 +违规', category: 'x', weight: 5 };
    expect(score(must, '市住建局收费违规。')).toBeGreaterThan(0);
    expect(score(must, '市住建局收费。违规的是别人。')).toBe(0);
    const excl = { term: '收费', category: 'x', weight: 5, exclude: ['标准'] };
    expect(score(excl, '市住建局收费高。')).toBeGreaterThan(0);
    expect(score(excl, '市住建局公布收费标准。')).toBe(0);
  });

  it('/regex/ terms match patterns', () => {
    const k = { term: '/乱收.{0,3}费/', category: 'x', weight: 5 };
    expect(score(k, '市住建局乱收停车费')).toBeGreaterThan(0);
  });

  it('~N counts a term only within N characters of a unit mention', () => {
    const k = { term: '收费 ~10', category: 'x', weight: 5 };
    expect(score(k, '市住建局收费')).toBeGreaterThan(0);
    expect(score(k, `市住建局。${'无关的话'.repeat(10)}收费`)).toBe(0);
  });
});
