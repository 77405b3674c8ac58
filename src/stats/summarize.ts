import { mean, sampleVariance } from "simple-statistics";
import { requireFiniteSample } from "./messages.js";
import { tQuantile } from "./tQuantile.js";

/** Mean of a sample with its spread and 95% confidence interval. */
export interface Summary {
  /** Number of values. */
  readonly n: number;
  /** Arithmetic mean, in the units of the values. */
  readonly mean: number;
  /** Sample standard deviation (n − 1 denominator), in the units of the values; 0 when n = 1. */
  readonly sd: number;
  /** Two-sided 95% Student-t interval for the mean, [lo, hi]; [mean, mean] when n = 1. */
  readonly ci95: readonly [number, number];
}

/**
 * Summarizes replication results of one KPI: n, mean, sd and the 95% t-interval
 * mean ± t(0.975, n − 1)·sd/√n.
 *
 * With a single value there is no estimate of spread; sd is reported as 0 and the interval
 * collapses to [mean, mean] so reports stay free of NaN — callers that care should look at n.
 * Results are finite for any finite input whose spread does not overflow (|values| below ~1e150).
 *
 * @param values - one value per replication, in the KPI's units.
 * @throws {UsageError} when `values` is empty or holds a NaN or infinite value.
 */
export function summarize(values: readonly number[]): Summary {
  requireFiniteSample("summarize", "values", values, 1);
  return summarizeFinite(values);
}

/** {@link summarize} without validation, for callers that already checked the sample. */
export function summarizeFinite(values: readonly number[]): Summary {
  const n = values.length;
  const center = mean(values);
  if (n === 1) return { n, mean: center, sd: 0, ci95: [center, center] };
  const sd = Math.sqrt(sampleVariance(values));
  const halfWidth = (tQuantile(0.975, n - 1) * sd) / Math.sqrt(n);
  return { n, mean: center, sd, ci95: [center - halfWidth, center + halfWidth] };
}
