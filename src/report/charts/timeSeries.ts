/**
 * Charts of a daily series by strategy: a line for the mean over replications and a band for
 * its 95% interval, over the festival window and the 11.11 mark. GMV per day, follower stock,
 * average trust, new-to-buyer share and the daily difference against the baseline are all this
 * one shape with different rows and units.
 */
import type { TopLevelSpec } from "vega-lite";
import type { DailyBand } from "../aggregate.js";
import { unitFor } from "../format.js";
import type { UnitStep } from "../messages.js";
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
}

function bandLine(bands: readonly DailyBand[], context: ChartContext, options: BandLineOptions): TopLevelSpec {
  const scenarios = context.scenarios.filter((name) => bands.some((row) => row.scenario === name));
  const values = bands.map((row) => ({
    scenario: scenarioLabel(context, row.scenario),
    date: row.date,
    mean: round(row.mean / options.divisor),
    lo: round(row.lo / options.divisor),
    hi: round(row.hi / options.divisor),
  }));
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
    ...frame(options.title),
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
  return bandLine(bands, context, { title: context.messages.charts["gmvDaily"]?.title ?? "", yTitle: context.messages.gmvPerDay(unit.axis), divisor: unit.divisor, zero: true });
}

/**
 * Daily GMV of each strategy minus the baseline's, with 95% bands (paired by replication): the
 * coupon's bump in the festival and any dip after it.
 *
 * @param bands - `dailyDifferenceBands(rows, "gmv", baseline, scenarios)` (real yuan).
 */
export function gmvVsBaselineSpec(bands: readonly DailyBand[], context: ChartContext): TopLevelSpec {
  const unit = moneyUnit(bands, context.messages.money);
  return bandLine(bands, context, {
    title: context.messages.charts["gmvVsBaseline"]?.title ?? "",
    yTitle: context.messages.gmvDifferencePerDay(unit.axis),
    divisor: unit.divisor,
    zero: true,
    zeroRule: true,
  });
}

/**
 * Follower stock (all merchants' followers) per day by strategy with 95% bands.
 *
 * @param bands - `dailyBands(rows, "followerStock", scenarios)` (real people).
 */
export function followerStockSpec(bands: readonly DailyBand[], context: ChartContext): TopLevelSpec {
  const unit = unitFor(context.messages.count, largest(bands));
  return bandLine(bands, context, { title: context.messages.charts["followerStock"]?.title ?? "", yTitle: context.messages.followers(unit.axis), divisor: unit.divisor, zero: false });
}

/**
 * Average trust (0–1) per day by strategy with 95% bands.
 *
 * @param bands - `dailyBands(rows, "avgTrust", scenarios)`.
 */
export function avgTrustSpec(bands: readonly DailyBand[], context: ChartContext): TopLevelSpec {
  return bandLine(bands, context, { title: context.messages.charts["avgTrust"]?.title ?? "", yTitle: context.messages.trust, divisor: 1, zero: false, yFormat: ".3f" });
}

/**
 * Share of each day's GMV from products new to the buyer (30-day rule), by strategy, with 95% bands.
 *
 * @param bands - `dailyRatioBands(rows, "gmvNewToBuyer", "gmv", scenarios)` (fractions).
 */
export function newProductDailySpec(bands: readonly DailyBand[], context: ChartContext): TopLevelSpec {
  return bandLine(bands, context, { title: context.messages.charts["newProductDaily"]?.title ?? "", yTitle: context.messages.share, divisor: 0.01, zero: false, yFormat: ".0f" });
}
