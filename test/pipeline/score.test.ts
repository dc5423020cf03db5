import { describe, expect, it } from 'vitest';
import type { Keyword, RoundConfig } from '../../config/schema.js';
import type { Assessment } from '../../core/types.js';
import { levelFor } from '../../pipeline/level.js';
import { assess, effectiveTerms, REFUTATION_POINTS } from '../../pipeline/score.js';
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
  opts: { round?: RoundConfig; lexicon?: Keyword[]; phase?: 'entry' | 'feedback' | 'rectification' } = {},
) => {
  const round = opts.round ?? ROUND;
  return assess({
    round,
    lexicon: opts.lexicon ?? LEX,
    title,
    body,
    units: matchUnits(round, title, body),
    phase: opts.phase,
  });
};
const sumOf = (a: Assessment) => a.parts.reduce((s, p) => s + p.points, 0);
const pointsOf = (a: Assessment, term: string, where: 'title' | 'body') =>
  a.parts.find((p) => p.kind === 'term' && p.term === term && p.where === where)?.points;

describe('assess', () => {
  it('explains every point: the score is exactly the sum of the parts, each with a Chinese label', () => {
    for (const a of [
      run('市住建局违规收费', '有人举报违规收费。举报无果。'),
      run('', ''),
      run('经核实，网传不实信息', '辟谣：市住建局未发现违规收费'),
      run('市住建局工作取得积极成效', '聚焦主责主业，构建长效机制，收费规范'),
    ]) {
      expect(a.score).toBe(sumOf(a));
      expect(a.score).toBeGreaterThanOrEqual(0);
      for (const p of a.parts) expect(p.label).toMatch(/\p{Script=Han}/u);
    }
  });

  it('counts title occurrences double and caps title at 2 and body at 3 occurrences, one part per term and place', () => {
    const a = run('举报举报举报', '举报，举报，举报，举报，举报');
    expect(a.parts.filter((p) => p.term === '举报').map((p) => [p.where, p.count, p.points])).toEqual([
      ['title', 2, 3 * 2 * 2],
      ['body', 3, 3 * 3],
    ]);
    expect(a.parts.find((p) => p.where === 'body')?.label).toBe(
      '正文命中「举报」(信访举报) ×3（共5次，按3次计）',
    );
  });

  it('weights a term in the title above the same term in the body', () => {
    expect(run('违规收费', '').score).toBeGreaterThan(run('', '违规收费').score);
    expect(pointsOf(run('违规收费', ''), '违规收费', 'title')).toBe(16);
    expect(pointsOf(run('', '违规收费'), '违规收费', 'body')).toBe(8);
  });

  it('lets a longer term mask the shorter terms inside it', () => {
    const a = run('', '违规收费，另有收费不透明');
    expect(pointsOf(a, '违规收费', 'body')).toBe(8);
    expect(a.parts.find((p) => p.term === '收费')?.count).toBe(1);
  });

  it('adds the round keywords to the lexicon, a round keyword overriding the lexicon term of the same text', () => {
    const round: RoundConfig = { ...ROUND, keywords: [{ term: '收费', category: '本轮关注', weight: 5 }] };
    expect(effectiveTerms(round, LEX).find((k) => k.term === '收费')).toEqual(round.keywords[0]);
    const a = run('', '收费', { round });
    expect(a.parts.find((p) => p.term === '收费')).toMatchObject({
      category: '本轮关注',
      weight: 5,
      points: 5,
    });
  });

  it('drops weight-0 terms: they neither score nor mask shorter terms', () => {
    const lexicon = [...LEX, { term: '违规收费', category: '停用', weight: 0 }];
    const a = run('', '违规收费', { lexicon });
    expect(a.parts.map((p) => p.term)).toEqual(['收费']);
  });

  it('counts a phase-scoped term only when the item is in one of its phases', () => {
    const body = '群众反映整改不到位';
    expect(run('', body, { phase: 'entry' }).parts.some((p) => p.term === '整改不到位')).toBe(false);
    expect(run('', body).parts.some((p) => p.term === '整改不到位')).toBe(false);
    const a = run('', body, { phase: 'rectification' });
    expect(a.phase).toBe('rectification');
    expect(a.parts.find((p) => p.term === '整改不到位')).toMatchObject({
      points: 10,
      phase: 'rectification',
    });
  });

  it('adds a unit part for each watched unit named in the title, not for a body mention', () => {
    const a = run('市住建局回应收费问题', '青石镇政府也有类似问题');
    expect(a.units.map((u) => u.unitId)).toEqual(['zjj', 'qsz']);
    expect(a.parts.filter((p) => p.kind === 'unit')).toEqual([
      expect.objectContaining({ unitId: 'zjj', points: 10, where: 'title' }),
    ]);
  });

  it('lowers the score for refutation and negation, and caps that discount', () => {
    const plain = run('市住建局违规收费', '网传市住建局违规收费，举报人称多次举报。');
    const refuted = run(
      '市住建局违规收费',
      '网传市住建局违规收费，举报人称多次举报。经核实，系不实信息，未发现违规收费。',
    );
    expect(refuted.score).toBeLessThan(plain.score);
    const ctx = refuted.parts.find((p) => p.kind === 'context');
    expect(ctx?.points).toBe(2 * REFUTATION_POINTS);
    expect(ctx?.label).toContain('经核实');
  });

  it('lowers the score less for official-publicity markers', () => {
    const body = '市住建局收费窗口接到举报后，推动解决群众反映的问题，取得积极成效。';
    const a = run('', body);
    const ctx = a.parts.find((p) => p.kind === 'context');
    expect(ctx?.points).toBeLessThan(0);
    expect(ctx?.points).toBeGreaterThan(REFUTATION_POINTS * 2);
  });

  it('never goes below 0, with a clamping part that keeps the sum exact', () => {
    const a = run('辟谣', '经核实，网传信息不实，未发现问题，纯属捏造。');
    expect(a.score).toBe(0);
    expect(a.parts.at(-1)).toMatchObject({ kind: 'context', label: '分值下限为0' });
    expect(sumOf(a)).toBe(0);
    expect(a.level).toBe('green');
  });

  it('levels a score by the round thresholds', () => {
    const title = '市住建局违规收费';
    const body = '违规收费，违规收费，吃拿卡要';
    const a = run(title, body, { round: DEMO_ROUND });
    expect(a.score).toBe(16 + 16 + 10 + 10);
    expect(a.level).toBe('orange');
    const strict = { ...DEMO_ROUND, levels: { red: 50, orange: 30, yellow: 10 } };
    expect(run(title, body, { round: strict }).level).toBe('red');
  });
});

describe('levelFor', () => {
  const t = { red: 60, orange: 35, yellow: 15 };
  it('uses score ≥ threshold', () => {
    expect([0, 14, 15, 34, 35, 59, 60, 200].map((s) => levelFor(s, t))).toEqual([
      'green',
      'green',
      'yellow',
      'yellow',
      'orange',
      'orange',
      'red',
      'red',
    ]);
    expect(levelFor(20, { red: 100, orange: 50, yellow: 25 })).toBe('green');
  });
});
