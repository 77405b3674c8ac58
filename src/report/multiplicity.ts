/**
 * Which differences of a comparison are clear once the number of tests is taken into account.
 * A comparison of 6 strategies on ~30 KPIs holds ~170 paired 95% intervals: with no true change
 * at all, about 5% of them (~8) would exclude 0 by chance. The report therefore calls a
 * difference clear only where its Benjamini–Hochberg adjusted p-value (false discovery rate
 * 5% over every paired difference of the comparison) is below 0.05, and says so.
 *
 * Each p-value is recovered from the paired t-interval comparison.json writes: with n
 * replications the interval is diff ± t(0.975, n − 1)·se, so se = (hi − lo) / (2·t(0.975, n − 1))
 * and p = 2·P(T_{n−1} > |diff| / se) — the paired t-test the interval inverts.
 */
import { benjaminiHochberg, tCdf, tQuantile } from "../stats/index.js";
import type { Comparison, KpiDifference, Results } from "./types.js";

/** The false discovery rate the report controls. */
export const FALSE_DISCOVERY_RATE = 0.05;

/** One tested difference. */
export interface TestedDifference {
  readonly scenario: string;
  readonly kpi: string;
  readonly p: number;
  /** The Benjamini–Hochberg adjusted p-value. */
  readonly q: number;
  /** q below the false discovery rate. */
  readonly clear: boolean;
}

/** The tests of a comparison: every strategy's paired difference of every KPI, adjusted together. */
export interface Multiplicity {
  /** How many differences were tested. */
  readonly tests: number;
  /** How many 95% intervals would exclude 0 by chance alone if nothing changed: 5% of the tests. */
  readonly expectedByChance: number;
  /** How many intervals exclude 0 before the adjustment. */
  readonly unadjustedClear: number;
  /** How many differences stay clear after it. */
  readonly adjustedClear: number;
  /** Looks a difference up; undefined when it was not tested (no finite interval). */
  readonly of: (scenario: string, kpi: string) => TestedDifference | undefined;
}

/**
 * The replications behind the comparison's intervals: the manifest's count for the baseline,
 * else the most replications any scenario of replications.csv has; undefined when unknown.
 */
export function replicationCount(results: Results): number | undefined {
  const baseline = results.comparison?.baseline;
  const fromManifest = results.manifest.scenarios.find((scenario) => scenario.name === baseline)?.replications;
  if (fromManifest !== undefined && Number.isInteger(fromManifest) && fromManifest >= 2) return fromManifest;
  let most = 0;
  for (const row of results.replications) most = Math.max(most, row.replication);
  return most >= 2 ? most : undefined;
}

/**
 * The two-sided p-value of a paired difference from its 95% t-interval.
 *
 * @param n - replications; without it the interval is read as a normal one (df = ∞).
 */
export function pValueOf(difference: KpiDifference, n: number | undefined): number {
  const [lo, hi] = difference.ci95;
  const { diff } = difference;
  if (!Number.isFinite(diff) || !Number.isFinite(lo) || !Number.isFinite(hi)) return Number.NaN;
  const df = n !== undefined && n >= 2 ? n - 1 : Number.POSITIVE_INFINITY;
  const critical = Number.isFinite(df) ? tQuantile(0.975, df) : 1.959963984540054;
  const se = (hi - lo) / (2 * critical);
  // A difference without spread (the same value in every replication) is certain, or no difference at all.
  if (!(se > 0)) return diff === 0 ? 1 : 0;
  const t = Math.abs(diff) / se;
  const tail = Number.isFinite(df) ? 1 - tCdf(t, df) : 0.5 * erfc(t / Math.SQRT2);
  return Math.min(1, Math.max(0, 2 * tail));
}

/** The complementary error function (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7): enough for a test at 5%. */
function erfc(x: number): number {
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return poly * Math.exp(-x * x);
}

/** True when a 95% interval lies wholly on one side of 0 (clear before any adjustment). */
export function excludesZero(interval: readonly [number, number]): boolean {
  return interval[0] > 0 || interval[1] < 0;
}

/**
 * Every paired difference of a comparison (strategies other than the baseline, every KPI with a
 * finite interval), adjusted together by Benjamini–Hochberg.
 */
export function multiplicityOf(comparison: Comparison, n: number | undefined): Multiplicity {
  const tested: { scenario: string; kpi: string; p: number; excludesZero: boolean }[] = [];
  for (const strategy of comparison.strategies) {
    if (strategy.scenario === comparison.baseline) continue;
    for (const [kpi, difference] of Object.entries(strategy.vsBaseline)) {
      const p = pValueOf(difference, n);
      if (Number.isFinite(p)) tested.push({ scenario: strategy.scenario, kpi, p, excludesZero: excludesZero(difference.ci95) });
    }
  }
  const q = benjaminiHochberg(tested.map((entry) => entry.p));
  const table = new Map<string, TestedDifference>();
  let adjustedClear = 0;
  tested.forEach((entry, index) => {
    const adjusted = q[index] ?? 1;
    // Clear needs both: the adjusted test, and the interval itself on one side of 0 (they agree
    // but for rounding at the boundary, where the interval the reader sees must decide).
    const clear = adjusted < FALSE_DISCOVERY_RATE && entry.excludesZero;
    if (clear) adjustedClear++;
    table.set(`${entry.scenario}\u0000${entry.kpi}`, { scenario: entry.scenario, kpi: entry.kpi, p: entry.p, q: adjusted, clear });
  });
  return {
    tests: tested.length,
    expectedByChance: tested.length * FALSE_DISCOVERY_RATE,
    unadjustedClear: tested.filter((entry) => entry.excludesZero).length,
    adjustedClear,
    of: (scenario, kpi) => table.get(`${scenario}\u0000${kpi}`),
  };
}
