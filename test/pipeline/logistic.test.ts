import { describe, expect, it } from 'vitest';
import { fitLogistic, logit, solveSpd } from '../../pipeline/logistic.js';
import { alertLine, chooseVocabulary, type TrainingRow } from '../../pipeline/train.js';

describe('L2 logistic regression', () => {
  it('solves a symmetric positive definite system', () => {
    const x = solveSpd(
      [
        [4, 1, 0],
        [1, 3, 1],
        [0, 1, 2],
      ],
      [1, 2, 3],
    );
    expect(4 * (x[0] ?? 0) + (x[1] ?? 0)).toBeCloseTo(1, 9);
    expect((x[0] ?? 0) + 3 * (x[1] ?? 0) + (x[2] ?? 0)).toBeCloseTo(2, 9);
    expect((x[1] ?? 0) + 2 * (x[2] ?? 0)).toBeCloseTo(3, 9);
  });

  it('learns a positive weight for a signal that predicts the label and none for noise', () => {
    const rows: number[][] = [];
    const labels: number[] = [];
    // Deterministic data: feature 0 decides the label 90 % of the time, feature 1 alternates independently.
    for (let i = 0; i < 400; i++) {
      const signal = i % 2;
      const noise = Math.floor(i / 2) % 2;
      rows.push([signal, noise]);
      labels.push(i % 10 === 0 ? 1 - signal : signal);
    }
    const fit = fitLogistic(rows, labels, 1);
    expect(fit.weights[0]).toBeGreaterThan(3);
    expect(Math.abs(fit.weights[1] ?? 1)).toBeLessThan(0.2);
    expect(logit(fit, [1, 0])).toBeGreaterThan(0);
    expect(logit(fit, [0, 0])).toBeLessThan(0);
  });

  it('a stronger penalty shrinks the weights', () => {
    const rows = [[1], [1], [1], [0], [0], [0]];
    const labels = [1, 1, 0, 0, 0, 1];
    const weak = fitLogistic(rows, labels, 0.01);
    const strong = fitLogistic(rows, labels, 100);
    expect(Math.abs(strong.weights[0] ?? 0)).toBeLessThan(Math.abs(weak.weights[0] ?? 0));
  });

  it('the alert line separates scores at the F-beta optimum', () => {
    const z = [3, 2, 1, -1, -2, -3];
    const y = [1, 1, 1, 0, 0, 0];
    const line = alertLine(z, y, 1);
    expect(line).toBeGreaterThan(-1);
    expect(line).toBeLessThan(1);
  });

  it('the vocabulary keeps frequent bigrams only', () => {
    const row = (grams: string[]): TrainingRow => ({ itemId: 'i', source: 's', x: [], grams, y: 0 });
    const rows = [row(['逾期', '兑付']), row(['逾期']), row(['逾期', '跑路'])];
    expect(chooseVocabulary(rows, 2, 10)).toEqual(['逾期']);
  });
});
