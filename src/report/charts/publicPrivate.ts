/**
 * The two-wheel drive (公私域双轮驱动): public and private GMV per day, one panel per strategy on
 * a shared axis, so both the split within a strategy and the levels across strategies read.
 */
import type { TopLevelSpec } from "vega-lite";
import type { DailyBand } from "../aggregate.js";
import { unitFor } from "../format.js";
import { type ChartContext, dateX, festivalLayers, frame, LINE_LEGEND, round, scenarioLabel } from "./common.js";

const DOMAIN_COLOURS = { public: "#4c78a8", private: "#e45756" } as const;

/**
 * Public and private GMV per day with 95% bands, a panel per strategy.
 *
 * @param publicBands - `dailyBands(rows, "gmvPublic", scenarios)` (real yuan).
 * @param privateBands - `dailyBands(rows, "gmvPrivate", scenarios)`.
 */
export function publicPrivateSpec(publicBands: readonly DailyBand[], privateBands: readonly DailyBand[], context: ChartContext): TopLevelSpec {
  const messages = context.messages;
  const all = [...publicBands, ...privateBands];
  const unit = unitFor(messages.money, all.reduce((max, row) => Math.max(max, Math.abs(row.hi)), 0));
  const label = { public: messages.domains["public"] ?? "public", private: messages.domains["private"] ?? "private" };
  const scenarios = context.scenarios.filter((name) => all.some((row) => row.scenario === name));
  const colour = {
    field: "domain",
    type: "nominal",
    title: messages.domain,
    scale: { domain: [label.public, label.private], range: [DOMAIN_COLOURS.public, DOMAIN_COLOURS.private] },
    legend: LINE_LEGEND,
  };
  const y = { type: "quantitative", title: messages.gmvPerDay(unit.axis) };
  const panels = scenarios.map((scenario) => {
    const rows = (domain: "public" | "private", bands: readonly DailyBand[]) =>
      bands
        .filter((row) => row.scenario === scenario)
        .map((row) => ({ domain: label[domain], date: row.date, mean: round(row.mean / unit.divisor), lo: round(row.lo / unit.divisor), hi: round(row.hi / unit.divisor) }));
    return {
      title: { text: scenarioLabel(context, scenario), fontSize: 13, anchor: "start" },
      width: 300,
      height: 180,
      data: { values: [...rows("public", publicBands), ...rows("private", privateBands)] },
      layer: [
        ...festivalLayers(context),
        { mark: { type: "area", opacity: 0.2 }, encoding: { x: dateX(messages.date), y: { ...y, field: "lo" }, y2: { field: "hi" }, color: colour } },
        { mark: { type: "line", strokeWidth: 1.6 }, encoding: { x: dateX(messages.date), y: { ...y, field: "mean" }, color: colour } },
      ],
    };
  });
  return {
    ...frame(messages.charts["publicPrivate"]?.title ?? ""),
    columns: 2,
    concat: panels,
    resolve: { scale: { y: "shared", color: "shared" } },
  } as TopLevelSpec;
}
