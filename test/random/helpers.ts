/**
 * Goodness-of-fit helpers for the sampler tests: moments with tolerances from the sampling
 * error, a Kolmogorov–Smirnov test for continuous laws and a chi-square test for discrete ones,
 * plus the special functions their reference CDFs need. Kept independent of src/random so a bug
 * there cannot hide itself here. helpers.test.ts checks these against SciPy.
 */
import { expect } from "vitest";

/**
 * Significance level of every goodness-of-fit test: with fixed seeds each passes or fails for good.
 * At this level the critical values are, confirmed in SciPy 1.17.1: KS √n·D < 1.9494746
 * (`kstwobign.isf(0.001)`), chi-square on 39 df < 72.0546630 (`chi2.isf(0.001, 39)`);
 * the tests compare p-values instead, so any number of cells works.
 */
export const significance = 1e-3;
/** Moment checks allow this many standard errors. */
export const zTolerance = 4.5;

/** Draws `count` values into a Float64Array. */
export function drawMany(count: number, draw: () => number): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = draw();
  return out;
}

/** Sample mean, variance (n - 1 denominator) and fourth central moment. */
export function moments(xs: Float64Array): { mean: number; variance: number; fourth: number } {
  const n = xs.length;
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / n;
  let m2 = 0;
  let m4 = 0;
  for (const x of xs) {
    const d = x - mean;
    const d2 = d * d;
    m2 += d2;
    m4 += d2 * d2;
  }
  return { mean, variance: m2 / (n - 1), fourth: m4 / n };
}

/**
 * Expects the sample mean and variance within zTolerance standard errors of the law's:
 * se(mean) = sqrt(variance / n); se(variance) ≈ sqrt((μ4 - σ⁴) / n), μ4 estimated from the sample.
 */
export function expectMoments(xs: Float64Array, mean: number, variance: number): void {
  const n = xs.length;
  const sample = moments(xs);
  const meanError = Math.sqrt(variance / n);
  expect(Math.abs(sample.mean - mean), `mean ${sample.mean} vs ${mean}`).toBeLessThanOrEqual(
    zTolerance * meanError + 1e-12 * Math.abs(mean),
  );
  const varianceError = Math.sqrt(Math.max(sample.fourth - variance * variance, 0) / n);
  expect(Math.abs(sample.variance - variance), `variance ${sample.variance} vs ${variance}`).toBeLessThanOrEqual(
    zTolerance * varianceError + 1e-12 * variance,
  );
}

/** Kolmogorov–Smirnov statistic D of a sample against a continuous CDF. */
export function ksStatistic(xs: Float64Array, cdf: (x: number) => number): number {
  const sorted = Float64Array.from(xs).sort();
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i] as number);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

/**
 * P(D_n > d) by the asymptotic Kolmogorov law with Stephens' small-sample correction
 * (λ = (√n + 0.12 + 0.11/√n)·d), accurate to a few percent for n >= 35.
 */
export function ksPValue(d: number, n: number): number {
  const sqrtN = Math.sqrt(n);
  const lambda = (sqrtN + 0.12 + 0.11 / sqrtN) * d;
  return kolmogorovSurvival(lambda);
}

/** Q_KS(λ) = 2 Σ (-1)^(k-1) exp(-2k²λ²). */
export function kolmogorovSurvival(lambda: number): number {
  if (lambda < 0.2) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = 2 * (k % 2 === 1 ? 1 : -1) * Math.exp(-2 * k * k * lambda * lambda);
    sum += term;
    if (Math.abs(term) < 1e-16) break;
  }
  return Math.min(1, Math.max(0, sum));
}

/** Expects a sample to pass the KS test against `cdf` at {@link significance}. */
export function expectKs(xs: Float64Array, cdf: (x: number) => number): void {
  const d = ksStatistic(xs, cdf);
  const p = ksPValue(d, xs.length);
  expect(p, `KS D = ${d}, p = ${p}`).toBeGreaterThan(significance);
}

/** Chi-square statistic and p-value of observed against expected counts. */
export function chiSquare(observed: ArrayLike<number>, expected: ArrayLike<number>): { statistic: number; df: number; p: number } {
  let statistic = 0;
  for (let i = 0; i < observed.length; i++) {
    const e = expected[i] as number;
    const d = (observed[i] as number) - e;
    statistic += (d * d) / e;
  }
  const df = observed.length - 1;
  return { statistic, df, p: regularizedGammaQ(df / 2, statistic / 2) };
}

/**
 * Chi-square goodness of fit of integer draws against a pmf: consecutive values are grouped into
 * cells of probability about 1/targetCells (so every expected count is large); values below
 * `lo` join the first cell and above `hi` the last. [lo, hi] should hold all but ~1e-9 of the mass.
 */
export function expectDiscreteFit(
  xs: Float64Array,
  pmf: (k: number) => number,
  lo: number,
  hi: number,
  targetCells = 40,
): void {
  const n = xs.length;
  const cellOf = new Int32Array(hi - lo + 1);
  const cellMass: number[] = [];
  let mass = 0;
  for (let k = lo; k <= hi; k++) {
    mass += pmf(k);
    cellOf[k - lo] = cellMass.length;
    if (mass * targetCells >= 1 || k === hi) {
      cellMass.push(mass);
      mass = 0;
    }
  }
  // A thin last cell (leftover tail) merges into the previous one.
  if (cellMass.length > 1 && (cellMass[cellMass.length - 1] as number) * n < 5) {
    const last = cellMass.pop() as number;
    cellMass[cellMass.length - 1] = (cellMass[cellMass.length - 1] as number) + last;
    for (let i = 0; i < cellOf.length; i++) if ((cellOf[i] as number) >= cellMass.length) cellOf[i] = cellMass.length - 1;
  }
  const total = cellMass.reduce((a, b) => a + b, 0);
  expect(1 - total, "pmf mass outside [lo, hi]").toBeLessThan(1e-6);
  const observed = new Float64Array(cellMass.length);
  const nonInteger = xs.find((x) => !Number.isInteger(x));
  expect(nonInteger, "every draw is an integer").toBeUndefined();
  for (const x of xs) {
    const k = Math.min(Math.max(x, lo), hi);
    observed[cellOf[k - lo] as number]! += 1;
  }
  const expected = cellMass.map((m) => (m / total) * n);
  expect(Math.min(...expected)).toBeGreaterThanOrEqual(5);
  const result = chiSquare(observed, expected);
  expect(result.p, `chi-square ${result.statistic} on ${result.df} df, p = ${result.p}`).toBeGreaterThan(significance);
}

/** Counts how often each integer in [0, size) occurs. */
export function countInts(xs: Float64Array, size: number): Float64Array {
  const counts = new Float64Array(size);
  for (const x of xs) counts[x]! += 1;
  return counts;
}

// ---- special functions (Numerical Recipes, 3rd ed., §6.1–6.4) ----

const lanczos = [
  57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199, 0.339946499848118887e-4,
  0.465236289270485756e-4, -0.983744753048795646e-4, 0.158088703224912494e-3, -0.210264441724104883e-3,
  0.217439618115212643e-3, -0.164318106536763890e-3, 0.844182239838527433e-4, -0.261908384015814087e-4,
  0.368991826595316234e-5,
];

/** log Γ(x) for x > 0, relative error < 1e-15. */
export function logGamma(x: number): number {
  let y = x;
  const tmp = x + 5.24218750000000000;
  const t = (x + 0.5) * Math.log(tmp) - tmp;
  let ser = 0.999999999999997092;
  for (const c of lanczos) ser += c / ++y;
  return t + Math.log((2.5066282746310005 * ser) / x);
}

/** Regularized lower incomplete gamma P(a, x). */
export function regularizedGammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  if (x < a + 1) {
    let ap = a;
    let sum = 1 / a;
    let del = sum;
    for (let i = 0; i < 10_000; i++) {
      del *= x / ++ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-16) break;
    }
    return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
  }
  return 1 - regularizedGammaQ(a, x);
}

/** Regularized upper incomplete gamma Q(a, x) = 1 - P(a, x). */
export function regularizedGammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  if (x < a + 1) return 1 - regularizedGammaP(a, x);
  // Lentz's continued fraction.
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/** Regularized incomplete beta I_x(a, b). */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h;
}

/** Standard normal CDF Φ(z), via P(1/2, z²/2). */
export function normalCdf(z: number): number {
  const half = 0.5 * regularizedGammaP(0.5, (z * z) / 2);
  return z < 0 ? 0.5 - half : 0.5 + half;
}

/** Binomial pmf P(X = k), X ~ Bin(n, p). */
export function binomialPmf(k: number, n: number, p: number): number {
  if (k < 0 || k > n) return 0;
  return Math.exp(
    logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p),
  );
}

/** Poisson pmf P(X = k), X ~ Poisson(mean). */
export function poissonPmf(k: number, mean: number): number {
  if (k < 0) return 0;
  return Math.exp(-mean + k * Math.log(mean) - logGamma(k + 1));
}
