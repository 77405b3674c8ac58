/**
 * How product GMV spreads: real products per log-scale GMV bin by strategy (each simulated
 * product stands for several real ones, as in the KPI "products over ¥10M"), with the seed's
 * 新品超级计划 thresholds (¥10M and ¥100M) drawn as rules.
 */
import type { TopLevelSpec } from "vega-lite";
import type { GmvBin } from "../aggregate.js";
import { type ChartContext, decades, frame, round, scenarioColour, scenarioLabel, scenarioLegend, unitLabelExpression } from "./common.js";

/**
 * Product-GMV distribution (log x) with ¥10M and ¥100M rules.
 *
 * @param bins - `productGmvBins(rows, scenarios)`: mean real products per replication per bin.
 */
export function productGmvSpec(bins: readonly GmvBin[], context: ChartContext): TopLevelSpec {
  const messages = context.messages;
  const scenarios = context.scenarios.filter((name) => bins.some((row) => row.scenario === name));
  const values = bins.map((row) => ({ scenario: scenarioLabel(context, row.scenario), mid: round(row.mid), products: round(row.products) }));
  const smallest = bins.reduce((min, row) => Math.min(min, row.lo), Number.POSITIVE_INFINITY);
  const biggest = bins.reduce((max, row) => Math.max(max, row.hi), 0);
  // The axis always reaches past ¥100M so both thresholds show even when no product gets near.
  const domain = [round(Number.isFinite(smallest) ? Math.min(smallest, 1e5) : 1), round(Math.max(biggest, 3e8))];
  // Ticks of the symlog y axis at 0 and each power of ten up to the largest bin, so its labels
  // say how many products a height is (a tick count alone labels 0, 50, 100… and hides the tail).
  const tallest = bins.reduce((max, row) => Math.max(max, row.products), 0);
  const yTicks = [0, ...(tallest > 0 ? decades(Math.min(1, 10 ** Math.floor(Math.log10(tallest))), tallest) : [])];
  const x = { field: "mid", type: "quantitative", scale: { type: "log", domain, nice: false }, title: messages.productGmv, axis: { values: decades(domain[0] as number, domain[1] as number), labelExpr: unitLabelExpression(messages.money), grid: false } };
  return {
    ...frame(messages.charts["productGmv"]?.title ?? ""),
    width: 640,
    height: 260,
    layer: [
      {
        data: { values: [{ at: 1e7, label: messages.over10M }, { at: 1e8, label: messages.over100M }] },
        layer: [
          { mark: { type: "rule", color: "#c0392b", strokeDash: [4, 3] }, encoding: { x: { field: "at", type: "quantitative" } } },
          {
            mark: { type: "text", align: "left", baseline: "top", dx: 4, dy: 4, color: "#c0392b", fontWeight: "bold" },
            encoding: { x: { field: "at", type: "quantitative" }, y: { value: 0 }, text: { field: "label" } },
          },
        ],
      },
      {
        data: { values },
        mark: { type: "line", interpolate: "step", strokeWidth: 1.8, point: { size: 14 } },
        encoding: {
          x,
          // A symlog axis keeps the few products in the tail visible next to the many small ones.
          y: { field: "products", type: "quantitative", title: messages.productsPerReplication, scale: { type: "symlog" }, axis: { values: yTicks, labelExpr: unitLabelExpression(messages.count) } },
          color: { field: "scenario", type: "nominal", title: messages.strategy, scale: scenarioColour(context, scenarios), legend: scenarioLegend({ orient: "top" }, scenarios.length) },
        },
      },
    ],
  } as TopLevelSpec;
}
