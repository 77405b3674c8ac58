/**
 * Charts of a daily series by strategy: a line for the mean over replications and a band for
 * its 95% interval, over the festival window and the 11.11 mark. GMV per day, follower stock,
 * average trust, new-to-buyer share and the daily difference against the baseline are all this
 * one shape with different rows and units. In a comparison they are small multiples
 * (./smallMultiples.ts): levels of GMV with the baseline in each panel, and for the rest the
 * paired daily differences against the baseline. Bands are clipped to the metric's range, and a
 * level axis that does not start at 0 says so on the chart.
 */
import type { TopLevelSpec } from "vega-lite";
import type { DailyBand } from "../aggregate.js";
import { unitFor } from "../format.js";
import { chartMessages } from "../chartMessages.js";
import type { UnitStep } from "../messages.js";
import { differenceMultiplesSpec, levelMultiplesSpec } from "./smallMultiples.js";
import { type ChartContext, type LayerChild, dateX, festivalLayers, frame, LINE_LEGEND, round, scenarioColour, scenarioLabel, scenarioLegend } from "./common.js";

interface BandLineOptions {
  readonly title: string;
  readonly yTitle: string;
  /** Values are divided by this before drawing (a unit step: yuan → ¥ bn). */
  readonly divisor: number;
  /** Draw a rule at y = 0 (differences). */
  readonly zeroRule?: boolean;
  /** Start the y axis at 0 (levels such as GMV); false lets it fit the data (trust). */
  readonly zero: boolean;
  /** d3 format of the y axis labels. */
  readonly yFormat?: string;
  /** The metric's range in drawn units: bands are clipped to it (no GMV below 0, no share above 100%). */
  readonly clip?: { readonly min?: number; readonly max?: number };
  /** Writes an axis value for the zoomed-axis note (drawn units). */
  readonly writeTick?: (value: number) => string;
}

function clip(value: number, range: BandLineOptions["clip"]): number {
  let out = value;
  if (range?.min !== undefined) out = Math.max(out, range.min);
  if (range?.max !== undefined) out = Math.min(out, range.max);
  return out;
}

function bandLine(bands: readonly DailyBand[], context: ChartContext, options: BandLineOptions): TopLevelSpec {
  const scenarios = context.scenarios.filter((name) => bands.some((row) => row.scenario === name));
  const values = bands.map((row) => ({
    scenario: scenarioLabel(context, row.scenario),
    date: row.date,
    mean: round(clip(row.mean / options.divisor, options.clip)),
    lo: round(clip(row.lo / options.divisor, options.clip)),
    hi: round(clip(row.hi / options.divisor, options.clip)),
  }));
  // An axis fitted to the data (zero: false) is zoomed: the chart says so and where it runs.
  const low = values.reduce((min, row) => Math.min(min, row.lo, row.mean), Number.POSITIVE_INFINITY);
  const high = values.reduce((max, row) => Math.max(max, row.hi, row.mean), Number.NEGATIVE_INFINITY);
  const write = options.writeTick ?? ((value: number) => String(round(value)));
  const subtitle = !options.zero && Number.isFinite(low) && low > 0 ? chartMessages(context.messages).zoomed(write(low), write(high)) : undefined;
  const colour = { field: "scenario", type: "nominal", title: context.messages.strategy, scale: scenarioColour(context, scenarios), legend: scenarioLegend(LINE_LEGEND, scenarios.length) };
  const y = { type: "quantitative", title: options.yTitle, scale: { zero: options.zero }, axis: options.yFormat === undefined ? {} : { format: options.yFormat } };
  const dataLayers: LayerChild[] = [
    {
      mark: { type: "area", opacity: 0.18 },
      encoding: {
        x: dateX(context.messages.date),
        y: { ...y, field: "lo" },
        y2: { field: "hi" },
        color: colour,
      },
    } as LayerChild,
    {
      mark: { type: "line", strokeWidth: 1.8 },
      encoding: { x: dateX(context.messages.date), y: { ...y, field: "mean" }, color: colour },
    } as LayerChild,
  ];
  const zeroLayer: LayerChild[] = options.zeroRule === true
    ? [{ data: { values: [{ zero: 0 }] }, mark: { type: "rule", color: "#333" }, encoding: { y: { field: "zero", type: "quantitative" } } }]
    : [];
  return {
    ...frame(options.title, subtitle),
    width: 640,
    height: 280,
    data: { values },
    layer: [...festivalLayers(context), ...zeroLayer, ...dataLayers],
  } as TopLevelSpec;
}

function largest(bands: readonly DailyBand[]): number {
  return bands.reduce((max, row) => Math.max(max, Math.abs(row.mean), Math.abs(row.hi), Math.abs(row.lo)), 0);
}

function moneyUnit(bands: readonly DailyBand[], ladder: readonly UnitStep[]): UnitStep {
  return unitFor(ladder, largest(bands));
}

/**
 * GMV per day by strategy with 95% bands, the festival window shaded and 11.11 marked.
 *
 * @param bands - `dailyBands(rows, "gmv", scenarios)` (real yuan).
 */
export function gmvDailySpec(bands: readonly DailyBand[], context: ChartContext): TopLevelSpec {
  const unit = moneyUnit(bands, context.messages.money);
  const title = context.messages.charts["gmvDaily"]?.title ?? "";
  const yTitle = context.messages.gmvPerDay(unit.axis);
  // A comparison: a panel per strategy with the baseline in each, not seven tangled lines.
  if (context.baseline !== undefined && bands.some((row) => row.scenario !== context.baseline)) {
    return levelMultiplesSpec(bands, context, { title, yTitle, divisor: unit.divisor, clip: { min: 0 } });
  }
  return bandLine(bands, context, { title, yTitle, divisor: unit.divisor, zero: true, clip: { min: 0 } });
}

/**
 * Daily GMV of each strategy minus the baseline's, with 95% bands (paired by replication): the
 * coupon's bump in the festival and any dip after it.
 *
 * @param bands - `dailyDifferenceBands(rows, "gmv", baseline, scenarios)` (real yuan).
 */
export function gmvVsBaselineSpec(bands: readonly DailyBand[], context: ChartContext): TopLevelSpec {
  const unit = moneyUnit(bands, context.messages.money);
  return differenceMultiplesSpec(bands, context, {
    title: context.messages.charts["gmvVsBaseline"]?.title ?? "",
    yTitle: context.messages.gmvDifferencePerDay(unit.axis),
    divisor: unit.divisor,
  });
}

/**
 * Follower stock (all merchants' followers) per day: in a comparison the paired daily
 * difference against the baseline per strategy, else the level with 95% bands from 0.
 *
 * @param bands - `dailyBands(rows, "followerStock", scenarios)` (real people).
 * @param differences - `dailyDifferenceBands(rows, "followerStock", baseline, scenarios)`, in a comparison.
 */
export function followerStockSpec(bands: readonly DailyBand[], context: ChartContext, differences: readonly DailyBand[] = []): TopLevelSpec {
  const title = context.messages.charts["followerStock"]?.title ?? "";
  if (differences.length > 0) {
    const unit = unitFor(context.messages.count, largest(differences));
    return differenceMultiplesSpec(differences, context, { title, yTitle: chartMessages(context.messages).difference(context.messages.followers(unit.axis)), divisor: unit.divisor });
  }
  const unit = unitFor(context.messages.count, largest(bands));
  // From 0: a fitted axis made a 3% rise look like a doubling.
  return bandLine(bands, context, { title, yTitle: context.messages.followers(unit.axis), divisor: unit.divisor, zero: true, clip: { min: 0 } });
}

/**
 * Average trust (0–1) per day: in a comparison the paired daily difference against the
 * baseline per strategy, else the level with 95% bands on a zoomed axis that says it is zoomed.
 *
 * @param bands - `dailyBands(rows, "avgTrust", scenarios)`.
 * @param differences - `dailyDifferenceBands(rows, "avgTrust", baseline, scenarios)`, in a comparison.
 */
export function avgTrustSpec(bands: readonly DailyBand[], context: ChartContext, differences: readonly DailyBand[] = []): TopLevelSpec {
  const title = context.messages.charts["avgTrust"]?.title ?? "";
  if (differences.length > 0) {
    return differenceMultiplesSpec(differences, context, { title, yTitle: chartMessages(context.messages).difference(context.messages.kpis["avgTrust"] ?? "avgTrust"), divisor: 1, yFormat: ".3f" });
  }
  return bandLine(bands, context, { title, yTitle: context.messages.trust, divisor: 1, zero: false, yFormat: ".3f", clip: { min: 0, max: 1 }, writeTick: (value) => value.toFixed(3) });
}

/**
 * Share of each day's GMV from products new to the buyer (30-day rule): in a comparison the
 * paired daily difference in percentage points per strategy, else the level from 0 to at most 100%.
 *
 * @param bands - `dailyRatioBands(rows, "gmvNewToBuyer", "gmv", scenarios)` (fractions).
 * @param differences - paired differences of the per-replication shares, in a comparison (fractions).
 */
export function newProductDailySpec(bands: readonly DailyBand[], context: ChartContext, differences: readonly DailyBand[] = []): TopLevelSpec {
  const title = context.messages.charts["newProductDaily"]?.title ?? "";
  if (differences.length > 0) {
    return differenceMultiplesSpec(differences, context, { title, yTitle: chartMessages(context.messages).shareDifference, divisor: 0.01, yFormat: ".1f" });
  }
  return bandLine(bands, context, { title, yTitle: context.messages.share, divisor: 0.01, zero: true, yFormat: ".0f", clip: { min: 0, max: 100 } });
}
