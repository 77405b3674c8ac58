import { mean, sampleVariance } from "simple-statistics";
import { requireFiniteSample } from "./messages.js";
import { tQuantile } from "./tQuantile.js";

/** Difference of means of two independent samples (Welch). */
export interface UnpairedDifference {
  /** Sizes of the two samples. */
  readonly nA: number;
  readonly nB: number;
  /** mean(a) − mean(b), in the values' units. */
  readonly diff: number;
  /** Standard error of diff: √(var(a)/nA + var(b)/nB). */
  readonly se: number;
  /** Welch–Satterthwaite degrees of freedom; not an integer in general. */
  readonly df: number;
  /** 95% Welch interval for the difference; [diff, diff] when both samples are constant. */
  readonly ci95: readonly [number, number];
}

/**
 * Welch's unequal-variance comparison of two independent samples. funnelsim compares strategies
 * with {@link pairedDifference}; this exists to show (in tests and docs) how much common random
 * numbers buy, and for comparisons across runs that did not share streams.
 *
 * @param a - first sample (e.g. the treatment's replications).
 * @param b - second sample (e.g. the baseline's replications).
 * @throws {UsageError} when either sample has fewer than 2 values (no variance estimate) or holds
 *   a NaN or infinite value.
 */
export function unpairedDifference(a: readonly number[], b: readonly number[]): UnpairedDifference {
  requireFiniteSample("unpairedDifference", "a", a, 2);
  requireFiniteSample("unpairedDifference", "b", b, 2);
  const nA = a.length;
  const nB = b.length;
  const diff = mean(a) - mean(b);
  const shareA = sampleVariance(a) / nA;
  const shareB = sampleVariance(b) / nB;
  const variance = shareA + shareB;
  if (variance === 0) return { nA, nB, diff, se: 0, df: nA + nB - 2, ci95: [diff, diff] };
  const welchDf = (variance * variance) / ((shareA * shareA) / (nA - 1) + (shareB * shareB) / (nB - 1));
  // In exact arithmetic the Welch df lies in [min(nA, nB) − 1, nA + nB − 2]; rounding can step
  // just outside, and below 1 the t quantile is undefined.
  const df = Math.min(nA + nB - 2, Math.max(Math.min(nA, nB) - 1, welchDf));
  const se = Math.sqrt(variance);
  const halfWidth = tQuantile(0.975, df) * se;
  return { nA, nB, diff, se, df, ci95: [diff - halfWidth, diff + halfWidth] };
}
