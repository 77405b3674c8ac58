import { mean } from "simple-statistics";
import { UsageError } from "../errors.js";
import { requireFiniteSample, ruleBroken } from "./messages.js";
import { summarizeFinite } from "./summarize.js";

/** Treatment-minus-baseline difference of one KPI over paired replications. */
export interface PairedDifference {
  /** Number of pairs. */
  readonly n: number;
  /** Mean of the per-replication differences treatment − baseline, in the KPI's units. */
  readonly diff: number;
  /** Sample standard deviation of the differences (n − 1 denominator); 0 when n = 1. */
  readonly sd: number;
  /** 95% Student-t interval for the mean difference; [diff, diff] when n = 1. */
  readonly ci95: readonly [number, number];
  /** diff / mean(baseline), a fraction (0.05 = +5%); null when the baseline mean is 0. */
  readonly relative: number | null;
  /**
   * ci95 / mean(baseline), ordered [lo, hi]; null when the baseline mean is 0. Treats the
   * baseline mean as known, so it is narrower than a ratio interval that accounts for the
   * baseline's own noise (Fieller / delta method) — read it as a scale, not a test.
   */
  readonly relativeCi95: readonly [number, number] | null;
}

/**
 * Paired comparison of a treatment against a baseline run with common random numbers:
 * replication i of both used the same random streams, so the differences d_i = t_i − b_i cancel
 * the noise they share and the t-interval on mean(d) is narrower than an unpaired one.
 *
 * @param treatment - one KPI value per replication of the treatment.
 * @param baseline - the same KPI for the same replications (same index = same streams).
 * @throws {UsageError} when the samples are empty, differ in length, or hold a NaN or infinite value.
 */
export function pairedDifference(treatment: readonly number[], baseline: readonly number[]): PairedDifference {
  requireFiniteSample("pairedDifference", "treatment", treatment, 1);
  requireFiniteSample("pairedDifference", "baseline", baseline, 1);
  if (treatment.length !== baseline.length) {
    throw new UsageError(
      ruleBroken(
        "pairedDifference",
        "treatment and baseline need one value per replication each, so equal lengths",
        `${treatment.length} vs ${baseline.length}`,
      ),
    );
  }
  const differences = treatment.map((value, i) => value - (baseline[i] as number));
  const summary = summarizeFinite(differences);
  const baselineMean = mean(baseline);
  if (baselineMean === 0) {
    return { n: summary.n, diff: summary.mean, sd: summary.sd, ci95: summary.ci95, relative: null, relativeCi95: null };
  }
  const lo = summary.ci95[0] / baselineMean;
  const hi = summary.ci95[1] / baselineMean;
  return {
    n: summary.n,
    diff: summary.mean,
    sd: summary.sd,
    ci95: summary.ci95,
    relative: summary.mean / baselineMean,
    // A negative baseline mean flips the ends.
    relativeCi95: lo <= hi ? [lo, hi] : [hi, lo],
  };
}
