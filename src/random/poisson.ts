/**
 * Poisson deviates: inversion for mean < 10 (one uniform, monotone in it, so common random
 * numbers stay coupled), otherwise PTRS — transformed rejection with squeeze from Hörmann
 * (1993), "The transformed rejection method for generating Poisson random variables" — which
 * takes O(1) expected time (~1.1 pairs of uniforms) however large the mean. NumPy uses the same pair.
 */
import { UsageError } from "../errors.js";
import { ruleBroken } from "./messages.js";
import { logFactorial } from "./log-factorial.js";
import type { RandomSource } from "./stream.js";

const inversionLimit = 10;

/**
 * One Poisson deviate with mean `mean` (events expected in the interval).
 *
 * Unchecked: for hot loops; callers validate (mean finite and >= 0).
 */
export function drawPoisson(source: RandomSource, mean: number): number {
  if (mean < inversionLimit) return mean > 0 ? drawPoissonInversion(source, mean, Math.exp(-mean)) : 0;
  return poissonPtrs(source, mean);
}

/**
 * Poisson deviate by inversion from a precomputed P(0) = e^{-mean}, for a hot loop that draws
 * many counts with the same small mean (below 10). The same algorithm and draw as
 * {@link drawPoisson}. Unchecked: callers pass mean >= 0 and its e^{-mean}.
 */
export function drawPoissonInversion(source: RandomSource, mean: number, probabilityOfZero: number): number {
  const u = source();
  let k = 0;
  let pk = probabilityOfZero;
  let cumulative = pk;
  // pk reaching 0 means rounding stalled the sum below u; the tail beyond is below 1e-300.
  while (u >= cumulative && pk > 0) {
    k++;
    pk *= mean / k;
    cumulative += pk;
  }
  return k;
}

/** Guide-table cells of a PoissonTable (a power of two, so u × GUIDE_CELLS is exact). */
const GUIDE_CELLS = 64;

/**
 * Inversion for one small mean, drawn many times, with the cumulative probabilities tabulated: a
 * draw looks up where to start in a guide table (Chen & Asau 1974) and scans on from there, one
 * comparison a step — usually none or one — instead of a multiply, a divide and an add for each
 * count below the answer. The table holds the very sums {@link drawPoissonInversion} forms, in
 * the same order, so a draw returns the same count for the same uniform, bit for bit.
 */
export class PoissonTable {
  /** cumulative[k] = P(X <= k) as the recurrence sums it; Infinity where the recurrence stops (p_k = 0). */
  private readonly cumulative: Float64Array;
  /** guide[j]: the answer for u = j / GUIDE_CELLS, a lower bound on the answer for any u in [j, j + 1) / GUIDE_CELLS. */
  private readonly guide: Int32Array;

  /** @param mean below 10 (the inversion range); @param probabilityOfZero its e^{-mean}. */
  constructor(mean: number, probabilityOfZero: number) {
    const values: number[] = [];
    let k = 0;
    let pk = probabilityOfZero;
    let cumulative = pk;
    // The loop of drawPoissonInversion stops at the first k with u < cumulative or pk = 0: the
    // table ends where pk reaches 0 (a sentinel no uniform passes) or where every uniform stops.
    for (;;) {
      if (!(pk > 0)) {
        values.push(Infinity);
        break;
      }
      values.push(cumulative);
      if (cumulative >= 1) break;
      k++;
      pk *= mean / k;
      cumulative += pk;
    }
    this.cumulative = Float64Array.from(values);
    this.guide = new Int32Array(GUIDE_CELLS);
    let answer = 0;
    for (let cell = 0; cell < GUIDE_CELLS; cell++) {
      while (cell / GUIDE_CELLS >= (this.cumulative[answer] as number)) answer++;
      this.guide[cell] = answer;
    }
  }

  /** One deviate: the same as drawPoissonInversion(source, mean, probabilityOfZero). */
  draw(source: RandomSource): number {
    const u = source();
    const cumulative = this.cumulative;
    // u × 64 is exact for any double in [0, 1), so the cell's start is at or below u.
    let k = this.guide[(u * GUIDE_CELLS) | 0] as number;
    while (u >= (cumulative[k] as number)) k++;
    return k;
  }
}

function poissonPtrs(source: RandomSource, mean: number): number {
  const sqrtMean = Math.sqrt(mean);
  const logMean = Math.log(mean);
  const b = 0.931 + 2.53 * sqrtMean;
  const a = -0.059 + 0.02483 * b;
  const logInverseAlpha = Math.log(1.1239 + 1.1328 / (b - 3.4));
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = source() - 0.5;
    const v = source();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor((2 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + logInverseAlpha - Math.log(a / (us * us) + b) <= -mean + k * logMean - logFactorial(k)) {
      return k;
    }
  }
}

/**
 * A Poisson sampler: counts of events in an interval where `mean` are expected.
 * Expected O(1) time per draw for any mean.
 *
 * @throws {UsageError} if `mean` is not finite and >= 0.
 */
export function poisson(source: RandomSource, mean: number): () => number {
  if (typeof mean !== "number" || !Number.isFinite(mean) || mean < 0) {
    throw new UsageError(ruleBroken("poisson", "mean must be finite and >= 0", mean));
  }
  if (mean === 0) return () => 0;
  if (mean < inversionLimit) {
    const probabilityOfZero = Math.exp(-mean);
    return () => drawPoissonInversion(source, mean, probabilityOfZero);
  }
  return () => poissonPtrs(source, mean);
}
