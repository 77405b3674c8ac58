/**
 * The statistics of a robustness analysis, as pure functions of numbers: binomial intervals for
 * the probabilities over draws, ranks, Spearman and partial rank correlations (PRCC) of the
 * uncertain parameters with a strategy's advantage.
 */
import { normalQuantile, tCdf } from "../../stats/index.js";

/** A share of draws with its 95% Wilson score interval. */
export interface Proportion {
  /** Draws where the event holds. */
  readonly count: number;
  /** Draws in all. */
  readonly draws: number;
  /** count / draws. */
  readonly p: number;
  readonly ci95: readonly [number, number];
}

const Z95 = normalQuantile(0.975);

/**
 * The share `count / draws` with its 95% Wilson score interval (Wilson 1927; Agresti & Coull
 * 1998 recommend it over the Wald interval, which collapses to [0, 0] or [1, 1] at the ends —
 * exactly where a robust winner sits).
 */
export function wilsonProportion(count: number, draws: number): Proportion {
  if (!(draws > 0)) return { count, draws, p: Number.NaN, ci95: [Number.NaN, Number.NaN] };
  const p = count / draws;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * draws)) / (1 + z2 / draws);
  const half = (Z95 / (1 + z2 / draws)) * Math.sqrt((p * (1 - p)) / draws + z2 / (4 * draws * draws));
  // Clamped: at count 0 or draws the formula gives 0 or 1 up to rounding.
  return { count, draws, p, ci95: [Math.max(0, centre - half), Math.min(1, centre + half)] };
}

/** Ranks 1 … n, ties given the mean of the ranks they span. */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value || a.index - b.index);
  const out = new Array<number>(values.length).fill(0);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && (order[end + 1] as { value: number }).value === (order[start] as { value: number }).value) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) out[(order[k] as { index: number }).index] = rank;
    start = end + 1;
  }
  return out;
}

/** Pearson correlation; NaN when either sample has no spread. */
export function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  if (n !== y.length || n < 2) return Number.NaN;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] as number;
    my += y[i] as number;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  // Relative to the data's scale, a spread this small is rounding, not variation.
  if (!(sxx > 0) || !(syy > 0)) return Number.NaN;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Spearman's rank correlation: Pearson's on the ranks. */
export function spearman(x: readonly number[], y: readonly number[]): number {
  return pearson(ranks(x), ranks(y));
}

/**
 * Residuals of the least-squares fit of y on the columns of `design` plus an intercept, by the
 * normal equations and Gaussian elimination with partial pivoting (a handful of columns).
 * @returns undefined when the columns are collinear.
 */
function residuals(y: readonly number[], design: readonly (readonly number[])[]): number[] | undefined {
  const n = y.length;
  const columns = [new Array<number>(n).fill(1), ...design];
  const k = columns.length;
  const a: number[][] = columns.map((ci) => [...columns.map((cj) => ci.reduce((sum, value, row) => sum + value * (cj[row] as number), 0)), ci.reduce((sum, value, row) => sum + value * (y[row] as number), 0)]);
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let row = col + 1; row < k; row++) if (Math.abs((a[row] as number[])[col] as number) > Math.abs((a[pivot] as number[])[col] as number)) pivot = row;
    const scale = Math.abs((a[col] as number[])[col] as number);
    [a[col], a[pivot]] = [a[pivot] as number[], a[col] as number[]];
    const lead = (a[col] as number[])[col] as number;
    if (Math.abs(lead) <= 1e-9 * Math.max(1, scale)) return undefined;
    for (let row = 0; row < k; row++) {
      if (row === col) continue;
      const factor = ((a[row] as number[])[col] as number) / lead;
      for (let c = col; c <= k; c++) (a[row] as number[])[c] = ((a[row] as number[])[c] as number) - factor * ((a[col] as number[])[c] as number);
    }
  }
  const beta = a.map((row, index) => (row[k] as number) / (row[index] as number));
  return y.map((value, row) => value - columns.reduce((sum, column, j) => sum + (beta[j] as number) * (column[row] as number), 0));
}

/** A parameter's association with an outcome over the draws. */
export interface Association {
  /** Spearman's rank correlation of the parameter with the outcome. */
  readonly spearman: number;
  /**
   * Partial rank correlation coefficient (Marino et al. 2008): the rank correlation left once the
   * other parameters' (rank-linear) effects are removed from both. NaN with too few draws.
   */
  readonly prcc: number;
  /** Two-sided p-value of the PRCC against 0 (t with n − 2 − (k − 1) degrees of freedom). */
  readonly pValue: number;
}

/**
 * Spearman and partial rank correlations of each parameter (columns of `params`, one value per
 * draw) with an outcome (one value per draw).
 */
export function associations(params: readonly (readonly number[])[], outcome: readonly number[]): Association[] {
  const n = outcome.length;
  const k = params.length;
  const rankedParams = params.map((column) => ranks(column));
  const rankedOutcome = ranks(outcome);
  return params.map((column, j) => {
    const rho = spearman(column, outcome);
    const others = rankedParams.filter((_, index) => index !== j);
    const df = n - 2 - (k - 1);
    let prcc = Number.NaN;
    if (df >= 1) {
      const rx = residuals(rankedParams[j] as number[], others);
      const ry = residuals(rankedOutcome, others);
      // Residuals that are rounding (the others already explain the outcome or the parameter
      // exactly) leave nothing to correlate: NaN, not a correlation of round-off.
      const spread = (values: readonly number[]) => values.reduce((sum, value) => sum + value * value, 0);
      const scale = (n * n * n) / 12;
      if (rx !== undefined && ry !== undefined && spread(rx) > 1e-12 * scale && spread(ry) > 1e-12 * scale) prcc = pearson(rx, ry);
    }
    let pValue = Number.NaN;
    if (Number.isFinite(prcc)) {
      const t = Math.abs(prcc) >= 1 ? Number.POSITIVE_INFINITY : prcc * Math.sqrt(df / (1 - prcc * prcc));
      pValue = 2 * (1 - tCdf(Math.abs(t), df));
    }
    return { spearman: rho, prcc, pValue };
  });
}
