import { mean } from "simple-statistics";
import { UsageError } from "../errors.js";
import { requireFiniteSample, ruleBroken } from "./messages.js";
import { tQuantile } from "./tQuantile.js";

/** A ratio of two means over paired replications with its 95% interval. */
export interface RatioOfMeans {
  /** Number of pairs. */
  readonly n: number;
  /** mean(numerator) / mean(denominator). */
  readonly ratio: number;
  /** Delta-method standard error of the ratio; 0 when n = 1. */
  readonly se: number;
  /** ratio ± t(0.975, n − 1)·se; [ratio, ratio] when n = 1. */
  readonly ci95: readonly [number, number];
}

/**
 * The ratio estimator R = x̄ / ȳ of paired samples (x_i, y_i) — replication i of both from the
 * same random streams — with its 95% interval by the delta method (Cochran 1977, Sampling
 * Techniques, §6.3): with residuals e_i = x_i − R·y_i, se(R) = s_e / (√n · |ȳ|), and the interval
 * R ± t(0.975, n − 1)·se. Unlike the mean of per-replication ratios it is not biased by the
 * replications whose denominator is small, and it accounts for the noise of both means.
 *
 * @param numerator - x_i, one value per replication.
 * @param denominator - y_i for the same replications (same index = same streams).
 * @throws {UsageError} when the samples are empty, differ in length, hold a non-finite value, or
 *   the denominator's mean is 0.
 */
export function ratioOfMeans(numerator: readonly number[], denominator: readonly number[]): RatioOfMeans {
  requireFiniteSample("ratioOfMeans", "numerator", numerator, 1);
  requireFiniteSample("ratioOfMeans", "denominator", denominator, 1);
  if (numerator.length !== denominator.length) {
    throw new UsageError(ruleBroken("ratioOfMeans", "numerator and denominator need one value per replication each, so equal lengths", `${numerator.length} vs ${denominator.length}`));
  }
  const n = numerator.length;
  const bottom = mean(denominator);
  if (bottom === 0) throw new UsageError(ruleBroken("ratioOfMeans", "the denominator's mean must not be 0", bottom));
  const ratio = mean(numerator) / bottom;
  if (n === 1) return { n, ratio, se: 0, ci95: [ratio, ratio] };
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const residual = (numerator[i] as number) - ratio * (denominator[i] as number);
    squares += residual * residual;
  }
  const se = Math.sqrt(squares / (n - 1)) / (Math.sqrt(n) * Math.abs(bottom));
  const half = tQuantile(0.975, n - 1) * se;
  return { n, ratio, se, ci95: [ratio - half, ratio + half] };
}
