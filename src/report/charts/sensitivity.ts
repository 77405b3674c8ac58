/**
 * Sensitivity charts: the tornado of a one-at-a-time analysis (each parameter's KPI range when
 * moved alone by ±δ, widest first) and the Morris μ*–σ scatter (importance against
 * non-linearity or interaction), a panel per KPI.
 */
import type { TopLevelSpec } from "vega-lite";
import type { MorrisRow, OatRow } from "../types.js";
import { type ChartContext, frame, round } from "./common.js";
import { kpiScale } from "./kpiScale.js";

/** KPIs in the order their panels appear: GMV first, then the file's order. At most four. */
function kpiOrder(rows: readonly { kpi: string }[]): string[] {
  const kpis = [...new Set(rows.map((row) => row.kpi))];
  return [...kpis.filter((kpi) => kpi === "gmv"), ...kpis.filter((kpi) => kpi !== "gmv")].slice(0, 4);
}

const LOW_COLOUR = "#4c78a8";
const HIGH_COLOUR = "#f58518";

/**
 * Tornado per KPI: a bar from the lower to the higher KPI value, a dot at each end coloured by
 * which side (−δ or +δ) of the parameter gave it, and the base KPI as a rule when known.
 */
export function tornadoSpec(rows: readonly OatRow[], context: ChartContext, delta?: number): TopLevelSpec {
  const messages = context.messages;
  const panels = kpiOrder(rows).map((kpi) => {
    const selected = rows.filter((row) => row.kpi === kpi && Number.isFinite(row.lowKpi) && Number.isFinite(row.highKpi));
    const magnitude = selected.reduce((max, row) => Math.max(max, Math.abs(row.lowKpi), Math.abs(row.highKpi)), 0);
    const scale = kpiScale(kpi, magnitude, messages);
    const order = [...selected].sort((a, b) => b.swing - a.swing).map((row) => row.param);
    const bars = selected.map((row) => ({
      param: row.param,
      from: round(Math.min(row.lowKpi, row.highKpi) / scale.divisor),
      to: round(Math.max(row.lowKpi, row.highKpi) / scale.divisor),
    }));
    const ends = selected.flatMap((row) => [
      { param: row.param, side: messages.lowSide, value: round(row.lowKpi / scale.divisor) },
      { param: row.param, side: messages.highSide, value: round(row.highKpi / scale.divisor) },
    ]);
    const base = selected.find((row) => row.baseKpi !== undefined && Number.isFinite(row.baseKpi))?.baseKpi;
    const y = { field: "param", type: "nominal", sort: order, title: null, axis: { labelLimit: 320 } };
    return {
      width: 420,
      height: { step: 22 },
      layer: [
        ...(base === undefined
          ? []
          : [{ data: { values: [{ base: round(base / scale.divisor) }] }, mark: { type: "rule", color: "#333", strokeDash: [3, 3] }, encoding: { x: { field: "base", type: "quantitative" } } }]),
        {
          data: { values: bars },
          mark: { type: "bar", color: "#c8d6e5", height: 14 },
          encoding: { y, x: { field: "from", type: "quantitative", title: scale.label, scale: { zero: false } }, x2: { field: "to" } },
        },
        {
          data: { values: ends },
          mark: { type: "point", filled: true, size: 60 },
          encoding: {
            y,
            x: { field: "value", type: "quantitative" },
            color: { field: "side", type: "nominal", title: null, scale: { domain: [messages.lowSide, messages.highSide], range: [LOW_COLOUR, HIGH_COLOUR] }, legend: { orient: "top" } },
          },
        },
      ],
    };
  });
  const subtitle = delta === undefined || !Number.isFinite(delta) ? undefined : `δ = ${round(delta * 100)}%`;
  return { ...frame(messages.charts["tornado"]?.title ?? "", subtitle), vconcat: panels, resolve: { scale: { color: "shared" } } } as TopLevelSpec;
}

/**
 * Morris screening per KPI: μ* (overall importance) against σ (non-linearity or interaction),
 * each parameter a labelled dot, with the line σ = μ* to read which effects are mostly non-linear.
 */
export function morrisSpec(rows: readonly MorrisRow[], context: ChartContext): TopLevelSpec {
  const messages = context.messages;
  const panels = kpiOrder(rows).map((kpi) => {
    const selected = rows.filter((row) => row.kpi === kpi && Number.isFinite(row.muStar) && Number.isFinite(row.sigma));
    const magnitude = selected.reduce((max, row) => Math.max(max, row.muStar, row.sigma), 0);
    const scale = kpiScale(kpi, magnitude, messages);
    const top = round((magnitude / scale.divisor) * 1.1);
    return {
      title: { text: scale.label, fontSize: 12, anchor: "start" },
      width: 300,
      height: 240,
      layer: [
        {
          data: { values: [{ a: 0, b: 0 }, { a: top, b: top }] },
          mark: { type: "line", color: "#999", strokeDash: [4, 4] },
          encoding: { x: { field: "a", type: "quantitative" }, y: { field: "b", type: "quantitative" } },
        },
        {
          data: { values: selected.map((row) => ({ param: row.param, muStar: round(row.muStar / scale.divisor), sigma: round(row.sigma / scale.divisor) })) },
          layer: [
            {
              mark: { type: "point", filled: true, size: 60, color: "#4c78a8" },
              encoding: {
                x: { field: "muStar", type: "quantitative", title: messages.muStar, scale: { domain: [0, top] } },
                y: { field: "sigma", type: "quantitative", title: messages.sigma, scale: { domain: [0, top] } },
              },
            },
            {
              mark: { type: "text", align: "left", dx: 6, dy: -6, fontSize: 10 },
              encoding: { x: { field: "muStar", type: "quantitative" }, y: { field: "sigma", type: "quantitative" }, text: { field: "param" } },
            },
          ],
        },
      ],
    };
  });
  return { ...frame(messages.charts["morris"]?.title ?? ""), hconcat: panels } as TopLevelSpec;
}
