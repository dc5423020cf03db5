import { describe, expect, it } from 'vitest';
import type { ScorePart } from '../../core/types.js';
import { levelFor } from '../../pipeline/level.js';

const levels = { red: 60, orange: 35, yellow: 15 };
const term = (weight: number, points: number): ScorePart => ({
  kind: 'term',
  label: `词 ${weight}`,
  weight,
  points,
});

describe('levelFor with the red gate', () => {
  it('keeps a high score of mild complaint words at orange', () => {
    const parts = [term(5, 55), term(5, 30), term(7, 5)];
    expect(levelFor(90, levels, parts)).toBe('orange');
  });

  it('makes it red with one serious allegation or with spread to other sites', () => {
    expect(levelFor(90, levels, [term(5, 60), term(8, 30)])).toBe('red');
    const spread: ScorePart = { kind: 'spread', label: '传播', points: 12 };
    expect(levelFor(90, levels, [term(5, 78), spread])).toBe('red');
  });

  it('ignores a serious term that scored nothing (negated), and follows the round setting', () => {
    expect(levelFor(90, levels, [term(5, 90), term(10, 0)])).toBe('orange');
    expect(levelFor(90, { ...levels, redMinTermWeight: 5 }, [term(5, 90)])).toBe('red');
  });

  it('uses the score alone when no parts are given', () => {
    expect(levelFor(90, levels)).toBe('red');
  });
});
