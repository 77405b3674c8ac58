/**
 * Binomial deviates: inversion when n·min(p, 1-p) < 10 (few steps, one uniform), otherwise
 * BTRS — transformed rejection with squeeze from Hörmann (1993), "The generation of binomial
 * random variates", the same paper as BTRD. BTRS takes O(1) expected time (~1.15 pairs of
 * uniforms) for any n, so n = 1e6 costs no more than n = 100. It is the algorithm TensorFlow
 * and JAX use; we chose it over BTRD because it is shorter with the same expected cost.
 */
import { UsageError } from "../errors.js";
import { isCount, isInClosed, ruleBroken } from "./messages.js";
import { stirlingTail } from "./log-factorial.js";
import type { RandomSource } from "./stream.js";

/** Below this n·p, inversion walks fewer steps than BTRS's setup costs. */
const inversionLimit = 10;

/**
 * One binomial deviate: successes in `n` trials of probability `p`.
 *
 * Unchecked: for hot loops; callers validate (n an integer >= 0, p in [0, 1]).
 */
export function drawBinomial(source: RandomSource, n: number, p: number): number {
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  // Both algorithms assume p <= 1/2; by symmetry Bin(n, p) = n - Bin(n, 1 - p).
  if (p > 0.5) return n - drawLowBinomial(source, n, 1 - p);
  return drawLowBinomial(source, n, p);
}

function drawLowBinomial(source: RandomSource, n: number, p: number): number {
  if (n * p < inversionLimit) {
    const q = 1 - p;
    return binomialInversion(source, n, p, q, Math.exp(n * Math.log1p(-p)), inversionBound(n, p, q));
  }
  return binomialBtrs(source, n, p);
}

function inversionBound(n: number, p: number, q: number): number {
  const np = n * p;
  return Math.min(n, np + 10 * Math.sqrt(np * q + 1));
}

/**
 * Sequential search of the CDF from 0 (Kachitvichyanukul & Schmeiser's BINV). `bound` restarts
 * the search in the rare case rounding lets the cumulative sum stall below u.
 */
function binomialInversion(
  source: RandomSource,
  n: number,
  p: number,
  q: number,
  probabilityOfZero: number,
  bound: number,
): number {
  let k = 0;
  let pk = probabilityOfZero;
  let u = source();
  while (u > pk) {
    k++;
    if (k > bound) {
      k = 0;
      pk = probabilityOfZero;
      u = source();
    } else {
      u -= pk;
      pk = ((n - k + 1) * p * pk) / (k * q);
    }
  }
  return k;
}

function binomialBtrs(source: RandomSource, n: number, p: number): number {
  const q = 1 - p;
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const r = p / q;
  const alpha = (2.83 + 5.1 / b) * spq;
  const m = Math.floor((n + 1) * p);
  for (;;) {
    const u = source() - 0.5;
    let v = source();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor((2 * a / us + b) * u + c);
    if (k < 0 || k > n) continue;
    // The squeeze: inside this box the hat and the pmf agree closely enough to accept outright.
    if (us >= 0.07 && v <= vr) return k;
    v = Math.log((v * alpha) / (a / (us * us) + b));
    const bound =
      (m + 0.5) * Math.log((m + 1) / (r * (n - m + 1))) +
      (n + 1) * Math.log((n - m + 1) / (n - k + 1)) +
      (k + 0.5) * Math.log((r * (n - k + 1)) / (k + 1)) +
      stirlingTail(m) +
      stirlingTail(n - m) -
      stirlingTail(k) -
      stirlingTail(n - k);
    if (v <= bound) return k;
  }
}

/**
 * A binomial sampler: successes in `n` independent trials each succeeding with probability `p`.
 * Expected O(1) time per draw for any n.
 *
 * @throws {UsageError} if `n` is not an integer >= 0 or `p` is not in [0, 1].
 */
export function binomial(source: RandomSource, n: number, p: number): () => number {
  if (!isCount(n)) throw new UsageError(ruleBroken("binomial", "n must be an integer >= 0", n));
  if (!isInClosed(p, 0, 1)) throw new UsageError(ruleBroken("binomial", "p must be in [0, 1]", p));
  if (n === 0 || p === 0) return () => 0;
  if (p === 1) return () => n;
  const flipped = p > 0.5;
  const low = flipped ? 1 - p : p;
  if (n * low < inversionLimit) {
    const q = 1 - low;
    const probabilityOfZero = Math.exp(n * Math.log1p(-low));
    const bound = inversionBound(n, low, q);
    return flipped
      ? () => n - binomialInversion(source, n, low, q, probabilityOfZero, bound)
      : () => binomialInversion(source, n, low, q, probabilityOfZero, bound);
  }
  return flipped ? () => n - binomialBtrs(source, n, low) : () => binomialBtrs(source, n, low);
}
