/**
 * The scorecard of a comparison: for each strategy against the baseline, what it adds to GMV and
 * to net GMV (after returns), what it costs the platform, and how much net GMV it returns per
 * yuan of that cost — each with a 95% interval computed from the replications, paired by
 * replication (replication i of every arm ran on the same random streams).
 *
 * The platform's cost of a strategy is what it gives away beyond the baseline:
 *  - coupon spend: the couponCost KPI (face value of redeemed coupons, in yuan), minus the
 *    baseline's (0 when the baseline hands out no coupon);
 *  - boost impressions: the boostImpressions KPI minus the baseline's, valued at the baseline's
 *    GMV per impression of the recommendation feed in the same replication (feed GMV ÷ feed
 *    impressions, funnel.csv's `feed` row). The boost takes feed slots that would otherwise show
 *    ordinary feed items; what such a slot sells in the baseline is what the platform gives up by
 *    handing it to a boosted live room. The model has no ad market, so no ad price is assumed.
 *
 * Return on cost = mean(Δ net GMV) / mean(cost): a ratio of means over the paired replications
 * with a delta-method interval (stats/ratioOfMeans). It is written only where the cost's own 95%
 * interval lies above 0 — a strategy that costs the platform nothing clear has no such ratio.
 */
import type { SimulationResult } from "../market/result.js";
import { pairedDifference, ratioOfMeans, summarize } from "../stats/index.js";
import { finiteOrNull } from "./format.js";

/** A paired difference (strategy − baseline) as the scorecard writes it. */
export interface ScorecardDifference {
  readonly diff: number | null;
  readonly ci95: readonly [number | null, number | null];
  /** diff / baseline mean; null when that mean is 0. */
  readonly relative: number | null;
}

/** A mean over replications with its 95% interval. */
export interface ScorecardValue {
  readonly mean: number | null;
  readonly ci95: readonly [number | null, number | null];
}

/** One strategy's row of the scorecard. */
export interface ScorecardRow {
  readonly scenario: string;
  readonly gmv: ScorecardDifference;
  readonly netGmv: ScorecardDifference;
  /** Coupon spend beyond the baseline's, yuan. */
  readonly couponCost: ScorecardDifference;
  /** Boost impressions beyond the baseline's (real impressions). */
  readonly boostImpressions: ScorecardDifference;
  /** Those impressions valued at the baseline's feed GMV per impression, yuan. */
  readonly boostValue: ScorecardValue;
  /** couponCost + boostValue, yuan. */
  readonly cost: ScorecardValue;
  /** Net GMV gained per yuan of cost; null where the cost is not clearly above 0. */
  readonly returnOnCost: ScorecardValue | null;
}

/** The scorecard block of comparison.json. */
export interface Scorecard {
  readonly rules: {
    readonly cost: string;
    readonly impressionValue: string;
    readonly returnOnCost: string;
  };
  /** The baseline's feed GMV per feed impression, yuan: mean over replications with its interval. */
  readonly yuanPerBoostImpression: ScorecardValue;
  /** Every strategy but the baseline, in the comparison's order. */
  readonly strategies: readonly ScorecardRow[];
}

/** The rules as comparison.json states them, so a reader of the file alone knows what was computed. */
export const SCORECARD_RULES = {
  cost: "couponCost + boostValue, each beyond the baseline's (strategy − baseline, per replication)",
  impressionValue: "boost impressions beyond the baseline's × the baseline's feed GMV per feed impression in the same replication (funnel feed gmv ÷ impressions): the sales of the feed slots the boost takes",
  returnOnCost: "mean(Δ netGmv) / mean(cost) over paired replications, 95% interval by the delta method (ratio estimator); null unless the cost's 95% interval lies above 0",
} as const;

/** What the scorecard needs of one arm: its label and one result per replication (in order). */
export interface ScorecardArm {
  readonly label: string;
  readonly results: readonly SimulationResult[];
}

const allFinite = (values: readonly number[]) => values.length > 0 && values.every((value) => Number.isFinite(value));

function value(values: readonly number[]): ScorecardValue {
  if (!allFinite(values)) return { mean: null, ci95: [null, null] };
  const summary = summarize(values);
  if (values.length < 2) return { mean: finiteOrNull(summary.mean), ci95: [null, null] };
  return { mean: finiteOrNull(summary.mean), ci95: [finiteOrNull(summary.ci95[0]), finiteOrNull(summary.ci95[1])] };
}

function difference(treatment: readonly number[], baseline: readonly number[]): ScorecardDifference {
  if (!allFinite(treatment) || !allFinite(baseline) || treatment.length !== baseline.length) return { diff: null, ci95: [null, null], relative: null };
  const result = pairedDifference(treatment, baseline);
  const spread = treatment.length >= 2;
  return {
    diff: finiteOrNull(result.diff),
    ci95: spread ? [finiteOrNull(result.ci95[0]), finiteOrNull(result.ci95[1])] : [null, null],
    relative: result.relative === null ? null : finiteOrNull(result.relative),
  };
}

/** The baseline's feed GMV per feed impression of one replication (NaN without feed impressions). */
export function feedYuanPerImpression(result: SimulationResult): number {
  const feed = result.funnel.find((row) => row.source === "feed");
  return feed !== undefined && feed.impressions > 0 ? feed.gmv / feed.impressions : Number.NaN;
}

const kpi = (results: readonly SimulationResult[], name: "gmv" | "netGmv" | "couponCost" | "boostImpressions") => results.map((result) => result.kpis[name]);

/**
 * The scorecard of a comparison.
 *
 * @param arms - every arm with its results, replication by replication (same index = same streams).
 * @param baselineIndex - which arm is the baseline.
 */
export function scorecardOf(arms: readonly ScorecardArm[], baselineIndex: number): Scorecard {
  const baseline = arms[baselineIndex];
  const base = baseline?.results ?? [];
  const perImpression = base.map(feedYuanPerImpression);
  const strategies = arms.flatMap((arm, index): ScorecardRow[] => {
    if (index === baselineIndex || arm.results.length !== base.length) return [];
    const couponExtra = arm.results.map((result, r) => result.kpis.couponCost - (base[r]?.kpis.couponCost ?? Number.NaN));
    const boostExtra = arm.results.map((result, r) => result.kpis.boostImpressions - (base[r]?.kpis.boostImpressions ?? Number.NaN));
    const boostValue = boostExtra.map((extra, r) => extra * (perImpression[r] ?? Number.NaN));
    const cost = couponExtra.map((coupon, r) => coupon + (boostValue[r] ?? Number.NaN));
    const netGain = arm.results.map((result, r) => result.kpis.netGmv - (base[r]?.kpis.netGmv ?? Number.NaN));
    const costSummary = value(cost);
    const n = cost.length;
    // A return needs a cost that is there: its interval above 0 (or, with one replication, a positive cost).
    const costIsClear = costSummary.mean !== null && costSummary.mean > 0 && (n < 2 ? true : (costSummary.ci95[0] ?? 0) > 0);
    let returnOnCost: ScorecardValue | null = null;
    if (costIsClear && allFinite(netGain) && allFinite(cost)) {
      const ratio = ratioOfMeans(netGain, cost);
      returnOnCost = { mean: finiteOrNull(ratio.ratio), ci95: n < 2 ? [null, null] : [finiteOrNull(ratio.ci95[0]), finiteOrNull(ratio.ci95[1])] };
    }
    return [
      {
        scenario: arm.label,
        gmv: difference(kpi(arm.results, "gmv"), kpi(base, "gmv")),
        netGmv: difference(kpi(arm.results, "netGmv"), kpi(base, "netGmv")),
        couponCost: difference(kpi(arm.results, "couponCost"), kpi(base, "couponCost")),
        boostImpressions: difference(kpi(arm.results, "boostImpressions"), kpi(base, "boostImpressions")),
        boostValue: value(boostValue),
        cost: costSummary,
        returnOnCost,
      },
    ];
  });
  return { rules: SCORECARD_RULES, yuanPerBoostImpression: value(perImpression), strategies };
}
