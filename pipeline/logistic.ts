// L2-regularised logistic regression fitted by Newton's method (IRLS). Written here rather than taken from
// npm: ml-logistic-regression (the maintained option) fits by plain gradient descent without an L2 penalty
// or a convergence test, so its weights depend on a learning rate and step count; this fit is exact,
// deterministic and needs no dependency for a few dozen features.

/** A fitted linear model: logit = intercept + Σ weights[i]·x[i]. */
export interface LogisticFit {
  weights: number[];
  intercept: number;
  iterations: number;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Solve A·x = b for a symmetric positive definite A (Cholesky); A and b are not modified. */
export function solveSpd(a: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = b.length;
  const l: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i]?.[j] ?? 0;
      for (let k = 0; k < j; k++) s -= (l[i]?.[k] ?? 0) * (l[j]?.[k] ?? 0);
      const row = l[i] as number[];
      row[j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / (l[j]?.[j] ?? 1);
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = b[i] ?? 0;
    for (let k = 0; k < i; k++) s -= (l[i]?.[k] ?? 0) * (y[k] ?? 0);
    y[i] = s / (l[i]?.[i] ?? 1);
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i] ?? 0;
    for (let k = i + 1; k < n; k++) s -= (l[k]?.[i] ?? 0) * (x[k] ?? 0);
    x[i] = s / (l[i]?.[i] ?? 1);
  }
  return x;
}

/**
 * Fit weights minimising the log loss plus lambda/2·‖w‖² (the intercept is not penalised). Rows are feature
 * vectors of equal length, labels 0/1.
 */
export function fitLogistic(
  rows: readonly (readonly number[])[],
  labels: readonly number[],
  lambda = 1,
  maxIterations = 50,
): LogisticFit {
  const d = (rows[0]?.length ?? 0) + 1;
  // Parameter 0 is the intercept; feature j is parameter j + 1.
  let beta = new Array<number>(d).fill(0);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const grad = new Array<number>(d).fill(0);
    const hess: number[][] = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    rows.forEach((x, r) => {
      const xi = [1, ...x];
      // Rows are mostly zeros (word features): work on the non-zero entries only.
      const nz: number[] = [];
      for (let j = 0; j < d; j++) if ((xi[j] ?? 0) !== 0) nz.push(j);
      const z = nz.reduce((s, j) => s + (xi[j] ?? 0) * (beta[j] ?? 0), 0);
      const p = sigmoid(z);
      const e = p - (labels[r] ?? 0);
      const w = Math.max(p * (1 - p), 1e-9);
      for (let a = 0; a < nz.length; a++) {
        const j = nz[a] as number;
        const vj = xi[j] ?? 0;
        grad[j] = (grad[j] ?? 0) + e * vj;
        const hj = hess[j] as number[];
        for (let b = 0; b <= a; b++) {
          const k = nz[b] as number;
          hj[k] = (hj[k] ?? 0) + w * vj * (xi[k] ?? 0);
        }
      }
    });
    for (let j = 0; j < d; j++) {
      for (let k = 0; k < j; k++) (hess[k] as number[])[j] = hess[j]?.[k] ?? 0;
      if (j > 0) {
        grad[j] = (grad[j] ?? 0) + lambda * (beta[j] ?? 0);
        (hess[j] as number[])[j] = (hess[j]?.[j] ?? 0) + lambda;
      }
    }
    const step = solveSpd(hess, grad);
    beta = beta.map((b, j) => b - (step[j] ?? 0));
    if (Math.max(...step.map(Math.abs)) < 1e-8) {
      iterations++;
      break;
    }
  }
  return { intercept: beta[0] ?? 0, weights: beta.slice(1), iterations };
}

/** The logit of one row under a fit. */
export function logit(fit: Pick<LogisticFit, 'weights' | 'intercept'>, x: readonly number[]): number {
  return fit.weights.reduce((s, w, i) => s + w * (x[i] ?? 0), fit.intercept);
}
